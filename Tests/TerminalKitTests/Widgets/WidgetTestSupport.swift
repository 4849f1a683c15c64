import TerminalKit

/// Helpers for widget snapshots: draw into a fresh buffer, then compare `text` (rows
/// joined, trailing spaces trimmed) with a literal, and `marks` to see which cells a
/// theme role styled (a selection, the active tab, matched characters).
enum Snapshot {
    /// Draws `widget` into `area` (the whole buffer by default) of a `width` x `height` buffer.
    static func render(_ widget: some Widget, width: Int, height: Int, area: Rect? = nil, theme: Theme = .probe) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        buffer.render(widget, in: area ?? Rect(x: 0, y: 0, width: width, height: height), theme: theme)
        return buffer
    }

    /// One character per column: `^` where the cell's foreground is `role`'s in `theme`
    /// (the probe theme gives every role its own colour), rows trimmed like `text`.
    static func marks(_ buffer: CellBuffer, _ role: ThemeRole, theme: Theme = .probe) -> String {
        let color = theme[role].foreground
        return (0..<buffer.height).map { y in
            var row = (0..<buffer.width).map { x in buffer[x, y].style.foreground == color ? "^" : " " }.joined()
            while row.last == " " { row.removeLast() }
            return row
        }.joined(separator: "\n")
    }
}

extension Theme {
    /// Every role its own colour and nothing else, so a test can tell which role drew a cell.
    static let probe = Theme(
        name: "probe",
        styles: Dictionary(uniqueKeysWithValues: ThemeRole.allCases.enumerated().map { index, role in
            (role, Style(foreground: .indexed(UInt8(16 + index))))
        })
    )
}

extension InputEvent {
    static func char(_ c: Character) -> InputEvent { .key(.char(c)) }
    static func ctrl(_ c: Character) -> InputEvent { .key(.ctrl(c)) }
    static func alt(_ c: Character) -> InputEvent { .key(.alt(c)) }
    static func press(_ key: Key, _ modifiers: Modifiers = []) -> InputEvent { .key(KeyPress(key, modifiers)) }
    static func click(x: Int, y: Int) -> InputEvent { .mouse(MouseEvent(kind: .press(button: 0), x: x, y: y)) }
    static func wheel(down: Bool, x: Int = 0, y: Int = 0) -> InputEvent {
        .mouse(MouseEvent(kind: down ? .wheelDown : .wheelUp, x: x, y: y))
    }
    /// Typing `text` one key at a time.
    static func typing(_ text: String) -> [InputEvent] { text.map { .char($0) } }
}
