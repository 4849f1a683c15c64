/// Something that draws itself into a rectangle of a cell buffer. Widgets are values built
/// every frame from the app's state (immediate mode, as in ratatui): they hold no state of
/// their own between frames, so a `view` stays a pure function of the model. Interactive
/// widgets pair with a separate `…State` struct that lives in the model.
///
/// Every widget draws only inside `area` (clipped to the buffer), survives areas of any
/// size including zero, and measures text with `DisplayWidth`, never `String.count`.
public protocol Widget {
    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme)
}

/// Where text sits in a cell range wider than itself.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

extension CellBuffer {
    /// Draws `widget` into `area`: reads better than `widget.render(into: &buffer, …)` in views.
    public mutating func render(_ widget: some Widget, in area: Rect, theme: Theme) {
        widget.render(into: &self, area: area, theme: theme)
    }

    /// `restyle` limited to `area` as well as the buffer, so a highlight never leaks out.
    mutating func restyle(_ rect: Rect, within area: Rect, with style: Style) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        restyle(clipped, with: style)
    }
}

extension MouseEvent {
    /// A left-button press. Button numbers follow the xterm/SGR protocol: 0 is the left button.
    var isPrimaryPress: Bool {
        if case .press(button: 0) = kind { return true }
        return false
    }
}

extension Rect {
    /// The rectangle left after taking `columns` off the left side (empty when none are left).
    public func droppingLeft(_ columns: Int) -> Rect {
        let taken = min(max(0, columns), width)
        return Rect(x: x + taken, y: y, width: width - taken, height: height)
    }
}
