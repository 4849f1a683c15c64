import Crypto
import Foundation
import Testing
@testable import MarketServer

@Suite("Stripe webhook signatures")
struct StripeSignatureTests {
    let secret = "whsec_test_5ecret"
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let body = Array(#"{"id":"evt_1","type":"payment_intent.succeeded","created":1800000000,"data":{"object":{"id":"pi_1","metadata":{"checkoutId":"chk_9"}}}}"#.utf8)

    private func verify(_ header: String, body: [UInt8]? = nil, secret: String? = nil, at: Date? = nil) -> StripeSignatureError? {
        do {
            try StripeSignature.verify(header: header, payload: body ?? self.body, secret: secret ?? self.secret, now: at ?? now)
            return nil
        } catch {
            return error
        }
    }

    @Test("a header made with the secret verifies, and it is Stripe's HMAC-SHA256 of \"t.body\"")
    func valid() throws {
        let header = StripeSignature.header(payload: body, secret: secret, timestamp: now)
        #expect(verify(header) == nil)
        // Computed independently, as Stripe documents it.
        let mac = HMAC<SHA256>.authenticationCode(for: Array("1800000000.".utf8) + body, using: SymmetricKey(data: Array(secret.utf8)))
        #expect(header == "t=1800000000,v1=" + mac.map { String(format: "%02x", $0) }.joined())
        // A body that is not contiguous storage is hashed the same.
        #expect((try? StripeSignature.verify(header: header, payload: body.lazy.map { $0 }, secret: secret, now: now)) != nil)
    }

    @Test("a changed body or another secret does not verify")
    func tampered() {
        let header = StripeSignature.header(payload: body, secret: secret, timestamp: now)
        var changed = body
        changed[changed.count - 3] = UInt8(ascii: "8")
        #expect(verify(header, body: changed) == .noMatchingSignature)
        #expect(verify(header, body: body + [0x20]) == .noMatchingSignature)
        #expect(verify(header, secret: "whsec_other") == .noMatchingSignature)
        #expect(verify(header, secret: "") == .noMatchingSignature)
        // The timestamp is signed too: moving it breaks the signature.
        let moved = header.replacingOccurrences(of: "t=1800000000", with: "t=1800000001")
        #expect(verify(moved) == .noMatchingSignature)
    }

    @Test("300 s either way is tolerated, one more is not")
    func tolerance() {
        let header = StripeSignature.header(payload: body, secret: secret, timestamp: now)
        #expect(verify(header, at: now.addingTimeInterval(300)) == nil)
        #expect(verify(header, at: now.addingTimeInterval(-300)) == nil)
        #expect(verify(header, at: now.addingTimeInterval(301)) == .timestampOutsideTolerance)
        #expect(verify(header, at: now.addingTimeInterval(-301)) == .timestampOutsideTolerance)
        #expect((try? StripeSignature.verify(header: header, payload: body, secret: secret, tolerance: 600, now: now.addingTimeInterval(500))) != nil)
    }

    @Test("any v1 may match, in any order, among other schemes")
    func several() {
        let good = String(StripeSignature.header(payload: body, secret: secret, timestamp: now).split(separator: "v1=")[1])
        let stale = String(repeating: "ab", count: 32)
        #expect(verify("t=1800000000,v1=\(stale),v1=\(good)") == nil)
        #expect(verify("v0=\(stale), v1=\(good), t=1800000000, v9=whatever") == nil)
        #expect(verify("t=1800000000,v1=\(stale),v0=\(good)") == .noMatchingSignature)
        // Stripe writes lowercase hex; an uppercase copy is another string.
        #expect(verify("t=1800000000,v1=\(good.uppercased())") == .noMatchingSignature)
        #expect(verify("t=1800000000,v1=\(good.dropLast())") == .noMatchingSignature)
    }

    @Test("malformed headers are refused", arguments: [
        ("", StripeSignatureError.malformedHeader),
        ("garbage", .malformedHeader),
        ("v1=abcd", .malformedHeader),
        ("t=soon,v1=abcd", .malformedHeader),
        ("t=,v1=abcd", .malformedHeader),
        ("t=1800000000", .noV1Signature),
        ("t=1800000000,v0=abcd", .noV1Signature),
    ])
    func malformed(header: String, expected: StripeSignatureError) {
        #expect(verify(header) == expected)
    }

    @Test("equal bytes compare equal in constant time, any difference does not")
    func constantTime() {
        let a = Array("0123456789abcdef".utf8)
        #expect(StripeSignature.constantTimeEquals(a, a))
        #expect(!StripeSignature.constantTimeEquals(a, Array("0123456789abcdee".utf8)))
        #expect(!StripeSignature.constantTimeEquals(a, Array(a.dropLast())))
        #expect(StripeSignature.constantTimeEquals([], []))
    }

    @Test("events decode: payment intents, refunded charges, missing metadata")
    func events() throws {
        let succeeded = try StripeEvent.decode(body)
        #expect(succeeded.id == "evt_1" && succeeded.type == "payment_intent.succeeded" && succeeded.created == 1_800_000_000)
        #expect(succeeded.data.object.id == "pi_1" && succeeded.data.object.metadata == ["checkoutId": "chk_9"])

        let refunded = try StripeEvent.decode(Array("""
            {"id":"evt_2","object":"event","type":"charge.refunded","created":1800000100,"livemode":false,
             "data":{"object":{"id":"ch_1","object":"charge","amount":2500,"amount_refunded":1000,"currency":"usd",
             "status":"succeeded","payment_intent":"pi_1","metadata":{"checkoutId":"chk_9"},"refunds":{"data":[]}}}}
            """.utf8))
        let charge = refunded.data.object
        #expect(charge.amount == 2_500 && charge.amountRefunded == 1_000 && charge.paymentIntent == "pi_1" && charge.currency == "usd")

        let failed = try StripeEvent.decode(Array("""
            {"id":"evt_3","type":"payment_intent.payment_failed","created":1,
             "data":{"object":{"id":"pi_2","status":"requires_payment_method",
             "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds."}}}}
            """.utf8))
        #expect(failed.data.object.metadata.isEmpty)
        #expect(failed.data.object.lastPaymentError?.declineCode == "insufficient_funds")
        #expect(throws: (any Error).self) { try StripeEvent.decode(Array(#"{"id":"evt_4"}"#.utf8)) }
    }
}
