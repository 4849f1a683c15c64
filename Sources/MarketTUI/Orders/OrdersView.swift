import MarketModels
import TerminalKit

/// Draws the orders: a heading with the filter and count, the table (status coloured by
/// what it waits for), or one order in detail; and the dialog over either.
///
///      Your orders                                   status: all · 3 orders
///        Placed       Order     Shop             Items           Total  Status
///      ▸ Nov 21 14:03 #7QK2M9ZD Kiln & Co.       2 items     36.00 USD  paid
enum OrdersView {
    static func rows(_ body: Rect) -> [Rect] {
        Layout.rows([.fixed(1), .fixed(1), .fill], in: body.inset(horizontal: 1))
    }

    static func tableArea(_ body: Rect) -> Rect { rows(body)[2] }

    static func draw(_ model: OrdersModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let rows = rows(area)
        if let detail = model.detail {
            drawDetail(detail, model: model, into: &buffer, rows: rows, theme: theme, tick: tick)
        } else {
            drawList(model, into: &buffer, rows: rows, theme: theme, tick: tick)
        }
        guard let dialog = model.dialog else { return nil }
        return OrderDialogView.draw(dialog, into: &buffer, area: area, theme: theme, isWorking: model.working.contains(dialog.orderID), tick: tick)
    }

    static func title(_ model: OrdersModel) -> String {
        switch model.scope {
        case .mine: "Your orders"
        case .shop(let shop): "Orders of \(shop.name)"
        }
    }

    static func drawList(_ model: OrdersModel, into buffer: inout CellBuffer, rows: [Rect], theme: Theme, tick: Int) {
        var detail = "status: \(model.statusFilter.map(OrderText.status) ?? "all")"
        if model.page.hasLoaded { detail += " · " + model.countLabel }
        if !model.working.isEmpty || !model.downloading.isEmpty { detail = Spinner(tick: tick).frame + " saving  " + detail }
        VendorScreen.drawHeading(title(model), detail: detail, error: model.page.errorMessage, isLoading: model.page.isBusy,
                                 into: &buffer, area: rows[0], theme: theme, tick: tick)
        let cells = model.page.items.map { order -> [String] in
            let party = model.scope == .mine ? order.shopName : order.shippingAddress.name
            return [OrderText.stamp(order.createdAt, long: false), OrderText.number(order.id), party, OrderText.itemCount(order),
                    order.total.formatted, OrderText.status(order.status)]
        }
        let empty: String
        if !model.page.hasLoaded {
            empty = ""
        } else if let filter = model.statusFilter {
            empty = "No \(OrderText.status(filter)) orders. Press \(model.keys.filter) for the next state."
        } else {
            empty = model.scope == .mine ? "No orders yet. What you check out from the cart shows up here." : "No orders for this shop yet."
        }
        let table = rows[2]
        Table(rows: cells, state: model.table, isFocused: model.dialog == nil, emptyText: empty).render(into: &buffer, area: table, theme: theme)
        let body = Rect(x: table.x, y: table.y + 1, width: table.width, height: table.height - 1)
        let status = model.table.columnRects(in: table)[5]
        for (line, index) in model.table.rows.visibleRange(height: body.height).enumerated() where model.page.items.indices.contains(index) {
            buffer.restyle(Rect(x: status.x, y: body.y + line, width: status.width, height: 1), with: theme[OrderText.role(model.page.items[index].status)])
        }
    }

    static func drawDetail(_ detail: OrderDetailModel, model: OrdersModel, into buffer: inout CellBuffer, rows: [Rect], theme: Theme, tick: Int) {
        let order = detail.order
        let status = OrderText.status(order.status)
        let heading = rows[0]
        let used = buffer.write("Order \(OrderText.number(order.id))", in: heading, style: theme[.title])
        var right = status
        if detail.isLoading || model.working.contains(order.id) { right = Spinner(tick: tick).frame + "  " + right }
        let rightWidth = DisplayWidth.of(right)
        if heading.width > used + rightWidth + 2 {
            buffer.write(TextLayout.truncate(order.id.rawValue, to: heading.width - used - rightWidth - 4), in: heading, column: used + 2, style: theme[.muted])
        }
        buffer.write(right, in: heading, column: max(0, heading.width - rightWidth), style: theme[OrderText.role(order.status)])
        if let error = detail.errorMessage {
            buffer.write(TextLayout.truncate(error, to: rows[1].width), in: rows[1], style: theme[.error])
        }
        let lines = detailLines(order, model: model, width: rows[2].width)
        let area = rows[2]
        let start = min(detail.scroll, max(0, lines.count - area.height))
        for (offset, line) in lines.dropFirst(start).prefix(area.height).enumerated() {
            buffer.write(TextLayout.truncate(line.text, to: area.width), in: area.row(offset), style: theme[line.role])
        }
    }

