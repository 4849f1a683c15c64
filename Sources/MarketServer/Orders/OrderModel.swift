import FluentKit
import Foundation
import MarketModels

/// One shop's part of a checkout. Amounts are minor units of `currency`; `refundedAmount`
/// counts refunds that succeeded or are still with the provider (reserved, so two refunds
/// at once can never give back more than was paid).
final class OrderModel: Model, @unchecked Sendable {
    static let schema = "orders"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "checkout_id") var checkoutID: String
    @Field(key: "payment_id") var paymentID: String
    @Field(key: "buyer_id") var buyerID: String
    @Field(key: "shop_id") var shopID: String
    @Field(key: "status") var status: String
    @Field(key: "currency") var currency: String
    @Field(key: "subtotal") var subtotal: Int64
    @Field(key: "discount") var discount: Int64
    @Field(key: "shipping") var shipping: Int64
    @Field(key: "tax") var tax: Int64
    @Field(key: "total") var total: Int64
    @Field(key: "refunded_amount") var refundedAmount: Int64
    @Field(key: "shipping_option") var shippingOption: String
    @Field(key: "shipping_address") var shippingAddressJSON: String
    @OptionalField(key: "coupon_id") var couponID: String?
    @OptionalField(key: "coupon_code") var couponCode: String?
    @OptionalField(key: "carrier") var carrier: String?
    @OptionalField(key: "tracking_number") var trackingNumber: String?
    @Field(key: "invoice_ready") var invoiceReady: Bool
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var statusValue: OrderStatus { OrderStatus(rawValue: status) ?? .pending }
    var currencyValue: Currency { Currency(code: currency) ?? .usd }
    func money(_ amount: Int64) -> Money { Money(amount: amount, currency: currencyValue) }

    var shippingAddress: ShippingAddress {
        get { (try? JSONDecoder().decode(ShippingAddress.self, from: Data(shippingAddressJSON.utf8)))
            ?? ShippingAddress(name: "", line1: "", city: "", postalCode: "", country: "") }
        set { shippingAddressJSON = String(decoding: (try? JSONEncoder.sortedKeys.encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }
}

final class OrderLineModel: Model, @unchecked Sendable {
    static let schema = "order_lines"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "order_id") var orderID: String
    @Field(key: "position") var position: Int
    @Field(key: "product_id") var productID: String
    @OptionalField(key: "variant_id") var variantID: String?
    @Field(key: "title") var title: String
    @OptionalField(key: "sku") var sku: String?
    @Field(key: "quantity") var quantity: Int
    @Field(key: "unit_price") var unitPrice: Int64
    @Field(key: "discount") var discount: Int64
    @Field(key: "tax") var tax: Int64
    @Field(key: "total") var total: Int64

    init() {}
}

/// One move of an order: the timeline of API.md's "every transition recorded with who and when".
final class OrderEventModel: Model, @unchecked Sendable {
    static let schema = "order_events"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "order_id") var orderID: String
    @Field(key: "seq") var seq: Int
    @OptionalField(key: "from_status") var fromStatus: String?
    @Field(key: "to_status") var toStatus: String
    @Field(key: "actor") var actor: String
    @OptionalField(key: "actor_id") var actorID: String?
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var dto: OrderEventDTO {
        OrderEventDTO(status: OrderStatus(rawValue: toStatus) ?? .pending, from: fromStatus.flatMap(OrderStatus.init(rawValue:)),
                      actor: OrderActor(rawValue: actor) ?? .system, actorId: actorID.flatMap(UserID.init(rawValue:)), note: note, at: createdAt)
    }
}

final class RefundModel: Model, @unchecked Sendable {
    static let schema = "refunds"

    enum State: String { case pending, succeeded, failed }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "order_id") var orderID: String
    @Field(key: "payment_id") var paymentID: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "status") var status: String
    @OptionalField(key: "provider_refund_id") var providerRefundID: String?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "actor_id") var actorID: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}
