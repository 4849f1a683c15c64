import Foundation
import MarketModels
@testable import MarketServer

/// Invoices to render, and their text read back by poppler's `pdftotext` (Debian's
/// poppler-utils): what a person copying from the PDF, or a screen reader, would get.
enum InvoiceFixtures {
    static let issuedAt = RFC3339.date(from: "2026-11-21T10:30:00Z")!
    static let orderID = OrderID(rawValue: "ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B")!

    static func line(_ description: String, sku: String? = nil, quantity: Int = 1, unitPrice: Int64, tax: Int64 = 0) -> InvoiceDocument.Line {
        InvoiceDocument.Line(
            description: description, sku: sku, quantity: quantity, unitPrice: unitPrice,
            taxAmount: tax, total: unitPrice * Int64(quantity) + tax)
    }

    /// A document whose totals add up from `lines`.
    static func document(
        currency: Currency = .usd, lines: [InvoiceDocument.Line], discount: Int64 = 0, shipping: Int64 = 0,
        seller: InvoiceDocument.Party = .init(name: "Northwind Coffee", lines: ["1 Harbour Road", "Portland, OR 97201", "shop@northwind.example"]),
        buyer: InvoiceDocument.Party = .init(name: "Ada Lovelace", lines: ["ada@example.com", "12 Analytical Street", "London N1 9GU"]),
        paymentSummary: String? = "Paid by card, 21 Nov 2026"
    ) -> InvoiceDocument {
        let subtotal = lines.reduce(0) { $0 + $1.unitPrice * Int64($1.quantity) }
        let tax = lines.reduce(0) { $0 + $1.taxAmount }
        return InvoiceDocument(
            number: "INV-\(orderID.rawValue)", orderID: orderID, issuedAt: issuedAt, currency: currency,
            seller: seller, buyer: buyer, lines: lines,
            subtotal: subtotal, discount: discount, shipping: shipping, tax: tax,
            total: subtotal - discount + shipping + tax, paymentSummary: paymentSummary)
    }

    /// `pdftotext -layout` of the PDF: pages are separated by form feeds.
    static func text(of pdf: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-invoice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("invoice.pdf")
        try Data(pdf).write(to: file)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-layout", "-enc", "UTF-8", file.path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestSetupError("pdftotext failed (\(process.terminationStatus)); is Debian's poppler-utils package installed?")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of each page (pdftotext ends every page with a form feed).
    static func pages(of pdf: [UInt8]) throws -> [String] {
        var pages = try text(of: pdf).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }
}
