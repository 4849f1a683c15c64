/// The line-drawing characters of a border.
public enum BorderKind: Hashable, Sendable {
    /// ┌─┐ │ └─┘
    case plain
    /// ╭─╮ │ ╰─╯ (the default: softer, and what most modern TUIs draw)
    case rounded
    /// ╔═╗ ║ ╚═╝
    case double
    /// ┏━┓ ┃ ┗━┛
    case thick

    struct Glyphs {
        let topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String
        /// Where a horizontal rule inside the box meets the sides: ├ and ┤.
        let teeLeft, teeRight: String
    }

    var glyphs: Glyphs {
        switch self {
        case .plain: Glyphs(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│", teeLeft: "├", teeRight: "┤")
        case .rounded: Glyphs(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│", teeLeft: "├", teeRight: "┤")
        case .double: Glyphs(topLeft: "╔", topRight: "╗", bottomLeft: "╚", bottomRight: "╝", horizontal: "═", vertical: "║", teeLeft: "╠", teeRight: "╣")
        case .thick: Glyphs(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛", horizontal: "━", vertical: "┃", teeLeft: "┣", teeRight: "┫")
        }
    }
}

/// A border around an area, with an optional title in the top edge (`╭─ Cart ───╮`) and
/// an optional note right-aligned in the bottom edge (`╰──── 3/12 ─╯`, for counts and
/// scroll positions). Draw the box first, then the content into `inner(area)`.
public struct Box: Widget, Hashable, Sendable {
    public var title: String?
    public var bottomTitle: String?
    public var kind: BorderKind
    /// The border's style; nil means `theme[.border]`.
    public var style: Style?
    /// The title's style; nil means `theme[.title]`.
    public var titleStyle: Style?
    /// When set, the inside is cleared with this style first (dialogs drawn over a screen).
    public var fill: Style?

    public init(
        title: String? = nil, bottomTitle: String? = nil, kind: BorderKind = .rounded,
        style: Style? = nil, titleStyle: Style? = nil, fill: Style? = nil
    ) {
        self.title = title
        self.bottomTitle = bottomTitle
        self.kind = kind
        self.style = style
        self.titleStyle = titleStyle
        self.fill = fill
    }

    /// The area inside the border (empty when the box is too small to have an inside).
    public func inner(_ area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return area.inset(horizontal: 1, vertical: 1)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        // A border needs two cells each way; anything smaller draws nothing rather than
        // half a box.
        guard area.width >= 2, area.height >= 2 else { return }
        let glyphs = kind.glyphs
        let border = style ?? theme[.border]
        if let fill { buffer.fill(inner(area), style: fill) }
        let rule = String(repeating: glyphs.horizontal, count: area.width - 2)
        buffer.write(glyphs.topLeft + rule + glyphs.topRight, in: area, row: 0, style: border)
        buffer.write(glyphs.bottomLeft + rule + glyphs.bottomRight, in: area, row: area.height - 1, style: border)
        for row in 1..<(area.height - 1) {
            buffer.write(glyphs.vertical, in: area, row: row, style: border)
            buffer.write(glyphs.vertical, in: area, row: row, column: area.width - 1, style: border)
        }
        // "╭─ Title ─╮": one rule cell each side of the label, one space inside it.
        let room = area.width - 6
        if let title, !title.isEmpty, room >= 1 {
            let label = " " + TextLayout.truncate(TextLayout.sanitize(title), to: room) + " "
            buffer.write(label, in: area, row: 0, column: 2, style: titleStyle ?? theme[.title])
        }
        if let bottomTitle, !bottomTitle.isEmpty, room >= 1 {
            let label = " " + TextLayout.truncate(TextLayout.sanitize(bottomTitle), to: room) + " "
            let column = area.width - 2 - DisplayWidth.of(label)
            buffer.write(label, in: area, row: area.height - 1, column: column, style: border)
        }
    }

    /// Draws a horizontal rule across the box at `row` (of `area`), joined to the sides:
    /// `├────┤`, to separate a dialog's input from its results.
    public func renderDivider(into buffer: inout CellBuffer, area: Rect, row: Int, theme: Theme) {
        guard area.width >= 2, row > 0, row < area.height - 1 else { return }
        let glyphs = kind.glyphs
        let line = glyphs.teeLeft + String(repeating: glyphs.horizontal, count: area.width - 2) + glyphs.teeRight
        buffer.write(line, in: area, row: row, style: style ?? theme[.border])
    }
}
