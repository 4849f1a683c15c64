import Foundation
import MarketModels
import Testing
@testable import MarketServer

/// The error a payment call threw, or nil when it returned. (Closures inside `#expect`
/// lose their typed throws, so this takes any error and records one of another type.)
func paymentError<T>(_ body: () async throws -> T) async -> PaymentProviderError? {
    do {
        _ = try await body()
        return nil
    } catch let error as PaymentProviderError {
        return error
    } catch {
        Issue.record("not a PaymentProviderError: \(error)")
        return nil
    }
}

func isInvalidRequest(_ error: PaymentProviderError?) -> Bool {
    if case .invalidRequest? = error { return true }
    return false
}

@Suite("Simulated payment provider")
struct SimulatedPaymentProviderTests {
    private func request(_ method: String, amount: Int = 2_500, key: String = UUID().uuidString) -> PaymentRequest {
        PaymentRequest(amount: amount, currency: .usd, paymentMethod: method, idempotencyKey: key, metadata: ["checkoutId": "chk_1"])
    }

    @Test("Stripe's success test ids succeed", arguments: ["pm_card_visa", "pm_card_mastercard", "pm_card_amex", "pm_card_visa_debit"])
    func successes(method: String) async throws {
        let outcome = try await SimulatedPaymentProvider().charge(request(method))
        #expect(outcome.status == .succeeded)
        #expect(outcome.intentID.hasPrefix("pi_sim_"))
        #expect(outcome.declineCode == nil)
    }

    @Test("decline test ids are declined with Stripe's decline codes", arguments: [
        ("pm_card_chargeDeclined", "generic_decline"),
        ("pm_card_visa_chargeDeclined", "generic_decline"),
        ("pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"),
        ("pm_card_visa_chargeDeclinedLostCard", "lost_card"),
        ("pm_card_chargeDeclinedExpiredCard", "expired_card"),
    ])
    func declines(method: String, code: String) async throws {
        let provider = SimulatedPaymentProvider()
        let outcome = try await provider.charge(request(method))
        #expect(outcome.status == .declined)
        #expect(outcome.declineCode == code)
        #expect(outcome.message?.isEmpty == false)
        // A declined intent is not money: it cannot be refunded, only cancelled.
        #expect(isInvalidRequest(await paymentError { try await provider.refund(intentID: outcome.intentID, amount: 1, idempotencyKey: "r1") }))
        #expect(isInvalidRequest(await paymentError { try await provider.confirm(intentID: outcome.intentID, idempotencyKey: "c1") }))
        try await provider.cancel(intentID: outcome.intentID, idempotencyKey: "x1")
    }

    @Test("authentication required: requiresAction, then confirm succeeds; a cancelled one cannot be confirmed")
    func authentication() async throws {
        let provider = SimulatedPaymentProvider()
        let first = try await provider.charge(request("pm_card_authenticationRequired"))
        #expect(first.status == .requiresAction)
        #expect(isInvalidRequest(await paymentError { try await provider.refund(intentID: first.intentID, amount: 100, idempotencyKey: "early") }))
        let confirmed = try await provider.confirm(intentID: first.intentID, idempotencyKey: "confirm-1")
        #expect(confirmed == PaymentOutcome(intentID: first.intentID, status: .succeeded))
        // Succeeded money is refunded, not cancelled.
        #expect(isInvalidRequest(await paymentError { try await provider.cancel(intentID: first.intentID, idempotencyKey: "cancel-late") }))

        let second = try await provider.charge(request("pm_card_authenticationRequired"))
        try await provider.cancel(intentID: second.intentID, idempotencyKey: "cancel-2")
        try await provider.cancel(intentID: second.intentID, idempotencyKey: "cancel-2")
        #expect(isInvalidRequest(await paymentError { try await provider.confirm(intentID: second.intentID, idempotencyKey: "confirm-2") }))
    }

    @Test("the same idempotency key replays the first intent; another request under it is refused")
    func idempotency() async throws {
        let provider = SimulatedPaymentProvider()
        let visa = request("pm_card_visa", key: "checkout-42")
        let first = try await provider.charge(visa)
        let again = try await provider.charge(visa)
        #expect(again == first)
        var changed = visa
        changed.amount += 1
        #expect(isInvalidRequest(await paymentError { try await provider.charge(changed) }))
        // Another key is another intent.
        let other = try await provider.charge(request("pm_card_visa", key: "checkout-43"))
        #expect(other.intentID != first.intentID)
        // Ids come from the key: a new provider (a restart) gives the same one.
        #expect(try await SimulatedPaymentProvider().charge(visa).intentID == first.intentID)
        // A key first used for a charge cannot be used for a refund.
        #expect(isInvalidRequest(await paymentError { try await provider.refund(intentID: first.intentID, amount: 1, idempotencyKey: "checkout-42") }))
    }

