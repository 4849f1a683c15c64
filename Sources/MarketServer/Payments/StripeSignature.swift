import Crypto
import Foundation

public enum StripeSignatureError: Error, Equatable, CustomStringConvertible {
    /// No `t=<unix seconds>` in the header, or not a number.
    case malformedHeader
    /// A timestamp but no `v1=` signature (Stripe's only scheme; `v0` is test mode's legacy).
    case noV1Signature
    /// Signed more than the tolerance before or after now: a replay, or a wrong clock.
    case timestampOutsideTolerance
    /// No `v1` is the HMAC of this body with this secret.
    case noMatchingSignature

    public var description: String {
        switch self {
        case .malformedHeader: "the Stripe-Signature header has no valid timestamp"
        case .noV1Signature: "the Stripe-Signature header has no v1 signature"
        case .timestampOutsideTolerance: "the Stripe-Signature timestamp is outside the tolerance"
        case .noMatchingSignature: "no Stripe-Signature v1 signature matches the payload"
        }
    }
}

/// Stripe's webhook signatures: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, where
/// each v1 is HMAC-SHA256, keyed with the endpoint's secret (`whsec_…`, all of it), of
/// `"<t>." + raw body`. The body must be the bytes as received: re-encoded JSON does not
/// verify. Stripe sends several v1 values while a secret is being rolled; any may match.
public enum StripeSignature {
    public static let defaultTolerance: TimeInterval = 300

    public static func verify(
        header: String, payload: some Collection<UInt8>, secret: String,
        tolerance: TimeInterval = defaultTolerance, now: Date
    ) throws(StripeSignatureError) {
        var timestamp: Int?
        var signatures: [Substring] = []
        for item in header.split(separator: ",") {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let key = item[..<equals].trimmingCharacters(in: .whitespaces)
            let value = item[item.index(after: equals)...]
            switch key {
            // The first t counts, as in Stripe's own libraries.
            case "t" where timestamp == nil:
                guard let t = Int(value.trimmingCharacters(in: .whitespaces)) else { throw .malformedHeader }
                timestamp = t
            case "v1": signatures.append(value)
            default: continue  // v0 and schemes to come
            }
        }
        guard let timestamp else { throw .malformedHeader }
        guard !signatures.isEmpty else { throw .noV1Signature }
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { throw .timestampOutsideTolerance }
        // An empty secret would make every forger's HMAC easy to compute: nothing verifies.
        guard !secret.isEmpty else { throw .noMatchingSignature }
        let expected = Array(signature(payload: payload, secret: secret, timestamp: timestamp).utf8)
        guard signatures.contains(where: { constantTimeEquals(Array($0.utf8), expected) }) else {
            throw .noMatchingSignature
        }
    }

    /// The header Stripe would send for `payload` signed at `timestamp`, for tests and for
    /// events the server makes up itself.
    public static func header(payload: some Collection<UInt8>, secret: String, timestamp: Date) -> String {
        let t = Int(timestamp.timeIntervalSince1970)
        return "t=\(t),v1=\(signature(payload: payload, secret: secret, timestamp: t))"
    }

    /// Lowercase hex of HMAC-SHA256(secret, "<t>." + payload), as Stripe writes it.
    static func signature(payload: some Collection<UInt8>, secret: String, timestamp: Int) -> String {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: Array(secret.utf8)))
        hmac.update(data: Array("\(timestamp).".utf8))
        if payload.withContiguousStorageIfAvailable({ hmac.update(data: UnsafeRawBufferPointer($0)) }) == nil {
            hmac.update(data: Array(payload))
        }
        return hmac.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Equal bytes, in time that depends only on the length (public: 64 hex digits), so
    /// a forger cannot learn the expected signature byte by byte from response times.
    static func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
