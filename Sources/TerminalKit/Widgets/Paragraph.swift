/// A block of text, word-wrapped by display width (or clipped with "…" when wrapping is
/// off), scrolled down by `scroll` lines. Line breaks in the text are kept.
public struct Paragraph: Widget, Hashable, Sendable {
    public var text: String
    /// nil means `theme[.text]`.
    public var style: Style?
    public var alignment: Alignment
    public var wrap: Bool
    /// The first line shown. Clamped when drawing, so a stale offset after a resize still
    /// shows the end of the text instead of empty space.
    public var scroll: Int

    public init(_ text: String, style: Style? = nil, alignment: Alignment = .left, wrap: Bool = true, scroll: Int = 0) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.wrap = wrap
        self.scroll = scroll
    }

    /// The lines drawn at `width` columns, before scrolling.
    public func lines(width: Int) -> [String] {
        guard width > 0 else { return [] }
        if wrap { return TextLayout.wrap(text, width: width) }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            TextLayout.truncate(TextLayout.sanitize(String($0)), to: width)
        }
    }

    /// How many lines the text takes at `width`: apps bound their scroll offset with it.
    public func lineCount(width: Int) -> Int { lines(width: width).count }

    /// The largest useful scroll offset in an area of `size`.
    public func maxScroll(in size: Size) -> Int { max(0, lineCount(width: size.width) - size.height) }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let all = lines(width: area.width)
        let first = min(max(0, scroll), max(0, all.count - area.height))
        for (row, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            let text = alignment == .left ? line : TextLayout.pad(line, to: area.width, alignment: alignment)
            buffer.write(text, in: area, row: row, style: style ?? theme[.text])
        }
    }
}
