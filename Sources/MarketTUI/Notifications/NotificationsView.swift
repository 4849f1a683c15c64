import Foundation
import MarketModels
import TerminalKit

/// Draws the Inbox: a heading with the counts, the list (unread ones marked with a dot
/// and in bold), and the selected notification in full below it.
///
///      Inbox                                        2 unread · 14 notifications
///
///     ▸ ● Import finished   Kiln & Co.: 12 created, 1 rejected       Nov 21 14:03
///         Order shipped     Your order ord_… is on its way           Nov 20 09:12
///     ╭─ Import finished ───────────────────────────────────────────────────────╮
///     │ Kiln & Co.: 12 created, 1 rejected. Row 7: price must be a number.      │
///     ╰───────────────────────────────────────────────────── 2026-11-21 14:03 ─╯
enum NotificationsView {
    struct Layout {
        var heading: Rect
        var list: Rect
        var detail: Rect
    }

    /// A pure function of the body area, so clicks land where the last frame drew.
    static func layout(_ body: Rect) -> Layout {
        let detailHeight = body.height >= 30 ? 8 : 5
        let rows = TerminalKit.Layout.rows([.fixed(1), .fixed(1), .fill(min: 3), .fixed(detailHeight)], in: body.inset(horizontal: 1))
        return Layout(heading: rows[0], list: rows[2], detail: rows[3])
    }

    static func listArea(_ body: Rect) -> Rect { layout(body).list }

    static func draw(_ model: NotificationsModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        let layout = layout(area)
        var detail: [String] = []
        if let unread = model.unreadCount { detail.append("\(unread) unread") }
        let count = model.page.items.count
        if model.page.hasLoaded { detail.append("\(count)\(model.page.hasMore ? "+" : "") notification\(count == 1 ? "" : "s")") }
        var status = detail.joined(separator: " · ")
        if !model.marking.isEmpty || model.isMarkingAll { status = Spinner(tick: tick).frame + " marking read  " + status }
        VendorScreen.drawHeading(
            "Inbox", detail: status, error: model.page.errorMessage, isLoading: model.page.isBusy,
            into: &buffer, area: layout.heading, theme: theme, tick: tick)

        let empty = model.page.hasLoaded ? "No notifications yet. Finished imports and order updates land here." : ""
        ListView(model.page.items, state: model.list, emptyText: empty) { buffer, area, notification, _, theme in
            drawRow(notification, into: &buffer, area: area, theme: theme)
        }.render(into: &buffer, area: layout.list, theme: theme)

        guard let selected = model.selected, !layout.detail.isEmpty else { return }
        let box = Box(title: selected.title, bottomTitle: stamp(selected.createdAt, long: true))
        box.render(into: &buffer, area: layout.detail, theme: theme)
        Paragraph(selected.body).render(into: &buffer, area: box.inner(layout.detail).inset(horizontal: 1), theme: theme)
    }

    /// `● Title   first line of the body …   Nov 21 14:03`; the date keeps its place.
    static func drawRow(_ notification: NotificationDTO, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let when = stamp(notification.createdAt, long: false)
        let whenWidth = DisplayWidth.of(when)
        let showsWhen = area.width >= whenWidth + 20
        let text = Rect(x: area.x, y: area.y, width: area.width - (showsWhen ? whenWidth + 2 : 0), height: 1)
        if !notification.read { buffer.write("● ", in: text, style: theme[.accent]) }
        var column = 2
        let title = TextLayout.truncate(notification.title, to: max(0, text.width - column))
        column += buffer.write(title, in: text, column: column, style: notification.read ? theme[.text] : theme[.title])
        let firstLine = notification.body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if column + 3 < text.width, !firstLine.isEmpty {
            buffer.write(TextLayout.truncate(firstLine, to: text.width - column - 3), in: text, column: column + 3, style: theme[.muted])
        }
        if showsWhen { buffer.write(when, in: area, column: area.width - whenWidth, style: theme[.muted]) }
    }

    /// Local time: `Nov 21 14:03` in the list, `2026-11-21 14:03` under the full text.
    static func stamp(_ date: Date, long: Bool) -> String {
        (long ? longFormat : shortFormat).string(from: date)
    }

    private static let shortFormat = formatter("MMM d HH:mm")
    private static let longFormat = formatter("yyyy-MM-dd HH:mm")

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = format
        return formatter
    }
}
