import MarketModels
import TerminalKit

/// Draws the cart: a heading with the count and subtotal, the lines (title with any notice,
/// shop on wide screens, SKU, quantity, unit price, line total), and a box with each
/// shop's subtotal, the coupon and the whole subtotal. The checkout, when open, takes the
/// whole body.
///
///      Cart                                         3 items in 2 shops · 54.00 USD
///
///        Item                          SKU          Qty       Price       Total
///      ▸ Oat mug  Only 2 left.         KC-MUG-OAT     3   12.00 USD   36.00 USD
///        Ash bowl                      KC-BWL         1   18.00 USD   18.00 USD
///      ╭─ Totals ──────────────────────────────────────────────────────────────╮
///      │ Kiln & Co.                                   4 items        54.00 USD │
///      │ Coupon SAVE10                                               −5.40 USD │
///      │ Subtotal                                                    54.00 USD │
///      ╰───────────────────────────────────────────────────────────────────────╯
enum CartView {
    struct Layout {
        var heading: Rect
        var header: Rect
        var list: Rect
        var totals: Rect
    }

    static func layout(_ body: Rect, model: CartModel) -> Layout {
        let shops = max(1, model.groups.count)
        let totalsHeight = min(shops + 2 + 2, max(5, body.height / 2))
        let rows = TerminalKit.Layout.rows([.fixed(1), .fixed(1), .fixed(1), .fill(min: 2), .fixed(totalsHeight)], in: body.inset(horizontal: 1))
        return Layout(heading: rows[0], header: rows[2], list: rows[3], totals: rows[4])
    }

    static func listArea(_ body: Rect, model: CartModel) -> Rect { layout(body, model: model).list }

    /// The columns of a row: item, shop (wide screens only), SKU, quantity, unit price, total.
    static func columns(_ area: Rect) -> [Rect] {
        let wide = area.width >= 110
        let widths: [Constraint] = wide
            ? [.fill(min: 16), .fixed(20), .fixed(14), .fixed(4), .fixed(13), .fixed(13)]
            : [.fill(min: 12), .fixed(0), .fixed(12), .fixed(4), .fixed(12), .fixed(12)]
        return TerminalKit.Layout.columns(widths, in: area, spacing: 1)
    }

    static func draw(_ model: CartModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        if let checkout = model.checkout { return CheckoutView.draw(checkout, into: &buffer, area: area, theme: theme, tick: tick) }
        let layout = layout(area, model: model)
        let groups = model.groups
        let count = model.book.itemCount
        var detail = ""
        if count > 0, let subtotal = model.subtotal {
            detail = "\(count) item\(count == 1 ? "" : "s") in \(groups.count) shop\(groups.count == 1 ? "" : "s") · \(subtotal.formatted)"
        }
        if model.book.isSyncing { detail = Spinner(tick: tick).frame + " saving  " + detail }
        VendorScreen.drawHeading("Cart", detail: detail, error: model.errorMessage, isLoading: model.isLoading,
                                 into: &buffer, area: layout.heading, theme: theme, tick: tick)

        let rows = model.rows
        if !rows.isEmpty {
            let titles = ["Item", "Shop", "SKU", "Qty", "Price", "Total"]
            for (index, column) in columns(layout.header.droppingLeft(2)).enumerated() where column.width > 0 {
                let text = TextLayout.pad(titles[index], to: column.width, alignment: index >= 3 ? .right : .left)
                buffer.write(text, in: column, style: theme[.tableHeader])
            }
        }
        let empty = model.book.hasLoaded
            ? "Your cart is empty. Find something in the Catalog and press a on it to add it here."
            : (model.isLoading ? Spinner(tick: tick).frame + " Loading your cart…" : "")
        let shopNames = Dictionary(groups.map { ($0.shopID, $0.name) }, uniquingKeysWith: { first, _ in first })
        ListView(rows, state: model.list, emptyText: empty) { buffer, area, line, _, theme in
            drawLine(line, shop: shopNames[line.shopId] ?? "", problem: model.problems[line.id], pending: model.book.isPending(line.id),
                     into: &buffer, area: area, theme: theme)
        }.render(into: &buffer, area: layout.list, theme: theme)

        guard model.book.hasLoaded, !rows.isEmpty || model.couponCode != nil || model.couponField != nil else { return nil }
        return drawTotals(model, groups: groups, into: &buffer, area: layout.totals, theme: theme, tick: tick)
    }

