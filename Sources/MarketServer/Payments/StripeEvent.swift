import Foundation

/// The part of a Stripe event the webhook route needs. Stripe adds fields over time and
/// they are ignored; an event whose object lacks one of these still decodes (all optional
/// but the ids).
public struct StripeEvent: Decodable, Sendable, Equatable {
    /// `evt_…`: each is applied once.
    public var id: String
    /// `payment_intent.succeeded`, `payment_intent.payment_failed`, `charge.refunded`, …
    public var type: String
    /// Unix seconds.
    public var created: Int
    public var data: EventData

    public struct EventData: Decodable, Sendable, Equatable {
        public var object: Object
    }

    /// A PaymentIntent or a Charge (`object` says which).
    public struct Object: Decodable, Sendable, Equatable {
        /// `pi_…` or `ch_…`
        public var id: String
        public var object: String?
        public var status: String?
        public var amount: Int?
        /// Charges: how much has been refunded so far, in minor units.
        public var amountRefunded: Int?
        public var currency: String?
        /// `checkoutId`, as checkout set it on the intent (Stripe copies it to the charge).
        public var metadata: [String: String]
        /// Charges: the intent they belong to.
        public var paymentIntent: String?
        /// PaymentIntents that failed: why.
        public var lastPaymentError: StripeError?

        enum CodingKeys: String, CodingKey {
            case id, object, status, amount, currency, metadata
            case amountRefunded = "amount_refunded"
            case paymentIntent = "payment_intent"
            case lastPaymentError = "last_payment_error"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            object = try c.decodeIfPresent(String.self, forKey: .object)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            amount = try c.decodeIfPresent(Int.self, forKey: .amount)
            amountRefunded = try c.decodeIfPresent(Int.self, forKey: .amountRefunded)
            currency = try c.decodeIfPresent(String.self, forKey: .currency)
            metadata = try c.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
            paymentIntent = try c.decodeIfPresent(String.self, forKey: .paymentIntent)
            lastPaymentError = try c.decodeIfPresent(StripeError.self, forKey: .lastPaymentError)
        }
    }

    /// Decodes the raw body (after `StripeSignature.verify`).
    public static func decode(_ body: some Collection<UInt8>) throws -> StripeEvent {
        try JSONDecoder().decode(StripeEvent.self, from: Data(body))
    }
}

/// Stripe's error object: the `error` of a failed API call, and `last_payment_error` in a
/// PaymentIntent (then without `payment_intent`).
public struct StripeError: Decodable, Sendable, Equatable {
    public struct IntentReference: Decodable, Sendable, Equatable {
        public var id: String
        public var status: String?
    }

    /// `card_error`, `invalid_request_error`, `api_error`, `idempotency_error`, …
    public var type: String?
    /// `card_declined`, `expired_card`, `payment_intent_unexpected_state`, …
    public var code: String?
    /// Cards: `generic_decline`, `insufficient_funds`, …
    public var declineCode: String?
    public var message: String?
    /// The intent a PaymentIntent error is about (a whole object in Stripe's reply).
    public var paymentIntent: IntentReference?

    enum CodingKeys: String, CodingKey {
        case type, code, message
        case declineCode = "decline_code"
        case paymentIntent = "payment_intent"
    }
}
