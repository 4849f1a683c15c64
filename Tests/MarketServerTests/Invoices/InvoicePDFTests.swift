import Foundation
import MarketModels
import Testing
@testable import MarketServer

/// The renderer, read back with the real `pdftotext`.
@Suite("Invoice PDF")
struct InvoicePDFTests {
    typealias F = InvoiceFixtures

    @Test("a PDF with the header, both parties, every line, the totals and the page number")
    func usdInvoice() throws {
        let document = F.document(
            lines: [
                F.line("Ethiopian Yirgacheffe 250 g", sku: "COF-ETH-250", quantity: 2, unitPrice: 1234, tax: 197),
                F.line("Ceramic pour-over dripper", sku: "DRP-01", unitPrice: 2_999, tax: 240),
                F.line("Paper filters (100)", unitPrice: 450),
            ],
            discount: 500, shipping: 695)
        let pdf = try InvoicePDF.render(document)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))

        let text = try F.text(of: pdf)
        for expected in [
            "Invoice", "INV-ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", "ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", "21 Nov 2026",
            "Northwind Coffee", "1 Harbour Road", "shop@northwind.example",
            "Ada Lovelace", "ada@example.com", "London N1 9GU",
            "Description", "SKU", "Qty", "Unit price", "Tax", "Total",
            "Ethiopian Yirgacheffe 250 g", "COF-ETH-250", "12.34 USD", "1.97 USD", "26.65 USD",
            "Ceramic pour-over dripper", "DRP-01", "29.99 USD", "2.40 USD", "32.39 USD",
            "Paper filters (100)", "4.50 USD",
            "Paid by card, 21 Nov 2026", "Page 1 of 1",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(text.contains(#/Invoice number\s+INV-ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B\n/#))
        #expect(text.contains(#/Date\s+21 Nov 2026\n/#))
        #expect(text.contains(#/Order\s+ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B\n/#))
        // Each line's amounts sit on that line's row, in column order.
        #expect(lineOf(text, containing: "Ethiopian")?.contains(#/COF-ETH-250\s+2\s+12\.34 USD\s+1\.97 USD\s+26\.65 USD/#) == true)
        // Subtotal 24.68 + 29.99 + 4.50 = 59.17; tax 4.37; total 59.17 - 5.00 + 6.95 + 4.37 = 65.49.
        #expect(lineOf(text, containing: "Subtotal")?.contains("59.17 USD") == true)
        #expect(lineOf(text, containing: "Discount")?.contains("-5.00 USD") == true)
        #expect(lineOf(text, containing: "Shipping")?.contains("6.95 USD") == true)
        #expect(text.split(separator: "\n").contains { $0.contains(#/^\s+Tax\s+4\.37 USD\s*$/#) })
        #expect(text.split(separator: "\n").contains { $0.contains(#/^\s+Total\s+65\.49 USD\s*$/#) })
    }

    @Test("JPY amounts have no decimals, and a zero discount is left out")
    func jpyInvoice() throws {
        let document = F.document(currency: .jpy, lines: [F.line("抹茶 Matcha 100 g", quantity: 3, unitPrice: 1_500, tax: 360)], shipping: 800)
        let text = try F.text(of: try InvoicePDF.render(document))
        for expected in ["1,500 JPY", "360 JPY", "4,860 JPY", "4,500 JPY", "800 JPY", "5,660 JPY", "抹茶 Matcha 100 g"] {
            #expect(text.contains(expected), "\(expected)")
        }
        #expect(!text.contains("Discount"))
        #expect(!text.contains("1,500.00"))
    }

    @Test("non-ASCII text round-trips: accents and CJK (through fontconfig's fallback font)")
    func unicode() throws {
        let name = "Café Ünïcødé 東京"
        let document = F.document(
            lines: [F.line("Thé vert «Sencha» — 東京の茶", sku: "ÉTÉ-1", unitPrice: 100)],
            seller: .init(name: name, lines: ["Straße 5", "Москва"]),
            buyer: .init(name: "Zoë Ωmega", lines: ["København"]))
        let text = try F.text(of: try InvoicePDF.render(document))
        for expected in [name, "Thé vert «Sencha» — 東京の茶", "ÉTÉ-1", "Straße 5", "Москва", "Zoë Ωmega", "København"] {
            #expect(text.contains(expected), "\(expected)")
        }
    }

    @Test("control characters and terminal escapes from users do not reach the PDF")
    func controlCharacters() throws {
        let document = F.document(
            lines: [F.line("Mug\u{1B}[2J\u{1B}]0;pwned\u{07} with\u{0} lid\r\n", sku: "M\u{9B}31mUG", unitPrice: 800)],
            seller: .init(name: "Evil\u{1B}[31m Shop\u{7F}", lines: ["line\u{08}\u{08}one", "\u{202E}reversed"]),
            buyer: .init(name: "Bob\tBuyer", lines: ["\u{1B}c", "bob@example.com"]),
            paymentSummary: "Paid\u{1B}[5m by card")
        let text = try F.text(of: try InvoicePDF.render(document))
        for expected in ["Mug with lid", "MUG", "Evil Shop", "lineone", "reversed", "Bob Buyer", "bob@example.com", "Paid by card"] {
            #expect(text.contains(expected), "\(expected)")
        }
        for unwanted in ["[2J", "pwned", "[31m", "31m", "[5m"] {
            #expect(!text.contains(unwanted), "\(unwanted)")
        }
        // Nothing but line breaks, page breaks and printable text.
        let controls = text.unicodeScalars.filter { ($0.isControlCharacter && $0 != "\n" && $0 != "\u{0C}") || $0 == "\u{202E}" }
        #expect(controls.isEmpty, "\(controls.map { String($0.value, radix: 16) })")
    }

    @Test("120 lines flow over several pages, each with the header, the column titles and 'Page k of N'")
    func manyPages() throws {
        let lines = (1...120).map { F.line(String(format: "Item %03d", $0), sku: "SKU-\($0)", unitPrice: Int64(100 * $0)) }
        let pages = try F.pages(of: try InvoicePDF.render(F.document(lines: lines)))
        #expect(pages.count >= 3)
        for (index, page) in pages.enumerated() {
            #expect(page.contains("Page \(index + 1) of \(pages.count)"), "page \(index + 1)")
            #expect(page.contains("INV-ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B"), "page \(index + 1)")
            #expect(page.contains(#/Description\s+SKU\s+Qty\s+Unit price\s+Tax\s+Total/#), "page \(index + 1)")
        }
        #expect(pages.dropFirst().allSatisfy { $0.contains("(continued)") })
        // Every line once, in order, across the pages; the totals at the end.
        let all = pages.joined(separator: "\n")
        let items = all.matches(of: #/Item (\d{3})/#).map { Int($0.output.1)! }
        #expect(items == Array(1...120))
        #expect(pages.last!.contains("Subtotal") && pages.last!.contains("7,260.00 USD"))
        #expect(lineOf(all, containing: "Item 120")?.contains("120.00 USD") == true)
    }

    @Test("a long description is cut to its column with an ellipsis; a long SKU too")
    func longText() throws {
        let long = "Hand-thrown stoneware " + String(repeating: "glazed ", count: 200) + "ENDMARKER"
        let sku = "SKU-" + String(repeating: "X", count: 120) + "-TAIL"
        let document = F.document(lines: [F.line(long, sku: sku, unitPrice: 4_200), F.line("Next line", unitPrice: 1)])
        let text = try F.text(of: try InvoicePDF.render(document))
        #expect(text.contains("Hand-thrown stoneware"))
        #expect(text.contains("…"))
        #expect(!text.contains("ENDMARKER"))
        #expect(!text.contains("-TAIL"))
        #expect(lineOf(text, containing: "Hand-thrown")?.contains("42.00 USD") == true)
        #expect(text.contains("Next line"))
        // Wrapped to at most three lines: the row takes a few lines, not the page.
        #expect(text.components(separatedBy: "glazed").count - 1 < 40)
    }

    @Test("the same document renders to the same bytes, also from many tasks at once")
    func concurrentAndDeterministic() async throws {
        let documents = (0..<6).map { n in
            F.document(lines: (0..<(5 + n * 7)).map { F.line("Thing \($0) 東京", unitPrice: Int64($0 + 1) * 99) })
        }
        let sequential = try documents.map(InvoicePDF.render)
        let parallel = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for _ in 0..<3 {
                for (index, document) in documents.enumerated() {
                    group.addTask { (index, try InvoicePDF.render(document)) }
                }
            }
            return try await group.reduce(into: [(Int, [UInt8])]()) { $0.append($1) }
        }
        #expect(parallel.count == 18)
        for (index, pdf) in parallel {
            #expect(pdf == sequential[index], "document \(index)")
        }
    }

    @Test("an order with no lines still renders its header and totals")
    func noLines() throws {
        let text = try F.text(of: try InvoicePDF.render(F.document(lines: [], paymentSummary: nil)))
        #expect(text.contains("Northwind Coffee") && text.contains("0.00 USD") && text.contains("Page 1 of 1"))
    }

    @Test("dates print in UTC as day, month and year")
    func dates() {
        #expect(InvoicePDF.dateText(RFC3339.date(from: "2026-01-02T23:59:59Z")!) == "2 Jan 2026")
        #expect(InvoicePDF.dateText(RFC3339.date(from: "2026-12-31T23:30:00-02:00")!) == "1 Jan 2027")
    }

    /// The first line of `text` that contains `needle`.
    private func lineOf(_ text: String, containing needle: String) -> Substring? {
        text.split(separator: "\n").first { $0.contains(needle) }
    }
}
