import MarketModels
import TerminalKit

/// The vendor's shops, and the new-shop form over them.
enum ShopsView {
    /// Pure functions of the body area, so clicks land where the last frame drew.
    static func tableArea(_ body: Rect) -> Rect {
        Layout.rows([.fixed(1), .fixed(1), .fill], in: body.inset(horizontal: 1))[2]
    }

    static func formBox(_ body: Rect) -> Rect {
        body.centered(width: min(72, body.width - 2), height: 4 * 2 + 6)
    }

    static func formArea(_ body: Rect) -> Rect {
        let inner = Box().inner(formBox(body)).inset(horizontal: 1)
        return Layout.rows([.fixed(1), .fill, .fixed(1)], in: inner)[1]
    }

    static func draw(_ model: VendorModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let rows = Layout.rows([.fixed(1), .fixed(1), .fill], in: area.inset(horizontal: 1))
        let count = model.shops.items.count
        var detail = count == 0 ? "" : "\(count)\(model.shops.hasMore ? "+" : "") shop\(count == 1 ? "" : "s")"
        if let sort = model.shopTable.sortLabel { detail += (detail.isEmpty ? "" : " · ") + sort }
        VendorScreen.drawHeading(
            "My shops", detail: detail, error: model.shops.errorMessage, isLoading: model.shops.isBusy,
            into: &buffer, area: rows[0], theme: theme, tick: tick)

        let order = model.shopOrder
        let cells = order.map { VendorModel.shopCells(model.shops.items[$0]) }
        let empty = model.shops.hasLoaded ? "You have no shop yet. Press \(model.keys.new) to open one." : ""
        Table(rows: cells, state: model.shopTable, isFocused: model.shopForm == nil && model.dialog == nil, emptyText: empty)
            .render(into: &buffer, area: rows[2], theme: theme)
        // Suspended shops stand out: their products are hidden from buyers.
        let body = Rect(x: rows[2].x, y: rows[2].y + 1, width: rows[2].width, height: rows[2].height - 1)
        let statusColumn = model.shopTable.columnRects(in: rows[2])[3]
        for (row, index) in model.shopTable.rows.visibleRange(height: body.height).enumerated() where model.shops.items[order[index]].status == .suspended {
            buffer.restyle(Rect(x: statusColumn.x, y: body.y + row, width: statusColumn.width, height: 1), with: theme[.warning])
        }

        guard let form = model.shopForm else { return nil }
        return drawForm(form, keys: model.keys, into: &buffer, body: area, theme: theme, tick: tick, isFocused: model.dialog == nil)
    }

    private static func drawForm(_ model: ShopFormModel, keys: KeyLabels, into buffer: inout CellBuffer, body: Rect, theme: Theme, tick: Int, isFocused: Bool) -> Point? {
        let box = formBox(body)
        let frame = Box(title: "Open a new shop", fill: theme[.dialog])
        buffer.fill(box, style: theme[.dialog])
        frame.render(into: &buffer, area: box, theme: theme)
        let rows = Layout.rows([.fixed(1), .fill, .fixed(1)], in: frame.inner(box).inset(horizontal: 1))
        if model.isSubmitting {
            buffer.write(Spinner(tick: tick).frame + " Opening the shop…", in: rows[0], style: theme[.info])
        } else {
            buffer.write("Buyers see the name and description; prices are in the currency.", in: rows[0], style: theme[.muted])
        }
        let form = Form(state: model.form, isFocused: isFocused && !model.isSubmitting)
        form.render(into: &buffer, area: rows[1], theme: theme)
        buffer.write("enter on the last field or \(keys.save) opens it · esc cancels", in: rows[2], style: theme[.muted])
        return form.cursorPosition(in: rows[1])
    }
}
