import Foundation
import MarketModels

/// Everything an invoice PDF shows, filled from an order when it is invoiced and rendered
/// by `InvoicePDF`. A plain value with no database types in it, so the renderer can be
/// tested on its own and run off any thread.
///
/// Amounts are minor units of `currency` (as `Money.amount`). They are printed as given:
/// the order decides the tax and the totals, the invoice only shows them. Text from users
/// (names, addresses, descriptions) may hold anything; the renderer cleans it.
struct InvoiceDocument: Sendable, Equatable {
    /// The shop or the buyer: a name and the lines under it (address lines, email, tax id).
    struct Party: Sendable, Equatable {
        var name: String
        var lines: [String]
    }

    /// One order line. `total` is the line's amount including its tax as the order
    /// computed it (nothing here recomputes it).
    struct Line: Sendable, Equatable {
        var description: String
        var sku: String?
        var quantity: Int
        var unitPrice: Int64
        var taxAmount: Int64
        var total: Int64
    }

    /// The invoice number, e.g. "INV-ord_01J…".
    var number: String
    var orderID: OrderID
    /// Printed as a date in UTC.
    var issuedAt: Date
    var currency: Currency
    /// The shop.
    var seller: Party
    /// The buyer: name, email, shipping address lines.
    var buyer: Party
    var lines: [Line]
    var subtotal: Int64
    /// What was taken off, as a positive amount; printed (negated) only when non-zero.
    var discount: Int64
    var shipping: Int64
    var tax: Int64
    var total: Int64
    /// e.g. "Paid by card, 21 Nov 2026".
    var paymentSummary: String?
}
