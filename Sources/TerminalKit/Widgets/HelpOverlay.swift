/// A titled group of key rows in the help overlay ("Navigation", "Cart", ...).
public struct HelpSection: Hashable, Sendable {
    public var title: String
    public var rows: [KeyHint]

    public init(_ title: String, rows: [KeyHint]) {
        self.title = title
        self.rows = rows
    }

    public init(_ title: String, rows: [(keys: String, description: String)]) {
        self.init(title, rows: rows.map { KeyHint($0.keys, $0.description) })
    }

    /// Rows for app actions (action id, description) with the keys `keymap` binds, so
    /// the overlay shows what actually works after a user's rebinding.
    public init(_ title: String, keymap: Keymap, actions: [(action: String, description: String)]) {
        self.init(title, rows: actions.compactMap { action in
            let keys = keymap.label(for: action.action, limit: 3)
            return keys.isEmpty ? nil : KeyHint(keys, action.description)
        })
    }
}

/// What a key did to the open help overlay.
public enum HelpOutcome: Hashable, Sendable {
    case handled
    /// esc, ? or q: the app closes the overlay.
    case closed
}

/// The open help overlay: its sections and how far it is scrolled. Lives in the app's
/// model while the overlay is open (`?` opens it).
public struct HelpOverlayState: Hashable, Sendable {
    public private(set) var sections: [HelpSection]
    public private(set) var offset = 0
    /// Content rows visible; `handle(_:area:)` keeps it in step with the screen.
    public private(set) var viewportHeight: Int

    public init(sections: [HelpSection], viewportHeight: Int = 20) {
        self.sections = sections
        self.viewportHeight = max(1, viewportHeight)
    }

    /// The overlay's content, one entry per line: section titles, key rows, blank
    /// separators. Keys are padded to one column width across all sections.
    var lines: [Line] {
        var lines: [Line] = []
        for (index, section) in sections.enumerated() {
            if index > 0 { lines.append(.blank) }
            lines.append(.title(section.title))
            lines += section.rows.map { .row($0) }
        }
        return lines
    }

    enum Line: Hashable {
        case blank, title(String), row(KeyHint)
    }

    public var lineCount: Int { lines.count }

    var keysWidth: Int {
        sections.flatMap(\.rows).map { DisplayWidth.of($0.keys) }.max() ?? 0
    }

    var contentWidth: Int {
        let rows = sections.flatMap(\.rows).map { 2 + keysWidth + 2 + DisplayWidth.of($0.label) }
        let titles = sections.map { DisplayWidth.of($0.title) }
        return max(rows.max() ?? 0, titles.max() ?? 0)
    }

    var maxOffset: Int { max(0, lineCount - viewportHeight) }

    public mutating func scroll(by delta: Int) {
        offset = min(max(0, offset + delta), maxOffset)
    }

    /// The overlay's box when drawn over `area`: content-sized, centred, a margin kept.
    public func boxRect(in area: Rect) -> Rect {
        area.centered(width: min(area.width - 2, contentWidth + 4), height: min(area.height - 2, lineCount + 2))
    }

    /// Scrolling keys (arrows, j/k, pages, home/end, the wheel) and esc/?/q to close.
    public mutating func handle(_ event: InputEvent, keymap: Keymap = .navigation) -> HelpOutcome {
        switch event {
        case .key(let press):
            let plain = press.modifiers.subtracting(.shift).isEmpty
            if press.key == .escape || (plain && (press.key == .character("?") || press.key == .character("q"))) {
                return .closed
            }
            switch keymap.navigationAction(for: press) {
            case .up: scroll(by: -1)
            case .down: scroll(by: 1)
            case .pageUp: scroll(by: -viewportHeight)
            case .pageDown: scroll(by: viewportHeight)
            case .first: scroll(by: -lineCount)
            case .last: scroll(by: lineCount)
            default: break
            }
        case .mouse(let mouse):
            if mouse.kind == .wheelUp { scroll(by: -3) }
            if mouse.kind == .wheelDown { scroll(by: 3) }
        default:
            break
        }
        return .handled
    }

    /// Like `handle(_:keymap:)` for an overlay drawn over `area`: pages and the end of
    /// scrolling follow the box's real height.
    public mutating func handle(_ event: InputEvent, area: Rect, keymap: Keymap = .navigation) -> HelpOutcome {
        viewportHeight = max(1, boxRect(in: area).height - 2)
        offset = min(offset, maxOffset)
        return handle(event, keymap: keymap)
    }
}

/// Every key of the current screen in a centred box, lazygit's `?`: section titles, then
/// keys and what they do. Scrolls when it does not fit; the bottom border then says
/// which lines show (` 1-9/24 `).
public struct HelpOverlay: Widget, Hashable, Sendable {
    public var state: HelpOverlayState
    public var title: String

    public init(state: HelpOverlayState, title: String = "Keys") {
        self.state = state
        self.title = title
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let box = state.boxRect(in: area)
        guard !box.isEmpty else { return }
        let lines = state.lines
        let visible = max(0, box.height - 2)
        let first = min(state.offset, max(0, lines.count - visible))
        let footer = lines.count > visible && visible > 0 ? "\(first + 1)-\(first + visible)/\(lines.count)" : nil
        let frame = Box(title: title, bottomTitle: footer, kind: .rounded, titleStyle: theme[.dialogTitle], fill: theme[.dialog])
        buffer.fill(box, style: theme[.dialog])
        frame.render(into: &buffer, area: box, theme: theme)
        let inner = frame.inner(box).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        let keysWidth = min(state.keysWidth, max(0, inner.width / 2))
        for (row, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            switch line {
            case .blank:
                continue
            case .title(let text):
                buffer.write(TextLayout.truncate(TextLayout.sanitize(text), to: inner.width), in: inner, row: row, style: theme[.accent])
            case .row(let hint):
                let keys = TextLayout.pad(TextLayout.sanitize(hint.keys), to: keysWidth)
                buffer.write(keys, in: inner, row: row, column: 2, style: theme[.footerKey])
                let column = 2 + keysWidth + 2
                let description = TextLayout.truncate(TextLayout.sanitize(hint.label), to: inner.width - column)
                buffer.write(description, in: inner, row: row, column: column, style: theme[.dialog])
            }
        }
    }
}
