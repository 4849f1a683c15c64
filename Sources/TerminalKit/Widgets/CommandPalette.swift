/// A command the palette offers: an app action id, its title, and its keys as a label
/// (from `Keymap.label(for:)`), shown at the right.
public struct PaletteEntry: Hashable, Sendable {
    public var id: String
    public var title: String
    public var keys: String

    public init(id: String, title: String, keys: String = "") {
        self.id = id
        self.title = title
        self.keys = keys
    }
}

/// An entry that matches the query, with the title's matched grapheme indices.
public struct PaletteResult: Hashable, Sendable {
    public var entry: PaletteEntry
    public var matchedIndices: [Int]
}

public enum PaletteOutcome: Hashable, Sendable {
    case handled
    /// Not the palette's: a resize, or a chord the query field has no use for.
    case ignored
    /// Enter or a click: run this action id and close the palette.
    case chosen(String)
    /// Esc: close it.
    case cancelled
}

/// The open command palette (`:` or ctrl-p): the query, the entries that match it best
/// first, and the selected one. Lives in the app's model while open.
public struct CommandPaletteState: Hashable, Sendable {
    public private(set) var query = TextFieldState()
    public private(set) var entries: [PaletteEntry]
    public private(set) var results: [PaletteResult] = []
    public private(set) var list = ListState()

    public init(entries: [PaletteEntry], query: String = "") {
        self.entries = entries
        self.query.setText(query)
        refilter()
    }

    public var selectedEntry: PaletteEntry? { list.selected.map { results[$0].entry } }

    public mutating func setEntries(_ entries: [PaletteEntry]) {
        self.entries = entries
        refilter()
    }

    public mutating func setQuery(_ text: String) {
        query.setText(text)
        refilter()
    }

    /// Columns the query field is drawn in (see `TextFieldState.width`).
    public mutating func setQueryWidth(_ width: Int) { query.width = width }

    /// Up/down, ctrl-p/ctrl-n and page keys move the selection; enter chooses; esc
    /// cancels; everything else edits the query (home/end and j/k included: it is a text
    /// field first).
    public mutating func handle(_ event: InputEvent) -> PaletteOutcome {
        if case .key(let press) = event {
            switch (press.key, press.modifiers) {
            case (.escape, []): return .cancelled
            case (.enter, []): return selectedEntry.map { .chosen($0.id) } ?? .handled
            case (.up, []), (.character("p"), .control): list.move(by: -1); return .handled
            case (.down, []), (.character("n"), .control): list.move(by: 1); return .handled
            case (.pageUp, []): list.pageUp(); return .handled
            case (.pageDown, []): list.pageDown(); return .handled
            default: break
            }
        }
        if case .mouse(let mouse) = event {
            switch mouse.kind {
            case .wheelUp: list.scroll(by: -list.wheelStep)
            case .wheelDown: list.scroll(by: list.wheelStep)
            default: break
            }
            return .handled
        }
        let before = query.text
        guard query.handle(event) else { return .ignored }
        if query.text != before { refilter() }
        return .handled
    }

    /// Like `handle(_:)` for a palette drawn over `area` by `CommandPalette`: the list
    /// pages by its real height and a click on an entry chooses it.
    public mutating func handle(_ event: InputEvent, area: Rect) -> PaletteOutcome {
        let layout = CommandPalette.layout(in: area)
        list.viewportHeight = max(1, layout.results.height)
        query.width = layout.query.width
        if case .mouse(let mouse) = event, mouse.isPrimaryPress {
            guard layout.results.contains(x: mouse.x, y: mouse.y) else { return .handled }
            let index = list.visibleRange(height: layout.results.height).lowerBound + mouse.y - layout.results.y
            guard results.indices.contains(index) else { return .handled }
            list.select(index)
            return .chosen(results[index].entry.id)
        }
        return handle(event)
    }

    private mutating func refilter() {
        let text = query.text
        if text.allSatisfy(\.isWhitespace) {
            results = entries.map { PaletteResult(entry: $0, matchedIndices: []) }
        } else {
            // Matched on the text that is drawn, so the highlighted indices line up.
            results = FuzzyMatcher.rank(text, entries.map { TextLayout.sanitize($0.title) }).map {
                PaletteResult(entry: entries[$0.index], matchedIndices: $0.match.indices)
            }
        }
        // A new query puts the best match under the cursor.
        var list = ListState(count: results.count, viewportHeight: self.list.viewportHeight)
        list.wheelStep = self.list.wheelStep
        self.list = list
    }
}

