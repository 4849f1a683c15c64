/// Draws a `TextFieldState` on one row: the visible slice of the text (or the
/// placeholder when empty) over the whole width in `theme[.input]`, or
/// `theme[.inputFocused]` when focused, so the field's extent shows. Put the terminal
/// cursor at `cursorPosition(in:)`.
public struct TextField: Widget, Hashable, Sendable {
    public var state: TextFieldState
    public var placeholder: String
    public var isFocused: Bool

    public init(state: TextFieldState, placeholder: String = "", isFocused: Bool = true) {
        self.state = state
        self.placeholder = placeholder
        self.isFocused = isFocused
    }

    public func cursorPosition(in area: Rect) -> Point { state.cursorPosition(in: area) }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        let style = isFocused ? theme[.inputFocused] : theme[.input]
        buffer.fill(line, style: style)
        if state.isEmpty {
            let hint = TextLayout.truncate(TextLayout.sanitize(placeholder), to: line.width)
            buffer.write(hint, in: line, style: style.patched(with: theme[.placeholder]))
            return
        }
        var column = 0
        for index in state.visibleStart(width: line.width)..<state.count {
            let columns = state.columns(at: index)
            // A wide character that would straddle the right edge is left out, not split.
            guard column + columns <= line.width else { break }
            buffer.write(state.glyph(at: index), in: line, column: column, style: style)
            column += columns
        }
    }
}

/// A `TextField` that always draws its text as • (one per grapheme), whatever the
/// state's `isSecure` says, so a password can never be drawn by mistake.
public struct PasswordField: Widget, Hashable, Sendable {
    public var state: TextFieldState
    public var placeholder: String
    public var isFocused: Bool

    public init(state: TextFieldState, placeholder: String = "", isFocused: Bool = true) {
        var secure = state
        secure.isSecure = true
        self.state = secure
        self.placeholder = placeholder
        self.isFocused = isFocused
    }

    public func cursorPosition(in area: Rect) -> Point { state.cursorPosition(in: area) }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        TextField(state: state, placeholder: placeholder, isFocused: isFocused).render(into: &buffer, area: area, theme: theme)
    }
}
