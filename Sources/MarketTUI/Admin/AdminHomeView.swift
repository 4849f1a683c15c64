import MarketModels
import TerminalKit

/// Draws the admin home: the pane switcher with the pane's status, the table, and the
/// note about moderation.
///
///      Users   Shops                      role: all · 11 users · sorted by Email ▲
///     ▸ Email                     Name             Role   Verified  Created
///     …
///     Moderation (bans, reports, takedowns) arrives with the admin release.
enum AdminHomeView {
    struct Layout {
        var panes: Rect
        var table: Rect
        var hint: Rect
    }

    /// A pure function of the body area, so clicks land where the last frame drew.
    static func layout(_ body: Rect) -> Layout {
        let rows = TerminalKit.Layout.rows([.fixed(1), .fixed(1), .fill, .fixed(1)], in: body.inset(horizontal: 1))
        return Layout(panes: rows[0], table: rows[2], hint: rows[3])
    }

    /// Where each pane's title is drawn on the pane line.
    static func paneTitles(in line: Rect) -> [Rect] {
        var x = line.x
        return AdminHomeModel.Pane.allCases.map { pane in
            let width = DisplayWidth.of(pane.title) + 2
            defer { x += width + 1 }
            return Rect(x: x, y: line.y, width: width, height: 1)
        }
    }

    static func draw(_ model: AdminHomeModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        let layout = layout(area)
        for (pane, rect) in zip(AdminHomeModel.Pane.allCases, paneTitles(in: layout.panes)) {
            let style = pane == model.pane ? theme[.tabActive] : theme[.muted]
            buffer.write(" \(pane.title) ", x: rect.x, y: rect.y, style: style, maxWidth: max(0, layout.panes.maxX - rect.x))
        }
        let used = (paneTitles(in: layout.panes).last?.maxX ?? layout.panes.x) - layout.panes.x
        let status = Rect(x: layout.panes.x + used + 2, y: layout.panes.y, width: max(0, layout.panes.width - used - 2), height: 1)

        let page: (isBusy: Bool, error: String?, count: Int, more: Bool, noun: String) = model.pane == .users
            ? (model.users.isBusy, model.users.errorMessage, model.users.items.count, model.users.hasMore, "user")
            : (model.shops.isBusy, model.shops.errorMessage, model.shops.items.count, model.shops.hasMore, "shop")
        if let error = page.error {
            buffer.write(TextLayout.truncate(error, to: status.width), in: status, style: theme[.error])
        } else {
            var parts: [String] = []
            if model.pane == .users { parts.append("role: \(model.roleFilter?.rawValue ?? "all")") }
            parts.append("\(page.count)\(page.more ? "+" : "") \(page.noun)\(page.count == 1 && !page.more ? "" : "s")")
            if let sort = model.table.sortLabel { parts.append(sort) }
            if model.pane == .shops { parts.append("active shops") }
            var text = parts.joined(separator: " · ")
            if page.isBusy { text = Spinner(tick: tick).frame + " loading  " + text }
            let shown = TextLayout.truncate(text, to: status.width)
            buffer.write(shown, in: status, column: max(0, status.width - DisplayWidth.of(shown)), style: theme[.muted])
        }

        let empty = page.isBusy ? Spinner(tick: tick).frame + " Loading…" : (model.pane == .users ? "No users match." : "No shops yet.")
        Table(rows: model.visibleRows, state: model.table, emptyText: empty).render(into: &buffer, area: layout.table, theme: theme)
        if model.pane == .shops {
            // Suspended shops stand out.
            let body = Rect(x: layout.table.x, y: layout.table.y + 1, width: layout.table.width, height: layout.table.height - 1)
            let column = model.shopsTable.columnRects(in: layout.table)[3]
            let rows = model.visibleRows
            for (line, index) in model.shopsTable.rows.visibleRange(height: body.height).enumerated() where rows[index][3] == ShopStatus.suspended.rawValue {
                buffer.restyle(Rect(x: column.x, y: body.y + line, width: column.width, height: 1), with: theme[.warning])
            }
        }
        buffer.write("Moderation (bans, reports, takedowns) arrives with the admin release.", in: layout.hint, style: theme[.muted])
    }
}
