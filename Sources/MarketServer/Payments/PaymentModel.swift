import FluentKit
import Foundation
import MarketModels

/// The payment of one checkout (all its orders). `intentID` is the provider's, once known;
/// the provider's idempotency key is this row's id, so asking again never charges twice.
final class PaymentModel: Model, @unchecked Sendable {
    static let schema = "payments"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "checkout_id") var checkoutID: String
    @Field(key: "user_id") var userID: String
    @Field(key: "provider") var provider: String
    @OptionalField(key: "intent_id") var intentID: String?
    @Field(key: "payment_method") var paymentMethod: String
    @Field(key: "status") var status: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "refunded_amount") var refundedAmount: Int64
    @OptionalField(key: "decline_code") var declineCode: String?
    @OptionalField(key: "message") var message: String?
    /// The idempotency key row of the checkout that made it, completed when the payment settles.
    @OptionalField(key: "idempotency_id") var idempotencyID: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: PaymentStatus { PaymentStatus(rawValue: status) ?? .processing }
    var currencyValue: Currency { Currency(code: currency) ?? .usd }

    var dto: PaymentDTO {
        PaymentDTO(id: PaymentID(rawValue: id!)!, status: statusValue, amount: Money(amount: amount, currency: currencyValue),
                   refunded: Money(amount: refundedAmount, currency: currencyValue), provider: provider, declineCode: declineCode, message: message)
    }
}
