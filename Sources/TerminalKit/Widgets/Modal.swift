/// What a key did to a dialog. A dialog is modal: it takes every key, so there is no
/// "ignored".
public enum ModalOutcome: Hashable, Sendable {
    /// Moved the focus, or nothing: the dialog stays.
    case pending
    /// Enter (or the button's first letter): the index of the button chosen.
    case chosen(Int)
    /// Esc.
    case cancelled
}

/// The buttons of a dialog and which one has the focus, kept in the app's model.
public struct ModalState: Hashable, Sendable {
    public private(set) var buttons: [String]
    public private(set) var focused: Int

    public init(buttons: [String] = ["OK"], focused: Int = 0) {
        self.buttons = buttons
        self.focused = buttons.isEmpty ? 0 : min(max(0, focused), buttons.count - 1)
    }

    public mutating func focusNext() {
        guard !buttons.isEmpty else { return }
        focused = (focused + 1) % buttons.count
    }

    public mutating func focusPrevious() {
        guard !buttons.isEmpty else { return }
        focused = (focused - 1 + buttons.count) % buttons.count
    }

    /// Left/right and tab/shift-tab move between buttons, enter chooses the focused one,
    /// esc cancels. A letter chooses the button it starts, when only one starts with it
    /// ("y" for Yes).
    public mutating func handle(_ event: InputEvent) -> ModalOutcome {
        guard case .key(let press) = event else { return .pending }
        switch (press.key, press.modifiers) {
        case (.left, []), (.tab, .shift): focusPrevious()
        case (.right, []), (.tab, []): focusNext()
        case (.enter, []): return buttons.isEmpty ? .cancelled : .chosen(focused)
        case (.escape, []): return .cancelled
        case (.character(let c), []), (.character(let c), .shift):
            let letter = c.lowercased()
            let matching = buttons.indices.filter { buttons[$0].first.map { $0.lowercased() == letter } ?? false }
            if matching.count == 1 {
                focused = matching[0]
                return .chosen(matching[0])
            }
        default: break
        }
        return .pending
    }
}

/// A centred dialog: a box with a title, the message wrapped to fit, and a row of
/// buttons with the focused one in brackets and `theme[.selection]`. What was under it
/// is cleared.
///
///     ╭─ Remove item ───────────────────────╮
///     │ Remove "陶器のマグ" from your cart? │
///     │ This cannot be undone.              │
///     │                                     │
///     │        [ Remove ]   Cancel          │
///     ╰─────────────────────────────────────╯
public struct Modal: Widget, Hashable, Sendable {
    public var title: String
    public var message: String
    public var state: ModalState
    /// The widest the dialog gets, border included.
    public var maxWidth: Int
    /// Draws the border and title in `theme[.error]` (a failure, a destructive choice).
    public var isAlert: Bool

    public init(title: String, message: String, state: ModalState, maxWidth: Int = 56, isAlert: Bool = false) {
        self.title = title
        self.message = message
        self.state = state
        self.maxWidth = maxWidth
        self.isAlert = isAlert
    }

    /// "[ Yes ]" when focused, "  No  " when not: same width, so moving does not shift them.
    static func label(_ button: String, focused: Bool) -> String {
        focused ? "[ \(button) ]" : "  \(button)  "
    }

    var buttonsWidth: Int {
        let widths = state.buttons.map { DisplayWidth.of(Self.label(TextLayout.sanitize($0), focused: true)) }
        return widths.reduce(0, +) + max(0, widths.count - 1)
    }

    /// The dialog's box in `area`: as narrow as the content allows, centred.
    public func boxRect(in area: Rect) -> Rect {
        let widest = min(maxWidth, area.width) - 4  // border and a space each side
        guard widest > 0 else { return area.centered(width: area.width, height: area.height) }
        let lines = TextLayout.wrap(message, width: widest)
        let content = max(lines.map { DisplayWidth.of($0) }.max() ?? 0, buttonsWidth, DisplayWidth.of(title) + 4)
        let height = lines.count + (state.buttons.isEmpty ? 2 : 4)
        return area.centered(width: min(widest, content) + 4, height: height)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let box = boxRect(in: area)
        guard !box.isEmpty else { return }
        let frame = Box(
            title: title, kind: .rounded,
            style: isAlert ? theme[.error] : theme[.border],
            titleStyle: isAlert ? theme[.error] : theme[.dialogTitle],
            fill: theme[.dialog]
        )
        // Clear the border cells too: a dialog hides what it covers.
        buffer.fill(box, style: theme[.dialog])
        frame.render(into: &buffer, area: box, theme: theme)
        let inner = frame.inner(box).inset(horizontal: 1)
        guard !inner.isEmpty else { return }
        // The buttons row is kept when the dialog is squeezed; the blank row above it
        // goes first, then message lines from the end.
        let available = inner.height - (state.buttons.isEmpty ? 0 : 1)
        for (row, line) in TextLayout.wrap(message, width: inner.width).prefix(max(0, available)).enumerated() {
            buffer.write(line, in: inner, row: row, style: theme[.dialog])
        }
        guard !state.buttons.isEmpty else { return }
        let buttonRow = inner.row(inner.height - 1)
        var column = max(0, (inner.width - buttonsWidth) / 2)
        for (index, button) in state.buttons.enumerated() {
            let isFocused = index == state.focused
            let label = Self.label(TextLayout.sanitize(button), focused: isFocused)
            let style = isFocused ? theme[.dialog].patched(with: theme[.selection]) : theme[.dialog]
            column += buffer.write(label, in: buttonRow, column: column, style: style) + 1
        }
    }
}