    @Test("refunds never exceed the charge; a replayed refund is not counted twice")
    func refundLimits() async throws {
        let provider = SimulatedPaymentProvider()
        let paid = try await provider.charge(request("pm_card_visa", amount: 1_000))
        let first = try await provider.refund(intentID: paid.intentID, amount: 600, idempotencyKey: "refund-1")
        #expect(first.amount == 600 && first.status == "succeeded" && first.refundID.hasPrefix("re_sim_"))
        #expect(try await provider.refund(intentID: paid.intentID, amount: 600, idempotencyKey: "refund-1") == first)
        let tooMuch = await paymentError { try await provider.refund(intentID: paid.intentID, amount: 401, idempotencyKey: "refund-2") }
        #expect(tooMuch == .invalidRequest("refund amount (401) is greater than the unrefunded amount (400)"))
        // The refused key is not remembered: corrected, it goes through.
        #expect(try await provider.refund(intentID: paid.intentID, amount: 400, idempotencyKey: "refund-2").amount == 400)
        #expect(isInvalidRequest(await paymentError { try await provider.refund(intentID: paid.intentID, amount: 1, idempotencyKey: "refund-3") }))
        #expect(isInvalidRequest(await paymentError { try await provider.refund(intentID: paid.intentID, amount: 0, idempotencyKey: "refund-4") }))
        #expect(isInvalidRequest(await paymentError { try await provider.refund(intentID: "pi_elsewhere", amount: 1, idempotencyKey: "refund-5") }))
    }

    @Test("raw card numbers and unknown ids are refused without being repeated", arguments: [
        "4242424242424242", "4242 4242 4242 4242", "4000-0000-0000-0002", "pm_card_nonsense", "card 4242424242424242", "", "pm_card visa",
    ])
    func refusedMethods(method: String) async throws {
        let error = try #require(await paymentError { try await SimulatedPaymentProvider().charge(request(method)) })
        #expect(isInvalidRequest(error))
        let text = "\(error)"
        #expect(!text.contains("4242") && !text.contains("0002") && !text.contains("nonsense"), "\(text)")
        if !method.isEmpty && method.allSatisfy({ $0.isNumber || $0 == " " || $0 == "-" }) { #expect(text.contains("card numbers are not accepted")) }
    }

    @Test("amounts and keys out of Stripe's bounds are refused")
    func bounds() async throws {
        let provider = SimulatedPaymentProvider()
        for bad in [request("pm_card_visa", amount: 0), request("pm_card_visa", amount: 100_000_000), request("pm_card_visa", key: ""),
                    request("pm_card_visa", key: "two words"), request("pm_card_visa", key: "line\r\nbreak")] {
            #expect(isInvalidRequest(await paymentError { try await provider.charge(bad) }))
        }
        var badMetadata = request("pm_card_visa")
        badMetadata.metadata["a[b]"] = "x"
        #expect(isInvalidRequest(await paymentError { try await provider.charge(badMetadata) }))
    }

    @Test("memory is bounded; forgotten pi_sim_ intents are taken on the caller's word")
    func bounded() async throws {
        let provider = SimulatedPaymentProvider(capacity: 2)
        let oldest = try await provider.charge(request("pm_card_visa", amount: 100))
        for _ in 0..<3 { _ = try await provider.charge(request("pm_card_visa")) }
        // Forgotten: the limit is the caller's ledger now.
        #expect(try await provider.refund(intentID: oldest.intentID, amount: 5_000, idempotencyKey: "late").amount == 5_000)
        #expect(try await provider.confirm(intentID: "pi_sim_0123456789abcdef01234567", idempotencyKey: "late-confirm").status == .succeeded)
    }

    @Test("concurrent charges under one key make one intent")
    func concurrent() async throws {
        let provider = SimulatedPaymentProvider()
        let visa = request("pm_card_visa", key: "same")
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.charge(visa).intentID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
    }
}
