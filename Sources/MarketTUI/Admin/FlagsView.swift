import MarketModels
import TerminalKit

/// Draws the Flags tab: a status line, the table of flags, and what the selected flag
/// does, in a line or two under it; the rollout dialog on top while it is open.
///
///      Feature flags                                  12 flags · changes apply at once
///     ▸ Key                Type    State Rules   Rollout Source
///       catalog-layout     string  on        2       0 % database
///     …
///     catalog-layout: default "list"; rollout rule 2 of 2 serves "grid"
enum FlagsView {
    struct Layout {
        var status: Rect
        var table: Rect
        var details: Rect
    }

    /// A pure function of the body area, so clicks land where the last frame drew.
    static func layout(_ body: Rect) -> Layout {
        let rows = TerminalKit.Layout.rows([.fixed(1), .fixed(1), .fill, .fixed(2)], in: body.inset(horizontal: 1))
        return Layout(status: rows[0], table: rows[2], details: rows[3])
    }

    static func draw(_ model: FlagsModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let layout = layout(area)
        buffer.write("Feature flags", in: layout.status, style: theme[.accent])
        let titleWidth = DisplayWidth.of("Feature flags") + 2
        let status = layout.status.droppingLeft(titleWidth)
        if let error = model.errorMessage {
            buffer.write(TextLayout.truncate(error, to: status.width), in: status, style: theme[.error])
        } else {
            let count = model.records.count
            var text = "\(count) flag\(count == 1 ? "" : "s") · changes apply at once"
            if model.isLoading { text = Spinner(tick: tick).frame + " loading  " + text }
            if !model.saving.isEmpty { text = Spinner(tick: tick).frame + " saving  " + text }
            let shown = TextLayout.truncate(text, to: status.width)
            buffer.write(shown, in: status, column: max(0, status.width - DisplayWidth.of(shown)), style: theme[.muted])
        }
        let empty = model.isLoading ? Spinner(tick: tick).frame + " Loading…" : "No flags yet: define them in the flags file or with PUT /admin/flags/:key."
        Table(rows: model.rows, state: model.table, isFocused: model.editor == nil, emptyText: empty).render(into: &buffer, area: layout.table, theme: theme)
        if !layout.table.isEmpty {
            // Switched-off flags stand out.
            let body = Rect(x: layout.table.x, y: layout.table.y + 1, width: layout.table.width, height: layout.table.height - 1)
            let column = model.table.columnRects(in: layout.table)[2]
            for (line, index) in model.table.rows.visibleRange(height: body.height).enumerated()
            where model.records.indices.contains(index) && !model.records[index].definition.enabled {
                buffer.restyle(Rect(x: column.x, y: body.y + line, width: column.width, height: 1), with: theme[.warning])
            }
        }
        if let record = model.selectedRecord {
            for (row, line) in details(record).prefix(layout.details.height).enumerated() {
                buffer.write(TextLayout.truncate(line, to: layout.details.width), in: layout.details, row: row, style: theme[.muted])
            }
        }
        guard let editor = model.editor else { return nil }
        return drawEditor(editor, into: &buffer, area: area, theme: theme)
    }

    /// What the selected flag does, in words: its default, and its rollout.
    static func details(_ record: FlagRecord) -> [String] {
        let definition = record.definition
        let key = TerminalText.sanitize(record.key)
        var first = "\(key): default \(FlagRollout.text(definition.default))"
        first += definition.enabled ? "" : " for everyone (off)"
        switch definition.rules.count {
        case 0: first += "; no rules"
        case 1: first += "; 1 rule"
        case let count: first += "; \(count) rules, the first that matches wins"
        }
        var second: String
        if let index = FlagRollout.ruleIndex(definition) {
            let rule = definition.rules[index]
            second = "Rollout: rule \(index + 1) serves \(FlagRollout.text(rule.value)) to \(FlagRollout.format(rule.percentage ?? 0)) % of signed-in users it reaches"
        } else if definition.type == .boolean {
            second = "No rollout yet: e adds one serving \(FlagRollout.text(.bool(!(definition.default.boolValue ?? false))))"
        } else {
            second = "No rollout rule"
        }
        return [first, second]
    }

    private static func drawEditor(_ editor: FlagsModel.RolloutEditor, into buffer: inout CellBuffer, area: Rect, theme: Theme) -> Point? {
        let box = area.centered(width: min(60, area.width - 2), height: 7)
        let frame = Box(title: "Rollout", kind: .rounded, style: theme[.border], titleStyle: theme[.dialogTitle], fill: theme[.dialog])
        buffer.fill(box, style: theme[.dialog])
        frame.render(into: &buffer, area: box, theme: theme)
        let inner = frame.inner(box).inset(horizontal: 1)
        let label = "Percentage of signed-in users for \(TerminalText.sanitize(editor.key)):"
        buffer.write(TextLayout.truncate(label, to: inner.width), in: inner, style: theme[.dialog])
        let input = Rect(x: inner.x, y: inner.y + 1, width: min(12, inner.width), height: 1)
        TextField(state: editor.field, placeholder: "0-100", isFocused: true).render(into: &buffer, area: input, theme: theme)
        buffer.write("%", in: Rect(x: input.maxX + 1, y: input.y, width: 1, height: 1), style: theme[.dialog])
        if let error = editor.error { buffer.write(TextLayout.truncate(error, to: inner.width), in: inner, row: 2, style: theme[.error]) }
        buffer.write("enter saves (applies at once) · esc cancels", in: inner, row: 4, style: theme[.muted])
        return editor.field.cursorPosition(in: input)
    }
}
