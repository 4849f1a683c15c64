import Foundation

public struct OrderLineDTO: Codable, Hashable, Sendable {
    public var id: String
    public var productId: ProductID
    public var variantId: VariantID?
    public var title: String
    public var sku: String?
    public var quantity: Int
    public var unitPrice: Money
    /// The line's share of the coupon.
    public var discount: Money
    public var tax: Money
    /// quantity × unitPrice − discount + tax
    public var total: Money

    public init(id: String, productId: ProductID, variantId: VariantID?, title: String, sku: String?, quantity: Int,
                unitPrice: Money, discount: Money, tax: Money, total: Money) {
        self.id = id
        self.productId = productId
        self.variantId = variantId
        self.title = title
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discount = discount
        self.tax = tax
        self.total = total
    }
}

/// One step of an order's history: who moved it where, and when.
public struct OrderEventDTO: Codable, Hashable, Sendable {
    public var status: OrderStatus
    public var from: OrderStatus?
    public var actor: OrderActor
    public var actorId: UserID?
    public var note: String?
    public var at: Date

    public init(status: OrderStatus, from: OrderStatus?, actor: OrderActor, actorId: UserID?, note: String?, at: Date) {
        self.status = status
        self.from = from
        self.actor = actor
        self.actorId = actorId
        self.note = note
        self.at = at
    }
}

/// An order: one shop's part of a checkout.
public struct OrderDTO: Codable, Hashable, Sendable {
    public var id: OrderID
    public var checkoutId: CheckoutID
    public var paymentId: PaymentID
    public var buyerId: UserID
    public var shopId: ShopID
    public var shopName: String
    public var status: OrderStatus
    public var lines: [OrderLineDTO]
    public var subtotal: Money
    public var discount: Money
    public var shipping: Money
    public var tax: Money
    public var total: Money
    /// Refunded so far (partial refunds keep the status).
    public var refunded: Money
    public var shippingOption: String
    public var shippingAddress: ShippingAddress
    public var couponCode: String?
    public var carrier: String?
    public var trackingNumber: String?
    public var invoiceAvailable: Bool
    public var timeline: [OrderEventDTO]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: OrderID, checkoutId: CheckoutID, paymentId: PaymentID, buyerId: UserID, shopId: ShopID, shopName: String,
                status: OrderStatus, lines: [OrderLineDTO], subtotal: Money, discount: Money, shipping: Money, tax: Money,
                total: Money, refunded: Money, shippingOption: String, shippingAddress: ShippingAddress, couponCode: String?,
                carrier: String?, trackingNumber: String?, invoiceAvailable: Bool, timeline: [OrderEventDTO], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.checkoutId = checkoutId
        self.paymentId = paymentId
        self.buyerId = buyerId
        self.shopId = shopId
        self.shopName = shopName
        self.status = status
        self.lines = lines
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.tax = tax
        self.total = total
        self.refunded = refunded
        self.shippingOption = shippingOption
        self.shippingAddress = shippingAddress
        self.couponCode = couponCode
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.invoiceAvailable = invoiceAvailable
        self.timeline = timeline
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// `POST /orders/:id/ship`.
public struct ShipOrderRequest: Codable, Hashable, Sendable {
    public var carrier: String
    public var trackingNumber: String

    public init(carrier: String, trackingNumber: String) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
    }

    public func validate() -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        let carrier = carrier.trimmingCharacters(in: .whitespaces)
        if carrier.isEmpty || carrier.count > 60 || carrier.unicodeScalars.contains(where: \.isControlCharacter) {
            details.append(ErrorDetail(field: "carrier", code: .invalidFormat, message: "Name the carrier (1 to 60 characters)."))
        }
        let tracking = trackingNumber.trimmingCharacters(in: .whitespaces)
        if tracking.isEmpty || tracking.count > 64 || !tracking.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == " ") }) {
            details.append(ErrorDetail(field: "trackingNumber", code: .invalidFormat, message: "A tracking number is 1 to 64 letters, digits, spaces or dashes."))
        }
        return details
    }
}

/// `POST /orders/:id/refund`: without an amount, whatever is left of the order.
public struct RefundOrderRequest: Codable, Hashable, Sendable {
    public var amount: Money?
    public var reason: String?

    public init(amount: Money? = nil, reason: String? = nil) {
        self.amount = amount
        self.reason = reason
    }
}

/// `POST /orders/:id/cancel` (body optional).
public struct CancelOrderRequest: Codable, Hashable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}
