/// Draws a `FormState`: per field a row with the label and the input, then a row for its
/// message (kept even when empty, so the form does not jump as messages come and go);
/// the form-level error after the last field.
///
///     ▸ Email     buyer@example.com
///                 Not an email address
///       Password  ••••••
public struct Form: Widget, Hashable, Sendable {
    public var state: FormState
    public var isFocused: Bool

    /// A field's row plus its message row.
    static let rowsPerField = 2
    /// The focus marker in front of the labels.
    static let markerWidth = 2

    public init(state: FormState, isFocused: Bool = true) {
        self.state = state
        self.isFocused = isFocused
    }

    /// Columns for the labels: the longest label, up to a third of the area.
    func labelWidth(in area: Rect) -> Int {
        let longest = state.fields.map { DisplayWidth.of($0.label) }.max() ?? 0
        return min(longest, max(0, area.width / 3))
    }

    /// Where the input of field `index` goes.
    public func inputRect(_ index: Int, in area: Rect) -> Rect {
        let left = Self.markerWidth + labelWidth(in: area) + 2
        let row = area.row(index * Self.rowsPerField)
        return row.droppingLeft(left)
    }

    /// The columns an input gets in `area`: set `FormState.fieldWidth` to it.
    public func fieldWidth(in area: Rect) -> Int { inputRect(0, in: area).width }

    /// Where the terminal cursor goes: in the focused field (nil when it is off-screen).
    public func cursorPosition(in area: Rect) -> Point? {
        let rect = inputRect(state.focus, in: area)
        guard isFocused, !rect.isEmpty, state.inputs.indices.contains(state.focus) else { return nil }
        return state.inputs[state.focus].cursorPosition(in: rect)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let labelWidth = labelWidth(in: area)
        for (index, field) in state.fields.enumerated() {
            let row = area.row(index * Self.rowsPerField)
            guard !row.isEmpty else { break }
            let isFocusedField = isFocused && index == state.focus
            if isFocusedField { buffer.write("▸", in: row, style: theme[.accent]) }
            let label = TextLayout.pad(field.label, to: labelWidth)
            buffer.write(label, in: row, column: Self.markerWidth, style: isFocusedField ? theme[.accent] : theme[.text])
            let input = inputRect(index, in: area)
            let placeholder = field.placeholder
            if field.kind == .password {
                PasswordField(state: state.inputs[index], placeholder: placeholder, isFocused: isFocusedField)
                    .render(into: &buffer, area: input, theme: theme)
            } else {
                TextField(state: state.inputs[index], placeholder: placeholder, isFocused: isFocusedField)
                    .render(into: &buffer, area: input, theme: theme)
            }
            if let message = state.errors[field.id] {
                let messageRow = area.row(index * Self.rowsPerField + 1).droppingLeft(input.x - area.x)
                buffer.write(TextLayout.truncate(TextLayout.sanitize(message), to: messageRow.width), in: messageRow, style: theme[.error])
            }
        }
        if let formError = state.formError {
            // Wrapped: "Wrong email or password" may need more than one line on a narrow form.
            let top = state.fields.count * Self.rowsPerField
            let message = Rect(x: area.x + Self.markerWidth, y: area.y + top, width: area.width - Self.markerWidth, height: area.height - top)
            Paragraph(formError, style: theme[.error]).render(into: &buffer, area: message, theme: theme)
        }
    }
}
