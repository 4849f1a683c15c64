import FluentKit
import Foundation
import MarketModels

/// `orders.invoice`: renders an order's PDF invoice (enqueued when the order is paid) and
/// stores it; the order then says `invoiceAvailable`. Idempotent: a second run writes the
/// same file again.
struct InvoiceJobHandler: JobHandler {
    struct Payload: Codable, Sendable { var orderID: String }
    static let type = "orders.invoice"
    static let settings = JobSettings(maxAttempts: 5, timeout: .seconds(120), concurrency: 2)

    let database: @Sendable () -> any Database
    let store: any InvoiceStore

    func run(_ payload: Payload, context: JobContext) async throws {
        let db = database()
        guard let orderID = OrderID(rawValue: payload.orderID), let order = try await OrderModel.find(payload.orderID, on: db) else {
            throw PermanentJobError("no order \(payload.orderID.prefix(40))")
        }
        let document = try await Self.document(for: order, on: db)
        try await store.write(try InvoicePDF.render(document), for: orderID)
        order.invoiceReady = true
        try await order.update(on: db)
    }

    static func document(for order: OrderModel, on db: any Database) async throws -> InvoiceDocument {
        let lines = try await OrderLineModel.query(on: db).filter(\.$orderID == order.id!).sort(\.$position).all()
        let shop = try await ShopModel.find(order.shopID, on: db)
        let buyer = try await UserModel.find(order.buyerID, on: db)
        let paidAt = try await OrderEventModel.query(on: db).filter(\.$orderID == order.id!)
            .filter(\.$toStatus == OrderStatus.paid.rawValue).first()?.createdAt
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "UTC")
        date.dateFormat = "d MMM yyyy"
        return InvoiceDocument(
            number: "INV-\(order.id!)", orderID: OrderID(rawValue: order.id!)!, issuedAt: paidAt ?? order.createdAt, currency: order.currencyValue,
            seller: .init(name: shop?.name ?? "MarketMate shop", lines: [shop?.contactEmail].compactMap { $0 }),
            buyer: .init(name: buyer?.name ?? order.shippingAddress.name, lines: [buyer?.email].compactMap { $0 } + order.shippingAddress.lines),
            lines: lines.map { .init(description: $0.title, sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice, taxAmount: $0.tax, total: $0.total) },
            subtotal: order.subtotal, discount: order.discount, shipping: order.shipping, tax: order.tax, total: order.total,
            paymentSummary: paidAt.map { "Paid by card, \(date.string(from: $0))" })
    }
}
