/// A key and what it does, as footers and help show them: ("/", "search").
public struct KeyHint: Hashable, Sendable {
    public var keys: String
    public var label: String

    public init(_ keys: String, _ label: String) {
        self.keys = keys
        self.label = label
    }

    /// The hint for an app action, with its keys as the keymap binds them ("j/down"), so
    /// a user's rebinding shows up; nil when the action has no keys.
    public init?(keymap: Keymap, action: String, label: String) {
        let keys = keymap.label(for: action)
        guard !keys.isEmpty else { return nil }
        self.init(keys, label)
    }
}

/// The bottom line of key hints, lazygit style: `keys` in `theme[.footerKey]`, labels in
/// `theme[.footer]`, laid out left to right. Hints that do not fit are left out whole
/// ("…" marks the cut); `trailing` (usually "? help") is kept at the right edge.
///
///      / search  enter open  a add to cart  …                       ? help
public struct Footer: Widget, Hashable, Sendable {
    public var hints: [KeyHint]
    public var trailing: KeyHint?

    public init(_ hints: [KeyHint], trailing: KeyHint? = nil) {
        self.hints = hints
        self.trailing = trailing
    }

    public init(hints: [(keys: String, label: String)], trailing: (keys: String, label: String)? = nil) {
        self.init(hints.map { KeyHint($0.keys, $0.label) }, trailing: trailing.map { KeyHint($0.keys, $0.label) })
    }

    /// Hints for `actions` (action id, label) with keys from `keymap`; unbound ones are skipped.
    public init(keymap: Keymap, actions: [(action: String, label: String)], trailing: (action: String, label: String)? = nil) {
        self.init(
            actions.compactMap { KeyHint(keymap: keymap, action: $0.action, label: $0.label) },
            trailing: trailing.flatMap { KeyHint(keymap: keymap, action: $0.action, label: $0.label) }
        )
    }

    static func width(of hint: KeyHint) -> Int {
        DisplayWidth.of(hint.keys) + (hint.label.isEmpty ? 0 : 1 + DisplayWidth.of(hint.label))
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        let base = theme[.footer]
        let keyStyle = base.patched(with: theme[.footerKey])
        buffer.fill(line, style: base)

        func draw(_ hint: KeyHint, at column: Int) {
            let next = buffer.write(TextLayout.sanitize(hint.keys), in: line, column: column, style: keyStyle)
            if !hint.label.isEmpty {
                buffer.write(TextLayout.sanitize(hint.label), in: line, column: column + next + 1, style: base)
            }
        }

        var end = line.width
        if let trailing, Self.width(of: trailing) + 2 <= line.width {
            end = line.width - 1 - Self.width(of: trailing)
            draw(trailing, at: end)
            end -= 2  // a gap before it
        }
        // Whole hints only: all of them if they fit, else as many as leave room for "…".
        let starts = hints.indices.reduce(into: [1]) { starts, i in starts.append(starts[i] + Self.width(of: hints[i]) + 2) }
        let allFit = hints.isEmpty || starts[hints.count] - 2 <= end
        let shown = allFit ? hints.count : (0..<hints.count).last { starts[$0] + 1 <= end } ?? 0
        for index in 0..<shown { draw(hints[index], at: starts[index]) }
        if !allFit, starts[shown] + 1 <= end { buffer.write("…", in: line, column: starts[shown], style: base) }
    }
}
