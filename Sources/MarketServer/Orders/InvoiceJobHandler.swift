import FluentKit
import Foundation
import MarketModels
import SQLKit

/// `orders.invoice`: renders an order's PDF invoice (enqueued when the order is paid) and
/// stores it; the order then says `invoiceAvailable`. Idempotent: a second run writes the
/// same file again.
struct InvoiceJobHandler: JobHandler {
    struct Payload: Codable, Sendable { var orderID: String }
    static let type = "orders.invoice"
    static let settings = JobSettings(maxAttempts: 5, timeout: .seconds(120), concurrency: 2)

    /// The job for a paid order; one per order while it waits or runs (its unique key).
    static func job(orderID: String) throws -> NewJob {
        try NewJob(Self.self, payload: .init(orderID: orderID), options: JobOptions(uniqueKey: "invoice:\(orderID)"))
    }

    let database: @Sendable () -> any Database
    /// For its reads (`DatabaseSetup.readDatabase`): on SQLite they then leave the one
    /// writer connection to the checkouts that enqueue invoices.
    let readDatabase: @Sendable () -> any Database
    let store: any InvoiceStore

    func run(_ payload: Payload, context: JobContext) async throws {
        let read = readDatabase() as! any SQLDatabase
        guard let orderID = OrderID(rawValue: payload.orderID), let order = try await OrderModel.find(payload.orderID, on: read) else {
            throw PermanentJobError("no order \(payload.orderID.prefix(40))")
        }
        let document = try await Self.document(for: order, on: read)
        try await store.write(try InvoicePDF.render(document), for: orderID)
        try await (database() as! any SQLDatabase).raw("UPDATE orders SET invoice_ready = \(bind: true) WHERE id = \(bind: order.id!)").run()
    }

    private struct PartiesRow: Decodable {
        let shop_name: String?
        let contact_email: String?
        let buyer_name: String?
        let buyer_email: String?
        let paid_at: Date?
    }

    private struct LineRow: Decodable {
        let title: String
        let sku: String?
        let quantity: Int
        let unit_price: Int64
        let tax: Int64
        let total: Int64
    }

    /// Raw SQL, two statements: one invoice per paid order, so Fluent's reflection showed
    /// in the checkout benchmark's CPU.
    static func document(for order: OrderModel, on sql: any SQLDatabase) async throws -> InvoiceDocument {
        let lines = try await sql.raw("""
            SELECT title, sku, quantity, unit_price, tax, total FROM order_lines WHERE order_id = \(bind: order.id!) ORDER BY position
            """).all(decoding: LineRow.self)
        let parties = try await sql.raw("""
            SELECT s.name AS shop_name, s.contact_email, u.name AS buyer_name, u.email AS buyer_email,
                   (SELECT e.created_at FROM order_events e WHERE e.order_id = o.id AND e.to_status = \(bind: OrderStatus.paid.rawValue)
                    ORDER BY e.seq LIMIT 1) AS paid_at
            FROM orders o LEFT JOIN shops s ON s.id = o.shop_id LEFT JOIN users u ON u.id = o.buyer_id
            WHERE o.id = \(bind: order.id!)
            """).first(decoding: PartiesRow.self)
        let paidAt = parties?.paid_at
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "UTC")
        date.dateFormat = "d MMM yyyy"
        return InvoiceDocument(
            number: "INV-\(order.id!)", orderID: OrderID(rawValue: order.id!)!, issuedAt: paidAt ?? order.createdAt, currency: order.currencyValue,
            seller: .init(name: parties?.shop_name ?? "MarketMate shop", lines: [parties?.contact_email].compactMap { $0 }),
            buyer: .init(name: parties?.buyer_name ?? order.shippingAddress.name, lines: [parties?.buyer_email].compactMap { $0 } + order.shippingAddress.lines),
            lines: lines.map { .init(description: $0.title, sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unit_price, taxAmount: $0.tax, total: $0.total) },
            subtotal: order.subtotal, discount: order.discount, shipping: order.shipping, tax: order.tax, total: order.total,
            paymentSummary: paidAt.map { "Paid by card, \(date.string(from: $0))" })
    }
}
