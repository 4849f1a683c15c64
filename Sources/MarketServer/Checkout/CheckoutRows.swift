import Foundation
import MarketModels
import SQLKit

/// The rows a checkout writes: its payment (`processing`), one order per shop (`pending`)
/// and their lines; a payment that succeeded before they were written goes in `succeeded`
/// with its orders `paid` (`CheckoutService.writePaid`). They are kept as models, since the
/// checkout's answer is built from them (`OrderAssembler.dtos(_:parts:)`), and written with
/// one multi-row INSERT per table:
/// Fluent's `create` reflects over every model's properties, which was a fifth of the
/// server's CPU on this path.
struct CheckoutRows {
    let payment: PaymentModel
    let orders: [OrderModel]
    /// Order id → its lines, by position.
    let lines: [String: [OrderLineModel]]
    /// Shop id → name, for the answer.
    let shopNames: [String: String]

    init(checkoutID: String, paymentID: String, user: UserID, request: CheckoutRequest, provider: String, claim: String,
         priced: CheckoutPricer.Priced, now: Date) {
        let payment = PaymentModel()
        payment.id = paymentID
        payment.checkoutID = checkoutID
        payment.userID = user.rawValue
        payment.provider = provider
        payment.paymentMethod = request.paymentMethod
        payment.status = PaymentStatus.processing.rawValue
        payment.amount = priced.result.total
        payment.currency = priced.currency.code
        payment.refundedAmount = 0
        payment.idempotencyID = claim
        payment.createdAt = now
        payment.updatedAt = now
        self.payment = payment

        var orders: [OrderModel] = []
        var lines: [String: [OrderLineModel]] = [:]
        for pricedOrder in priced.result.orders {
            let order = OrderModel()
            order.id = OrderID.generate(at: now).rawValue
            order.checkoutID = checkoutID
            order.paymentID = paymentID
            order.buyerID = user.rawValue
            order.shopID = pricedOrder.shopID
            order.status = OrderStatus.pending.rawValue
            order.currency = priced.currency.code
            order.subtotal = pricedOrder.subtotal
            order.discount = pricedOrder.discount
            order.shipping = pricedOrder.shipping
            order.tax = pricedOrder.tax
            order.total = pricedOrder.total
            order.refundedAmount = 0
            order.shippingOption = request.shippingOption
            order.shippingAddress = request.shippingAddress
            order.couponID = pricedOrder.discount > 0 ? priced.coupon?.id : nil
            order.couponCode = pricedOrder.discount > 0 ? priced.coupon?.code : nil
            order.carrier = nil
            order.trackingNumber = nil
            order.invoiceReady = false
            order.createdAt = now
            order.updatedAt = now
            orders.append(order)
            lines[order.id!] = pricedOrder.lineIndexes.enumerated().map { position, index in
                let source = priced.lines[index]
                let amounts = priced.result.lines[index]
                let line = OrderLineModel()
                line.id = "oln_" + ULIDGenerator.shared.next(at: now).description
                line.orderID = order.id!
                line.position = position
                line.productID = source.productID
                line.variantID = source.variantID
                line.title = source.title
                line.sku = source.sku
                line.quantity = source.quantity
                line.unitPrice = source.unitPrice
                line.discount = amounts.discount
                line.tax = amounts.tax
                line.total = amounts.total
                return line
            }
        }
        self.orders = orders
        self.lines = lines
        shopNames = priced.shopNames
    }

    /// Payment first, then orders, then lines (the foreign keys' order).
    func insert(on sql: any SQLDatabase) async throws {
        let p = payment
        let paymentRow: [BulkValue] = [
            .text(p.id), .text(p.checkoutID), .text(p.userID), .text(p.provider), .text(p.intentID), .text(p.paymentMethod), .text(p.status),
            .int(Int(p.amount)), .text(p.currency), .int(Int(p.refundedAmount)), .text(p.declineCode), .text(p.message), .text(p.idempotencyID),
            .date(p.createdAt), .date(p.updatedAt),
        ]
        try await BulkValues(prefix: """
            INSERT INTO payments (id, checkout_id, user_id, provider, intent_id, payment_method, status, amount, currency, refunded_amount,
                                  decline_code, message, idempotency_id, created_at, updated_at)
            """).run([paymentRow], on: sql)
        try await BulkValues(prefix: """
            INSERT INTO orders (id, checkout_id, payment_id, buyer_id, shop_id, status, currency, subtotal, discount, shipping, tax, total,
                                refunded_amount, shipping_option, shipping_address, coupon_id, coupon_code, carrier, tracking_number,
                                invoice_ready, created_at, updated_at)
            """).run(orders.map(Self.row), on: sql)
        try await BulkValues(prefix: """
            INSERT INTO order_lines (id, order_id, position, product_id, variant_id, title, sku, quantity, unit_price, discount, tax, total)
            """).run(orders.flatMap { lines[$0.id!] ?? [] }.map(Self.row), on: sql)
    }

    private static func row(_ o: OrderModel) -> [BulkValue] {
        let amounts: [BulkValue] = [.int(Int(o.subtotal)), .int(Int(o.discount)), .int(Int(o.shipping)), .int(Int(o.tax)), .int(Int(o.total)),
                                    .int(Int(o.refundedAmount))]
        let head: [BulkValue] = [.text(o.id), .text(o.checkoutID), .text(o.paymentID), .text(o.buyerID), .text(o.shopID), .text(o.status), .text(o.currency)]
        let tail: [BulkValue] = [.text(o.shippingOption), .text(o.shippingAddressJSON), .text(o.couponID), .text(o.couponCode),
                                 .text(o.carrier), .text(o.trackingNumber), .bool(o.invoiceReady), .date(o.createdAt), .date(o.updatedAt)]
        return head + amounts + tail
    }

    private static func row(_ l: OrderLineModel) -> [BulkValue] {
        let head: [BulkValue] = [.text(l.id), .text(l.orderID), .int(l.position), .text(l.productID), .text(l.variantID), .text(l.title), .text(l.sku)]
        let amounts: [BulkValue] = [.int(l.quantity), .int(Int(l.unitPrice)), .int(Int(l.discount)), .int(Int(l.tax)), .int(Int(l.total))]
        return head + amounts
    }
}
