import Foundation
import MarketModels

// Placeholder of the payment-provider interface agreed with the payments work (replaced by
// its file when that lands): the checkout is written against this shape.

protocol PaymentProvider: Sendable {
    var name: String { get }
    func charge(_ request: PaymentRequest) async throws(PaymentProviderError) -> PaymentOutcome
    func confirm(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentOutcome
    func cancel(intentID: String, idempotencyKey: String) async throws(PaymentProviderError)
    func refund(intentID: String, amount: Int, idempotencyKey: String) async throws(PaymentProviderError) -> RefundOutcome
}

struct PaymentRequest: Sendable {
    var amount: Int
    var currency: Currency
    var paymentMethod: String
    var idempotencyKey: String
    var metadata: [String: String]
    var description: String?
}

struct PaymentOutcome: Sendable, Equatable {
    enum Status: Sendable, Equatable { case succeeded, requiresAction, declined, processing }
    var intentID: String
    var status: Status
    var declineCode: String?
    var message: String?
}

struct RefundOutcome: Sendable, Equatable {
    var refundID: String
    var amount: Int
    var status: String
}

enum PaymentProviderError: Error, Sendable {
    case invalidRequest(String)
    case unavailable(String)
    case authentication(String)
}

/// Stripe's test payment methods, without a network.
struct SimulatedPaymentProvider: PaymentProvider {
    var name: String { "simulated" }

    func charge(_ request: PaymentRequest) async throws(PaymentProviderError) -> PaymentOutcome {
        let intent = "pi_sim_" + request.idempotencyKey
        switch request.paymentMethod {
        case "pm_card_visa", "pm_card_mastercard": return PaymentOutcome(intentID: intent, status: .succeeded)
        case "pm_card_authenticationRequired": return PaymentOutcome(intentID: intent, status: .requiresAction)
        case "pm_card_chargeDeclined": return PaymentOutcome(intentID: intent, status: .declined, declineCode: "generic_decline", message: "Your card was declined.")
        default: throw .invalidRequest("Unknown payment method.")
        }
    }

    func confirm(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentOutcome {
        PaymentOutcome(intentID: intentID, status: .succeeded)
    }

    func cancel(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) {}

    func refund(intentID: String, amount: Int, idempotencyKey: String) async throws(PaymentProviderError) -> RefundOutcome {
        RefundOutcome(refundID: "re_sim_" + idempotencyKey, amount: amount, status: "succeeded")
    }
}
