/// Rows of text under a header. The header shows the sort column with ▲/▼; cells are
/// clipped with "…" and aligned by display width, so CJK and emoji keep columns
/// straight. The selected row gets a `▸ ` marker and `theme[.selection]`.
public struct Table: Widget, Hashable, Sendable {
    public var rows: [[String]]
    public var state: TableState
    public var isFocused: Bool
    public var emptyText: String

    public init(rows: [[String]], state: TableState, isFocused: Bool = true, emptyText: String = "No rows") {
        self.rows = rows
        self.state = state
        self.isFocused = isFocused
        self.emptyText = emptyText
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme[.text])
        let columnRects = state.columnRects(in: area)
        renderHeader(into: &buffer, area: area, columnRects: columnRects, theme: theme)

        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard !body.isEmpty else { return }
        guard !rows.isEmpty else {
            buffer.write(TextLayout.truncate(emptyText, to: body.width - TableState.markerWidth), in: body, column: TableState.markerWidth, style: theme[.muted])
            return
        }
        var selection = state.rows
        if selection.count != rows.count { selection.setCount(rows.count) }
        for (row, index) in selection.visibleRange(height: body.height).enumerated() {
            let rowArea = body.row(row)
            let isSelected = index == selection.selected
            if isSelected { buffer.write("▸", in: rowArea, style: theme[.accent]) }
            let cells = rows[index]
            for (columnIndex, (column, rect)) in zip(state.columns, columnRects).enumerated() where rect.width > 0 {
                let cell = columnIndex < cells.count ? TextLayout.sanitize(cells[columnIndex]) : ""
                let text = TextLayout.pad(cell, to: rect.width, alignment: column.alignment)
                buffer.write(text, in: rowArea, column: rect.x - area.x, style: theme[.text])
            }
            if isSelected {
                buffer.restyle(rowArea, within: area, with: isFocused ? theme[.selection] : theme[.selectionInactive])
            }
        }
    }

    private func renderHeader(into buffer: inout CellBuffer, area: Rect, columnRects: [Rect], theme: Theme) {
        let header = area.row(0)
        let style = theme[.tableHeader]
        buffer.fill(header, style: style)
        for (index, (column, rect)) in zip(state.columns, columnRects).enumerated() where rect.width > 0 {
            // The marker is never the part that gets clipped: it is what says how the
            // rows are ordered.
            var marker = ""
            if let sort = state.sort, sort.column == index { marker = " " + sort.direction.marker }
            if DisplayWidth.of(marker) >= rect.width { marker = String(marker.dropFirst()) }
            let titleWidth = rect.width - DisplayWidth.of(marker)
            let title = TextLayout.truncate(TextLayout.sanitize(column.title), to: titleWidth) + marker
            buffer.write(TextLayout.pad(title, to: rect.width, alignment: column.alignment), in: header, column: rect.x - area.x, style: style)
        }
    }
}
