/// What an item renderer knows about the row it draws.
public struct ListItemContext: Hashable, Sendable {
    public let index: Int
    public let isSelected: Bool
    /// Whether the list has the keyboard focus (selection drawn strong or subdued).
    public let isFocused: Bool
}

/// A scrolling list with one selected row: a marker (`▸ `) in front of it and the whole
/// row highlighted with `theme[.selection]` (`theme[.selectionInactive]` when the list
/// is not focused). Each visible item is drawn by `renderItem` into its own one-row area.
public struct ListView<Item>: Widget {
    public typealias ItemRenderer = (_ buffer: inout CellBuffer, _ area: Rect, _ item: Item, _ context: ListItemContext, _ theme: Theme) -> Void

    public var items: [Item]
    public var state: ListState
    public var isFocused: Bool
    public var marker: String
    /// Shown (muted) when there are no items.
    public var emptyText: String
    public var renderItem: ItemRenderer

    public init(
        _ items: [Item], state: ListState, isFocused: Bool = true, marker: String = "▸ ",
        emptyText: String = "Nothing here yet", renderItem: @escaping ItemRenderer
    ) {
        self.items = items
        self.state = state
        self.isFocused = isFocused
        self.marker = marker
        self.emptyText = emptyText
        self.renderItem = renderItem
    }

    /// A list of one line of text per item, clipped with "…".
    public init(
        _ items: [Item], state: ListState, isFocused: Bool = true, marker: String = "▸ ",
        emptyText: String = "Nothing here yet", title: @escaping (Item) -> String
    ) {
        self.init(items, state: state, isFocused: isFocused, marker: marker, emptyText: emptyText) { buffer, area, item, _, theme in
            buffer.write(TextLayout.truncate(TextLayout.sanitize(title(item)), to: area.width), in: area, style: theme[.text])
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme[.text])
        guard !items.isEmpty else {
            buffer.write(TextLayout.truncate(emptyText, to: area.width), in: area, style: theme[.muted])
            return
        }
        // The state should have been told the item count; if not, trust the items.
        var state = self.state
        if state.count != items.count { state.setCount(items.count) }
        let markerWidth = min(DisplayWidth.of(marker), area.width)
        for (row, index) in state.visibleRange(height: area.height).enumerated() {
            let rowArea = area.row(row)
            let isSelected = index == state.selected
            if isSelected { buffer.write(marker, in: rowArea, style: theme[.accent]) }
            let context = ListItemContext(index: index, isSelected: isSelected, isFocused: isFocused)
            let itemArea = rowArea.droppingLeft(markerWidth)
            if !itemArea.isEmpty { renderItem(&buffer, itemArea, items[index], context, theme) }
            if isSelected {
                buffer.restyle(rowArea, within: area, with: isFocused ? theme[.selection] : theme[.selectionInactive])
            }
        }
    }
}
