import CPangoCairo
import Foundation
import MarketModels

/// An `InvoiceDocument` as an A4 PDF: a header (invoice number, date, order), the shop and
/// the buyer, a table of the order lines, the totals, and "Page k of N" on every page.
/// Lines that do not fit flow onto further pages, each starting with a short header and
/// the table's column titles again.
///
/// Blocking (font loading and layout are CPU work, a few milliseconds a page): call it from
/// a job or a thread pool, not from a request's task. Safe to call from several threads at
/// once (see `PDFCanvas`). The output depends only on the document: the PDF's creation
/// date is the invoice's date, not the clock.
enum InvoicePDF {
    static func render(_ document: InvoiceDocument) throws -> [UInt8] {
        try InvoiceLayout(document).render()
    }

    /// User text is cut to this many characters before layout: it is ellipsized to a
    /// column anyway, and pango would otherwise lay out all of a megabyte-long "name".
    static let textLimit = 400

    /// Text from users on one line, without control characters or escape sequences (the
    /// terminal's cleaning serves a PDF too: a stray control character is a box in print,
    /// and invisible ones could disguise a name), trimmed and cut to `textLimit`.
    static func clean(_ text: String) -> String {
        String(TerminalText.sanitize(text).trimmingWhitespace().prefix(textLimit))
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "21 Nov 2026", in UTC and in English whatever the server's locale, from the
    /// project's RFC 3339 text of the date.
    static func dateText(_ date: Date) -> String {
        guard let stamp = RFC3339.string(from: date) else { return "" }
        let parts = stamp.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return String(stamp.prefix(10)) }
        return "\(parts[2]) \(months[parts[1] - 1]) \(parts[0])"
    }
}

/// The page geometry and the drawing. Content is first cut into pieces (each laid out and
/// measured), the pieces are put on pages, and only then drawn, so the footer can say how
/// many pages there are.
private struct InvoiceLayout {
    // A4 in points, with 15 mm margins.
    static let pageWidth = 595.276
    static let pageHeight = 841.89
    static let margin = 42.5
    static let contentWidth = pageWidth - 2 * margin
    /// Nothing but the footer goes below this.
    static let contentBottom = pageHeight - margin - 16

    // DejaVu Sans covers Latin, Greek and Cyrillic; fontconfig finds other scripts (CJK
    // in Droid Sans Fallback) per character.
    static let body = "DejaVu Sans 9"
    static let bold = "DejaVu Sans Bold 9"
    static let cell = "DejaVu Sans 8.5"
    static let cellBold = "DejaVu Sans Bold 8.5"
    static let small = "DejaVu Sans 7.5"
    static let title = "DejaVu Sans Bold 20"
    static let totalFont = "DejaVu Sans Bold 10.5"

    /// Party blocks show at most this many lines under the name.
    static let partyLineLimit = 8

    struct Column {
        var title: String
        var width: Double
        var alignment: PDFCanvas.Alignment
        var maxLines: Int
        var x = 0.0
    }

    static let cellPadding = 4.0
    static let columnGap = 8.0
    /// Description, SKU, quantity, unit price, tax, total: the description takes what the
    /// others leave. Amounts wrap (at the space before the currency) rather than being cut.
    static let columns: [Column] = {
        var columns = [
            Column(title: "Description", width: 0, alignment: .left, maxLines: 3),
            Column(title: "SKU", width: 72, alignment: .left, maxLines: 2),
            Column(title: "Qty", width: 30, alignment: .right, maxLines: 2),
            Column(title: "Unit price", width: 76, alignment: .right, maxLines: 3),
            Column(title: "Tax", width: 66, alignment: .right, maxLines: 3),
            Column(title: "Total", width: 80, alignment: .right, maxLines: 3),
        ]
        let fixed = columns.dropFirst().reduce(0) { $0 + $1.width }
        columns[0].width = contentWidth - 2 * cellPadding - fixed - Double(columns.count - 1) * columnGap
        var x = margin + cellPadding
        for index in columns.indices {
            columns[index].x = x
            x += columns[index].width + columnGap
        }
        return columns
    }()

    /// Something drawn at a vertical position, already measured.
    struct Piece {
        var height: Double
        var draw: (_ top: Double) -> Void
    }

    let document: InvoiceDocument
    let canvas: PDFCanvas