    static func drawLine(_ line: CartItemDTO, shop: String, problem: String?, pending: Bool, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let cells = columns(area)
        let used = buffer.write(TextLayout.truncate(line.title, to: cells[0].width), in: cells[0], style: theme[.text])
        // Short stock from a checkout first, then the server's own notice.
        if let notice = problem ?? line.notice, used + 2 < cells[0].width {
            let style = problem != nil || line.quantity > line.available ? theme[.error] : theme[.warning]
            buffer.write(TextLayout.truncate(notice, to: cells[0].width - used - 2), in: cells[0], column: used + 2, style: style)
        }
        if cells[1].width > 0 { buffer.write(TextLayout.truncate(shop, to: cells[1].width), in: cells[1], style: theme[.muted]) }
        buffer.write(TextLayout.truncate(line.sku ?? "", to: cells[2].width), in: cells[2], style: theme[.muted])
        let right: [(String, ThemeRole)] = [
            (String(line.quantity), pending ? .muted : .text), (line.unitPrice.formatted, line.priceChanged ? .warning : .text),
            (CartModel.lineTotal(line).formatted, .price),
        ]
        for (offset, (text, role)) in right.enumerated() {
            let cell = cells[3 + offset]
            buffer.write(TextLayout.pad(TextLayout.truncate(text, to: cell.width), to: cell.width, alignment: .right), in: cell, style: theme[role])
        }
    }

    /// Each shop's subtotal, the coupon (or its field), the subtotal of all.
    static func drawTotals(_ model: CartModel, groups: [CartModel.ShopGroup], into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let box = Box(title: "Totals")
        box.render(into: &buffer, area: area, theme: theme)
        let inner = box.inner(area).inset(horizontal: 1)
        var rows: [(label: String, middle: String, amount: String, role: ThemeRole)] = groups.map { group in
            let units = group.lines.reduce(0) { $0 + $1.quantity }
            return (group.name, "\(units) item\(units == 1 ? "" : "s")", group.subtotal.formatted, .text)
        }
        var cursor: Point?
        let couponRow = rows.count
        if let error = model.couponError {
            rows.append(("Coupon", error, "", .error))
        } else if let code = model.couponCode {
            let discount = model.couponQuote.map { "−" + $0.discount.formatted } ?? (model.isQuotingCoupon ? Spinner(tick: tick).frame : "")
            rows.append(("Coupon \(code)", "", discount, .success))
        } else {
            rows.append(("Coupon", "none", "", .muted))
        }
        rows.append(("Subtotal", "shipping and tax at checkout", model.subtotal?.formatted ?? "", .price))
        // When the rows outnumber the box, the last ones (coupon, subtotal) stay.
        let shown = Array(rows.suffix(inner.height))
        let skipped = rows.count - shown.count
        for (offset, row) in shown.enumerated() {
            let line = inner.row(offset)
            let amountWidth = DisplayWidth.of(row.amount)
            let label = TextLayout.truncate(row.label, to: max(0, line.width / 2 - 1))
            let labelWidth = buffer.write(label, in: line, style: theme[offset + skipped >= couponRow ? .title : .text])
            if offset + skipped == couponRow, let field = model.couponField {
                let input = Rect(x: line.x + labelWidth + 2, y: line.y, width: min(34, max(1, line.width - labelWidth - 2)), height: 1)
                TextField(state: field, placeholder: "code, enter applies, empty removes", isFocused: true).render(into: &buffer, area: input, theme: theme)
                cursor = field.cursorPosition(in: input)
                continue
            }
            let middleWidth = max(0, line.width - labelWidth - amountWidth - 4)
            buffer.write(TextLayout.truncate(row.middle, to: middleWidth), in: line, column: labelWidth + 2, style: theme[row.role == .error ? .error : .muted])
            buffer.write(row.amount, in: line, column: line.width - amountWidth, style: theme[row.role])
        }
        return cursor
    }
}
