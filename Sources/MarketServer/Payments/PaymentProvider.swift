import Foundation
import MarketModels

/// Where checkout's money moves: the built-in `SimulatedPaymentProvider` (the default) or
/// `StripePaymentProvider`. Both follow Stripe's PaymentIntents: a charge creates and
/// confirms an intent in one call; an intent that needs the buyer to authenticate is
/// completed with `confirm` or given up with `cancel`.
///
/// Every call that moves money takes an idempotency key, and the same key with the same
/// request gives the first result again, so a retry after a timeout never charges twice.
/// Amounts are integer minor units of the request's currency. The value types below have
/// memberwise initialisers: they are made inside this module (checkout, webhooks, tests).
public protocol PaymentProvider: Sendable {
    /// "simulated" or "stripe", for logs and the stored payment row.
    var name: String { get }
    /// Creates and confirms a PaymentIntent (Stripe: `POST /v1/payment_intents`, `confirm=true`).
    /// A declined card is an outcome (`.declined`), not an error.
    func charge(_ request: PaymentRequest) async throws(PaymentProviderError) -> PaymentOutcome
    /// Completes a payment that needed authentication (the further confirmation step).
    func confirm(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentOutcome
    /// Gives up an intent that will not be completed (its stock is released by the caller).
    func cancel(intentID: String, idempotencyKey: String) async throws(PaymentProviderError)
    /// Refunds `amount` of a succeeded intent; the provider refuses more than was charged.
    func refund(intentID: String, amount: Int, idempotencyKey: String) async throws(PaymentProviderError) -> RefundOutcome
    /// True when `charge` answers in-process, with no network and no waiting (the simulated
    /// provider): checkout may then call it inside its database transaction.
    var settlesInProcess: Bool { get }
}

extension PaymentProvider {
    public var settlesInProcess: Bool { false }
}

public struct PaymentRequest: Sendable, Equatable {
    /// Minor units (cents for USD, yen for JPY), more than 0.
    public var amount: Int
    public var currency: Currency
    /// A payment-method id such as `pm_card_visa`, never card details (see `PaymentMethodID`).
    public var paymentMethod: String
    public var idempotencyKey: String
    /// Travels with the intent and comes back in webhook events: `checkoutId` at least.
    public var metadata: [String: String] = [:]
    public var description: String? = nil
}

public struct PaymentOutcome: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case succeeded
        /// The buyer must authenticate (3-D Secure); then `confirm`, or `cancel`.
        case requiresAction = "requires_action"
        /// The card was refused: `declineCode` says why (`generic_decline`, `insufficient_funds`).
        case declined
        /// Accepted but not settled yet; a webhook event brings the final state.
        case processing
    }

    /// The PaymentIntent's id (`pi_…`); empty only when Stripe declined without creating one.
    public var intentID: String
    public var status: Status
    public var declineCode: String? = nil
    /// The provider's sentence for the buyer (declines) or the log.
    public var message: String? = nil
}

public struct RefundOutcome: Sendable, Equatable {
    /// `re_…`
    public var refundID: String
    public var amount: Int
    /// Stripe's refund status: `succeeded`, `pending`, `requires_action`, `failed`, `canceled`.
    public var status: String
}

public enum PaymentProviderError: Error, Equatable, CustomStringConvertible {
    /// The request cannot succeed as sent (bad payment-method id, refund beyond the charge,
    /// unknown intent, a reused idempotency key): Stripe's 400, 402 without a card, 404, 409.
    case invalidRequest(String)
    /// The network, a timeout, Stripe's 429 or 5xx: the same call with the same idempotency
    /// key may be retried.
    case unavailable(String)
    /// The API key was refused (401, 403): a configuration problem, not the buyer's.
    case authentication(String)

    public var description: String {
        switch self {
        case .invalidRequest(let text): "payment request refused: \(text)"
        case .unavailable(let text): "payment provider unavailable: \(text)"
        case .authentication(let text): "payment provider refused the API key: \(text)"
        }
    }
}

/// Payment-method ids as Stripe makes them (`pm_card_visa`, `pm_1Nv…`). Anything else is
/// refused before it reaches a provider or a log, and the refusal never repeats the value:
/// a buyer who types a card number into the field must not find it in an error or a log.
public enum PaymentMethodID {
    /// Why `raw` cannot be a payment-method id, or nil when it can.
    public static func problem(_ raw: String) -> String? {
        let bytes = Array(raw.utf8)
        if bytes.filter(isDigit).count >= 12 && bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }) {
            return "card numbers are not accepted: collect the card with Stripe and send its payment-method id (pm_…)"
        }
        return isStripeID(raw) ? nil : "the payment method must be a payment-method id such as pm_card_visa"
    }

    /// Shaped like a Stripe object id: a lowercase prefix, `_`, then letters, digits and
    /// underscores. Ids go into URL paths, so nothing else may pass.
    static func isStripeID(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard (4...255).contains(bytes.count), let underscore = bytes.firstIndex(of: UInt8(ascii: "_")),
              underscore > 0, underscore < bytes.count - 1 else { return false }
        return bytes[..<underscore].allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
            && bytes.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isDigit(_ c: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
    private static func isLetter(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
    }
}

/// Stripe's rules for what a request carries, checked by both providers so the simulated
/// one refuses what Stripe would.
enum PaymentRequestRules {
    /// Printable ASCII: the key travels in an HTTP header.
    static func idempotencyKeyProblem(_ key: String) -> String? {
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return "an idempotency key of 1 to 255 printable ASCII characters is required"
        }
        return nil
    }
}

extension PaymentRequest {
    /// Stripe's bounds: a positive amount of at most eight digits, a method id, and at most
    /// 50 metadata keys of up to 40 characters (no brackets) with values up to 500.
    func problem() -> String? {
        if amount < 1 { return "the amount must be a positive number of minor units" }
        if amount > 99_999_999 { return "the amount is larger than a payment may be (eight digits of minor units)" }
        if let problem = PaymentRequestRules.idempotencyKeyProblem(idempotencyKey) { return problem }
        if metadata.count > 50 || metadata.contains(where: { key, value in
            key.isEmpty || key.count > 40 || key.contains("[") || key.contains("]") || value.count > 500
        }) {
            return "metadata takes at most 50 keys of 1 to 40 characters without brackets, with values of at most 500"
        }
        return PaymentMethodID.problem(paymentMethod)
    }
}