    init(_ document: InvoiceDocument) throws {
        self.document = document
        var metadata: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, "Invoice \(InvoicePDF.clean(document.number))"),
            (CAIRO_PDF_METADATA_AUTHOR, InvoicePDF.clean(document.seller.name)),
            (CAIRO_PDF_METADATA_CREATOR, "MarketMate"),
        ]
        // Cairo takes "YYYY-MM-DDThh:mm:ssZ", without RFC 3339's fraction.
        if let stamp = RFC3339.string(from: document.issuedAt) {
            metadata.append((CAIRO_PDF_METADATA_CREATE_DATE, String(stamp.prefix(19)) + "Z"))
        }
        canvas = try PDFCanvas(width: Self.pageWidth, height: Self.pageHeight, metadata: metadata)
    }

    func render() throws -> [UInt8] {
        let pages = paginate()
        for (index, page) in pages.enumerated() {
            if index > 0 { canvas.nextPage() }
            for (piece, top) in page { piece.draw(top) }
            footer(page: index + 1, of: pages.count)
        }
        return try canvas.finish()
    }

    /// The pieces placed on pages: each page a list of pieces and their tops.
    private func paginate() -> [[(Piece, Double)]] {
        var pages: [[(Piece, Double)]] = [[]]
        var y = Self.margin
        func place(_ piece: Piece) {
            pages[pages.count - 1].append((piece, y))
            y += piece.height
        }
        func newPage() {
            pages.append([])
            y = Self.margin
            place(continuationHeader())
        }
        place(firstHeader())
        place(parties())
        let tableHeader = tableHeader()
        place(tableHeader)
        for line in document.lines {
            let row = row(line)
            if y + row.height > Self.contentBottom {
                newPage()
                place(tableHeader)
            }
            place(row)
        }
        let totals = totals()
        if y + totals.height > Self.contentBottom { newPage() }
        place(totals)
        return pages
    }

    // MARK: Pieces

    private func firstHeader() -> Piece {
        let m = Self.margin
        let title = canvas.text("Invoice", font: Self.title, width: 200)
        let labelWidth = 84.0
        let valueWidth = 220.0  // an "INV-ord_…" number and an order id fit on one line
        let labelX = m + Self.contentWidth - labelWidth - valueWidth
        let facts = [
            ("Invoice number", InvoicePDF.clean(document.number)),
            ("Date", InvoicePDF.dateText(document.issuedAt)),
            ("Order", document.orderID.rawValue),
        ].map { label, value in
            (canvas.text(label, font: Self.bold, width: labelWidth), canvas.text(value, font: Self.body, width: valueWidth, maxLines: 2))
        }
        let factsHeight = facts.reduce(0) { $0 + max($1.0.height, $1.1.height) + 2 }
        return Piece(height: max(title.height, factsHeight) + 22) { top in
            canvas.draw(title, x: m, y: top)
            var y = top
            for (label, value) in facts {
                canvas.draw(label, x: labelX, y: y, gray: 0.35)
                canvas.draw(value, x: labelX + labelWidth, y: y)
                y += max(label.height, value.height) + 2
            }
            canvas.rule(x: m, y: top + max(title.height, factsHeight) + 8, length: Self.contentWidth, gray: 0.6)
        }
    }

    /// The shop on the left, the buyer on the right.
    private func parties() -> Piece {
        let width = (Self.contentWidth - 24) / 2
        let blocks = [("From", document.seller), ("Bill to", document.buyer)].map { heading, party in
            var boxes = [
                canvas.text(heading.uppercased(), font: Self.small, width: width),
                canvas.text(InvoicePDF.clean(party.name), font: Self.bold, width: width, maxLines: 2),
            ]
            let lines = party.lines.map(InvoicePDF.clean).filter { !$0.isEmpty }.prefix(Self.partyLineLimit)
            boxes += lines.map { canvas.text($0, font: Self.body, width: width) }
            return boxes
        }
        let heights = blocks.map { $0.reduce(0) { $0 + $1.height + 1 } }
        return Piece(height: (heights.max() ?? 0) + 18) { top in
            for (index, boxes) in blocks.enumerated() {
                var y = top
                for (row, box) in boxes.enumerated() {
                    canvas.draw(box, x: Self.margin + Double(index) * (width + 24), y: y, gray: row == 0 ? 0.4 : 0)
                    y += box.height + 1 + (row == 0 ? 2 : 0)
                }
            }
        }
    }

    /// On pages after the first: which invoice this is a page of.
    private func continuationHeader() -> Piece {
        let text = "Invoice \(InvoicePDF.clean(document.number)) (continued)"
        let box = canvas.text(text, font: Self.bold, width: Self.contentWidth, maxLines: 2)
        return Piece(height: box.height + 14) { top in
            canvas.draw(box, x: Self.margin, y: top)
            canvas.rule(x: Self.margin, y: top + box.height + 5, length: Self.contentWidth, gray: 0.6)
        }
    }

    private func tableHeader() -> Piece {
        let boxes = Self.columns.map { canvas.text($0.title, font: Self.cellBold, width: $0.width, alignment: $0.alignment) }
        return tableRow(boxes, fill: 0.92)
    }

    private func row(_ line: InvoiceDocument.Line) -> Piece {
        let values = [
            InvoicePDF.clean(line.description),
            line.sku.map(InvoicePDF.clean) ?? "",
            String(line.quantity),
            money(line.unitPrice),
            money(line.taxAmount),
            money(line.total),
        ]
        let boxes = zip(Self.columns, values).map { column, value in
            canvas.text(value, font: Self.cell, width: column.width, alignment: column.alignment, maxLines: column.maxLines)
        }
        return tableRow(boxes, fill: nil)
    }

    /// One row of the table: a cell a column, as tall as its tallest cell, with a rule
    /// under it (or a shaded band, for the column titles).
    private func tableRow(_ boxes: [PDFCanvas.TextBox], fill: Double?) -> Piece {
        let pad = Self.cellPadding
        let height = (boxes.map(\.height).max() ?? 0) + 2 * pad
        return Piece(height: height) { top in
            if let fill {
                canvas.fill(x: Self.margin, y: top, width: Self.contentWidth, height: height, gray: fill)
            } else {
                canvas.rule(x: Self.margin, y: top + height, length: Self.contentWidth, thickness: 0.4, gray: 0.8)
            }
            for (column, box) in zip(Self.columns, boxes) {
                canvas.draw(box, x: column.x, y: top + pad)
            }
        }
    }

    /// Subtotal, discount (when there is one), shipping, tax and the total, at the right;
    /// the payment summary under them.
    private func totals() -> Piece {
        var rows = [("Subtotal", document.subtotal)]
        if document.discount != 0 {
            // A discount is stored as what was taken off; it reads as a negative amount.
            rows.append(("Discount", document.discount > 0 ? -document.discount : document.discount))
        }
        rows += [("Shipping", document.shipping), ("Tax", document.tax)]
        let labelWidth = 110.0
        let valueWidth = 130.0
        let labelX = Self.margin + Self.contentWidth - Self.cellPadding - labelWidth - valueWidth
        let boxes = rows.map { label, amount in
            (canvas.text(label, font: Self.body, width: labelWidth),
             canvas.text(money(amount), font: Self.body, width: valueWidth, alignment: .right, maxLines: 2))
        }
        let total = (canvas.text("Total", font: Self.totalFont, width: labelWidth),
                     canvas.text(money(document.total), font: Self.totalFont, width: valueWidth, alignment: .right, maxLines: 2))
        let payment = document.paymentSummary.map(InvoicePDF.clean).flatMap { $0.isEmpty ? nil : $0 }
            .map { canvas.text($0, font: Self.body, width: Self.contentWidth, maxLines: 3) }
        let rowsHeight = boxes.reduce(0) { $0 + max($1.0.height, $1.1.height) + 3 }
        let totalHeight = max(total.0.height, total.1.height)
        let height = 12 + rowsHeight + 6 + totalHeight + (payment.map { 16 + $0.height } ?? 0)
        return Piece(height: height) { top in
            var y = top + 12
            for (label, value) in boxes {
                canvas.draw(label, x: labelX, y: y)
                canvas.draw(value, x: labelX + labelWidth, y: y)
                y += max(label.height, value.height) + 3
            }
            canvas.rule(x: labelX, y: y + 1, length: labelWidth + valueWidth, thickness: 0.8)
            y += 6
            canvas.draw(total.0, x: labelX, y: y)
            canvas.draw(total.1, x: labelX + labelWidth, y: y)
            if let payment { canvas.draw(payment, x: Self.margin, y: y + totalHeight + 16, gray: 0.25) }
        }
    }

    private func footer(page: Int, of count: Int) {
        let y = Self.pageHeight - Self.margin - 4
        let width = Self.contentWidth / 2
        canvas.write("Invoice \(InvoicePDF.clean(document.number))", font: Self.small, x: Self.margin, y: y, width: width, gray: 0.4)
        canvas.write("Page \(page) of \(count)", font: Self.small, x: Self.margin + width, y: y, width: width, alignment: .right, gray: 0.4)
    }

    /// The project's money text ("1,234.56 USD", "1,000 JPY"), with the currency's digits.
    private func money(_ amount: Int64) -> String {
        Money(amount: amount, currency: document.currency).formatted
    }
}