    struct Line {
        var text: String
        var role: ThemeRole
    }

    /// The order as lines of text, one per row (long ones are cut, not wrapped, so the
    /// count is the same at every width and scrolling can stop at the end).
    static func detailLines(_ order: OrderDTO, model: OrdersModel, width: Int = 80) -> [Line] {
        var lines: [Line] = []
        lines.append(Line(text: "\(order.shopName) · placed \(OrderText.stamp(order.createdAt, long: true)) · \(order.shippingOption) shipping", role: .muted))
        lines.append(Line(text: "", role: .text))
        // The lines as a small table: title, SKU, quantity × price, total.
        let amount = 13
        let titleWidth = max(10, width - 14 - 6 - amount * 2 - 4)
        lines.append(Line(text: TextLayout.pad("Item", to: titleWidth) + " " + TextLayout.pad("SKU", to: 14) + " " + TextLayout.pad("Qty", to: 5, alignment: .right)
                          + " " + TextLayout.pad("Price", to: amount, alignment: .right) + " " + TextLayout.pad("Total", to: amount, alignment: .right), role: .tableHeader))
        for line in order.lines {
            let text = TextLayout.pad(TextLayout.truncate(line.title, to: titleWidth), to: titleWidth) + " "
                + TextLayout.pad(TextLayout.truncate(line.sku ?? "", to: 14), to: 14) + " " + TextLayout.pad(String(line.quantity), to: 5, alignment: .right)
                + " " + TextLayout.pad(line.unitPrice.formatted, to: amount, alignment: .right) + " " + TextLayout.pad(line.total.formatted, to: amount, alignment: .right)
            lines.append(Line(text: text, role: .text))
        }
        lines.append(Line(text: "", role: .text))
        lines.append(Line(text: "Subtotal \(order.subtotal.formatted) · discount \(OrderText.minus(order.discount))\(order.couponCode.map { " (\($0))" } ?? "")"
                          + " · shipping \(order.shipping.formatted) · tax \(order.tax.formatted)", role: .text))
        lines.append(Line(text: "Total \(order.total.formatted)" + (order.refunded.isZero ? "" : " · refunded \(order.refunded.formatted)"), role: .price))
        lines.append(Line(text: "Ship to: " + order.shippingAddress.lines.joined(separator: ", "), role: .text))
        if let carrier = order.carrier {
            lines.append(Line(text: "Shipped with \(carrier)" + (order.trackingNumber.map { ", tracking number \($0)" } ?? ""), role: .success))
        } else {
            lines.append(Line(text: order.status == .cancelled || order.status == .refunded ? "Not shipped." : "Not shipped yet.", role: .muted))
        }
        if let path = model.savedInvoices[order.id] {
            lines.append(Line(text: "Invoice saved to \(path)", role: .success))
        } else if order.invoiceAvailable {
            lines.append(Line(text: "Invoice: press \(model.keys.invoice) to save it as a PDF.", role: .info))
        } else {
            lines.append(Line(text: "Invoice: not made yet.", role: .muted))
        }
        lines.append(Line(text: "", role: .text))
        lines.append(Line(text: "Timeline", role: .title))
        for event in order.timeline {
            let note = event.note.map { " · \($0)" } ?? ""
            lines.append(Line(text: "  \(OrderText.stamp(event.at, long: true))  " + TextLayout.pad(OrderText.status(event.status), to: 10)
                              + OrderText.actor(event.actor) + note, role: OrderText.role(event.status)))
        }
        if order.timeline.isEmpty { lines.append(Line(text: "  (no events yet)", role: .muted)) }
        return lines
    }
}