/// The palette: a box near the top of `area` with a `›` prompt and the query, a rule,
/// then the results, matched characters in `theme[.match]` and keys right-aligned.
///
///     ╭─ Commands ───────────────────────────╮
///     │ › ctlg                               │
///     ├──────────────────────────────────────┤
///     │▸ Catalog: open                     c │
///     ╰──────────────────────────────────────╯
public struct CommandPalette: Widget, Hashable, Sendable {
    public var state: CommandPaletteState
    public var title: String
    public var placeholder: String

    /// Result rows shown at most; the box keeps this height while typing so it does not
    /// jump.
    static let maxRows = 10

    public init(state: CommandPaletteState, title: String = "Commands", placeholder: String = "Type a command") {
        self.state = state
        self.title = title
        self.placeholder = placeholder
    }

    struct Layout {
        var box: Rect
        var query: Rect
        var results: Rect
    }

    static func layout(in area: Rect) -> Layout {
        let width = min(area.width, max(min(72, area.width - 4), 20))
        // 4 rows of chrome: two borders, the query, the rule.
        let height = min(area.height, 4 + maxRows)
        let top = area.y + min(2, max(0, area.height - height))
        let box = Rect(x: area.x + (area.width - width) / 2, y: top, width: width, height: height)
        let inner = box.inset(horizontal: 1, vertical: 1)
        let query = inner.row(0).droppingLeft(3)  // " › "
        let results = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        return Layout(box: box, query: query, results: results)
    }

    public func cursorPosition(in area: Rect) -> Point {
        let layout = Self.layout(in: area)
        return state.query.cursorPosition(in: layout.query)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let layout = Self.layout(in: area)
        guard layout.box.width >= 2, layout.box.height >= 2 else { return }
        let frame = Box(title: title, kind: .rounded, titleStyle: theme[.dialogTitle], fill: theme[.dialog])
        buffer.fill(layout.box, style: theme[.dialog])
        frame.render(into: &buffer, area: layout.box, theme: theme)
        let inner = frame.inner(layout.box)
        guard !inner.isEmpty else { return }
        buffer.write(" › ", in: inner, style: theme[.accent])
        TextField(state: state.query, placeholder: placeholder, isFocused: true).render(into: &buffer, area: layout.query, theme: theme)
        frame.renderDivider(into: &buffer, area: layout.box, row: 2, theme: theme)
        let results = layout.results
        guard !results.isEmpty else { return }
        ListView(state.results, state: state.list, emptyText: "No matching commands") { buffer, area, result, _, theme in
            let line = Self.resultLine(result, width: area.width)
            buffer.write(line.title, in: area, style: theme[.text])
            if let keysColumn = line.keysColumn {
                buffer.write(TextLayout.sanitize(result.entry.keys), in: area, column: keysColumn, style: theme[.muted])
            }
        }.render(into: &buffer, area: results, theme: theme)
        // Matched letters are styled after the list has drawn its selection bar, so they
        // still stand out on the selected row.
        let markerWidth = 2
        for (row, index) in state.list.visibleRange(height: results.height).enumerated() {
            let itemArea = results.row(row).droppingLeft(markerWidth)
            for span in Self.resultLine(state.results[index], width: itemArea.width).matches {
                let cells = Rect(x: itemArea.x + span.column, y: itemArea.y, width: span.width, height: 1)
                buffer.restyle(cells, within: itemArea, with: theme[.match])
            }
        }
    }

    /// How one result is laid out in `width` columns: the title (clipped with "…" when
    /// it and the keys compete), where its matched letters are, and where the keys go
    /// (nil when there is no room for them).
    static func resultLine(_ result: PaletteResult, width: Int) -> (title: String, matches: [(column: Int, width: Int)], keysColumn: Int?) {
        let keys = TextLayout.sanitize(result.entry.keys)
        let keysWidth = DisplayWidth.of(keys)
        let title = TextLayout.sanitize(result.entry.title)
        // The title wins when they compete; keys are only shown with a gap before them.
        let fitsWhole = keys.isEmpty || DisplayWidth.of(title) + 2 + keysWidth + 1 <= width
        let shown = TextLayout.truncate(title, to: max(0, fitsWhole ? width : width - keysWidth - 3))
        let isTruncated = shown != title
        let matched = Set(result.matchedIndices)
        var matches: [(column: Int, width: Int)] = []
        var column = 0
        for (index, character) in shown.enumerated() {
            let columns = DisplayWidth.of(character)
            // The "…" of a clipped title is never a match.
            if matched.contains(index), !(isTruncated && index == shown.count - 1) { matches.append((column, columns)) }
            column += columns
        }
        let showsKeys = !keys.isEmpty && column + 2 + keysWidth + 1 <= width
        return (shown, matches, showsKeys ? width - keysWidth - 1 : nil)
    }
}
