import Foundation
import MarketModels
import Testing
@testable import MarketServer

/// The Stripe provider against `FakeStripeServer` over real HTTP on loopback, so the
/// libcurl client, the form encoding and the reply mapping are all exercised.
@Suite("Stripe payment provider")
struct StripePaymentProviderTests {
    private func provider(_ baseURL: String, key: String = FakeStripeServer.apiKey, timeout: TimeInterval = 10) -> StripePaymentProvider {
        StripePaymentProvider(configuration: .init(apiBase: baseURL, apiKey: SecretString(key), timeout: timeout))
    }

    private func request(_ method: String, key: String = "chk-key-1") -> PaymentRequest {
        PaymentRequest(
            amount: 2_500, currency: .usd, paymentMethod: method, idempotencyKey: key,
            metadata: ["checkoutId": "chk_123", "note": "a b&c=d/é+%"], description: "MarketMate order")
    }

    @Test("a charge is a form-encoded, confirmed PaymentIntent with the key, the version and the idempotency key")
    func chargeSucceeds() async throws {
        try await FakeStripeServer.run { base, log in
            let outcome = try await provider(base + "/").charge(request("pm_card_visa"))
            #expect(outcome == PaymentOutcome(intentID: "pi_visa", status: .succeeded))

            let sent = try #require(log.requests.first)
            #expect(sent.method == "POST" && sent.path == "/v1/payment_intents")
            #expect(sent.headers["authorization"] == "Bearer sk_test_fake")
            #expect(sent.headers["idempotency-key"] == "chk-key-1")
            #expect(sent.headers["stripe-version"] == StripePaymentProvider.apiVersion)
            #expect(sent.headers["content-type"] == "application/x-www-form-urlencoded")
            #expect(sent.form == [
                "amount": "2500", "currency": "usd", "payment_method": "pm_card_visa", "confirm": "true",
                "automatic_payment_methods[enabled]": "true", "automatic_payment_methods[allow_redirects]": "never",
                "description": "MarketMate order", "metadata[checkoutId]": "chk_123", "metadata[note]": "a b&c=d/é+%",
            ])
            // Reserved characters in values are escaped, and the order is fixed for retries.
            #expect(sent.body.hasSuffix("&metadata[checkoutId]=chk_123&metadata[note]=a%20b%26c%3Dd%2F%C3%A9%2B%25"))
            #expect(sent.body.contains("description=MarketMate%20order"))
        }
    }

    @Test("requires_action, then the confirmation step succeeds")
    func authentication() async throws {
        try await FakeStripeServer.run { base, log in
            let stripe = provider(base)
            let first = try await stripe.charge(request("pm_card_authenticationRequired"))
            #expect(first == PaymentOutcome(intentID: "pi_3ds", status: .requiresAction))
            let confirmed = try await stripe.confirm(intentID: first.intentID, idempotencyKey: "confirm-1")
            #expect(confirmed.status == .succeeded && confirmed.intentID == "pi_3ds")
            let sent = log.requests[1]
            #expect(sent.path == "/v1/payment_intents/pi_3ds/confirm" && sent.body.isEmpty)
            #expect(sent.headers["idempotency-key"] == "confirm-1")
        }
    }

    @Test("a 402 card error is a decline with Stripe's decline code and the intent id")
    func declined() async throws {
        try await FakeStripeServer.run { base, _ in
            let outcome = try await provider(base).charge(request("pm_card_chargeDeclined"))
            #expect(outcome == PaymentOutcome(intentID: "pi_declined", status: .declined, declineCode: "generic_decline", message: "Your card was declined."))
        }
    }

    @Test("500 and 429 are unavailable, 401 is authentication (without the key), 400 is invalid")
    func failures() async throws {
        try await FakeStripeServer.run { base, _ in
            let stripe = provider(base)
            guard case .unavailable? = await paymentError({ try await stripe.charge(request("pm_card_boom")) }) else {
                Issue.record("500 should be unavailable")
                return
            }
            guard case .unavailable? = await paymentError({ try await stripe.charge(request("pm_card_busy")) }) else {
                Issue.record("429 should be unavailable")
                return
            }
            let unknown = await paymentError { try await stripe.charge(request("pm_card_unknown")) }
            #expect(unknown == .invalidRequest("No such PaymentMethod (resource_missing)"))

            let wrongKey = "sk_test_wrong_key_123456"
            let refused = await paymentError { try await provider(base, key: wrongKey).charge(request("pm_card_visa")) }
            guard case .authentication(let text)? = refused else {
                Issue.record("401 should be authentication, got \(String(describing: refused))")
                return
            }
            #expect(!text.contains(wrongKey) && text.contains("<redacted>"), "\(text)")
        }
    }

    @Test("cancel, cancelling a cancelled intent, and refusing to cancel a succeeded one")
    func cancel() async throws {
        try await FakeStripeServer.run { base, log in
            let stripe = provider(base)
            try await stripe.cancel(intentID: "pi_3ds", idempotencyKey: "cancel-1")
            try await stripe.cancel(intentID: "pi_gone", idempotencyKey: "cancel-2")
            #expect(isInvalidRequest(await paymentError { try await stripe.cancel(intentID: "pi_done", idempotencyKey: "cancel-3") }))
            #expect(log.requests.map(\.path) == ["/v1/payment_intents/pi_3ds/cancel", "/v1/payment_intents/pi_gone/cancel", "/v1/payment_intents/pi_done/cancel"])
            // Ids go into the path: anything not shaped like one never leaves.
            #expect(isInvalidRequest(await paymentError { try await stripe.cancel(intentID: "pi_x/../../v1/refunds", idempotencyKey: "cancel-4") }))
            #expect(log.requests.count == 3)
        }
    }

    @Test("refunds: payment_intent and amount; too much is refused")
    func refund() async throws {
        try await FakeStripeServer.run { base, log in
            let stripe = provider(base)
            let refund = try await stripe.refund(intentID: "pi_visa", amount: 700, idempotencyKey: "refund-1")
            #expect(refund == RefundOutcome(refundID: "re_fake1", amount: 700, status: "succeeded"))
            let sent = try #require(log.requests.first)
            #expect(sent.path == "/v1/refunds" && sent.form == ["payment_intent": "pi_visa", "amount": "700"])
            #expect(sent.headers["idempotency-key"] == "refund-1")
            let tooMuch = await paymentError { try await stripe.refund(intentID: "pi_visa", amount: 5_000, idempotencyKey: "refund-2") }
            #expect(tooMuch == .invalidRequest("Refund amount ($5000) is greater than charge amount ($1000) (amount_too_large)"))
        }
    }

    @Test("a raw card number never leaves the server")
    func rawCardNumber() async throws {
        try await FakeStripeServer.run { base, log in
            let error = await paymentError { try await provider(base).charge(request("4242424242424242")) }
            #expect(isInvalidRequest(error) && !"\(String(describing: error))".contains("4242"))
            #expect(log.requests.isEmpty)
        }
    }

    @Test("connection refused and a timeout are unavailable")
    func unreachable() async throws {
        // Nothing listens on port 1.
        let refused = await paymentError { try await provider("http://127.0.0.1:1").charge(request("pm_card_visa")) }
        guard case .unavailable(let text)? = refused else {
            Issue.record("connection refused should be unavailable, got \(String(describing: refused))")
            return
        }
        #expect(text.contains("cannot reach Stripe"))

        try await FakeStripeServer.run { base, _ in
            let started = ContinuousClock.now
            guard case .unavailable? = await paymentError({ try await provider(base, timeout: 1).charge(request("pm_card_slow")) }) else {
                Issue.record("a timeout should be unavailable")
                return
            }
            #expect(ContinuousClock.now - started < .seconds(8))  // the client's 1 s limit, not the fake's 10 s answer
        }
    }
}
