import FluentKit
import Foundation
import SQLKit

/// Orders and payments read with raw SQL on the checkout's path: Fluent's decoding
/// reflects over the model's properties for every row, which cost more than the query.
/// The models come out as if Fluent had loaded them (`$id.exists`), so Fluent may still
/// save them.
extension OrderModel {
    private struct Row: Decodable {
        let id: String
        let checkout_id: String
        let payment_id: String
        let buyer_id: String
        let shop_id: String
        let status: String
        let currency: String
        let subtotal: Int64
        let discount: Int64
        let shipping: Int64
        let tax: Int64
        let total: Int64
        let refunded_amount: Int64
        let shipping_option: String
        let shipping_address: String
        let coupon_id: String?
        let coupon_code: String?
        let carrier: String?
        let tracking_number: String?
        let invoice_ready: Bool
        let created_at: Date
        let updated_at: Date
    }

    /// The orders of a checkout, by id.
    static func all(checkoutID: String, on sql: any SQLDatabase) async throws -> [OrderModel] {
        try await load("SELECT * FROM orders WHERE checkout_id = \(bind: checkoutID) ORDER BY id", on: sql)
    }

    static func find(_ id: String, on sql: any SQLDatabase) async throws -> OrderModel? {
        try await load("SELECT * FROM orders WHERE id = \(bind: id)", on: sql).first
    }

    private static func load(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [OrderModel] {
        try await sql.raw(query).all(decoding: Row.self).map { row in
            let order = OrderModel()
            order.id = row.id
            order.checkoutID = row.checkout_id
            order.paymentID = row.payment_id
            order.buyerID = row.buyer_id
            order.shopID = row.shop_id
            order.status = row.status
            order.currency = row.currency
            order.subtotal = row.subtotal
            order.discount = row.discount
            order.shipping = row.shipping
            order.tax = row.tax
            order.total = row.total
            order.refundedAmount = row.refunded_amount
            order.shippingOption = row.shipping_option
            order.shippingAddressJSON = row.shipping_address
            order.couponID = row.coupon_id
            order.couponCode = row.coupon_code
            order.carrier = row.carrier
            order.trackingNumber = row.tracking_number
            order.invoiceReady = row.invoice_ready
            order.createdAt = row.created_at
            order.updatedAt = row.updated_at
            order.$id.exists = true
            return order
        }
    }
}

extension PaymentModel {
    private struct Row: Decodable {
        let id: String
        let checkout_id: String
        let user_id: String
        let provider: String
        let intent_id: String?
        let payment_method: String
        let status: String
        let amount: Int64
        let currency: String
        let refunded_amount: Int64
        let decline_code: String?
        let message: String?
        let idempotency_id: String?
        let created_at: Date
        let updated_at: Date
    }

    /// The payment, locked for the rest of the transaction on PostgreSQL (`forUpdate`;
    /// SQLite's one writer serialises transactions already).
    static func find(_ id: String, forUpdate: Bool, engine: DatabaseEngine, on sql: any SQLDatabase) async throws -> PaymentModel? {
        let lock = forUpdate && engine == .postgres ? " FOR UPDATE" : ""
        guard let row = try await sql.raw("SELECT * FROM payments WHERE id = \(bind: id)\(unsafeRaw: lock)").first(decoding: Row.self) else { return nil }
        let payment = PaymentModel()
        payment.id = row.id
        payment.checkoutID = row.checkout_id
        payment.userID = row.user_id
        payment.provider = row.provider
        payment.intentID = row.intent_id
        payment.paymentMethod = row.payment_method
        payment.status = row.status
        payment.amount = row.amount
        payment.currency = row.currency
        payment.refundedAmount = row.refunded_amount
        payment.declineCode = row.decline_code
        payment.message = row.message
        payment.idempotencyID = row.idempotency_id
        payment.createdAt = row.created_at
        payment.updatedAt = row.updated_at
        payment.$id.exists = true
        return payment
    }

    /// Stores what settling changes (status, intent, decline, time).
    func saveSettlement(on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE payments SET status = \(bind: status), intent_id = \(bind: intentID), decline_code = \(bind: declineCode),
                                message = \(bind: message), updated_at = \(bind: updatedAt)
            WHERE id = \(bind: id!)
            """).run()
    }
}
