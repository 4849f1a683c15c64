/// A small picture as colours, row by row. A nil pixel has no colour of its own and shows
/// the terminal's background (a malformed pixel in a decoded picture, a transparent one).
public struct PixelGrid: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [Color?]

    /// Nil unless there are exactly `width * height` pixels and both sides are positive.
    public init?(width: Int, height: Int, pixels: [Color?]) {
        guard width > 0, height > 0, pixels.count == width * height else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at (x, y), or nil outside the grid.
    public subscript(x: Int, y: Int) -> Color? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        return pixels[y * width + x]
    }
}

/// Draws a `PixelGrid` with the upper half block: every cell shows two pixel rows, `▀` in
/// the upper pixel's colour over the lower pixel's as the background. A cell is about
/// twice as tall as it is wide, so its two halves are roughly square and the picture keeps
/// its proportions: it is scaled (nearest neighbour) to the largest size that fits the
/// area, centred across it and drawn from its top row.
///
/// Colours go through `ColorFallback` to the theme's `colorDepth`, so a truecolor picture
/// still shows on 256, 16 or 8 colours. Without any colour the halves cannot be told apart
/// and every cell would be the same glyph, so the placeholder is drawn instead (muted,
/// centred), or nothing when it is empty.
public struct HalfBlockImage: Widget, Hashable, Sendable {
    public static let glyph = "▀"
    /// For a cell whose upper pixel has no colour: the lower one drawn as the foreground.
    static let lowerGlyph = "▄"

    public var grid: PixelGrid
    public var placeholder: String

    public init(_ grid: PixelGrid, placeholder: String = "") {
        self.grid = grid
        self.placeholder = placeholder
    }

    /// The picture's size in pixels when fitted into `columns` x `rows` cells (two pixel rows
    /// per cell row); at least 1x1 when there is any room.
    public func pixelSize(fitting columns: Int, _ rows: Int) -> Size {
        guard columns > 0, rows > 0 else { return Size(width: 0, height: 0) }
        let scale = min(Double(columns) / Double(grid.width), Double(rows * 2) / Double(grid.height))
        let width = min(columns, max(1, Int((Double(grid.width) * scale).rounded(.down))))
        let height = min(rows * 2, max(1, Int((Double(grid.height) * scale).rounded(.down))))
        return Size(width: width, height: height)
    }

    /// The cells the picture covers when drawn in `area`: callers size a frame around it.
    public func drawnArea(in area: Rect) -> Rect {
        let pixels = pixelSize(fitting: area.width, area.height)
        let rows = (pixels.height + 1) / 2
        return Rect(x: area.x + (area.width - pixels.width) / 2, y: area.y, width: pixels.width, height: rows)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let area = area.intersection(Rect(x: 0, y: 0, width: buffer.width, height: buffer.height))
        guard !area.isEmpty else { return }
        let depth = theme.colorDepth
        guard depth != .none else {
            let text = TextLayout.truncate(TextLayout.sanitize(placeholder), to: area.width)
            let x = (area.width - DisplayWidth.of(text)) / 2
            buffer.write(text, in: area, row: (area.height - 1) / 2, column: x, style: theme[.muted])
            return
        }
        let size = pixelSize(fitting: area.width, area.height)
        let target = drawnArea(in: area)
        // Each target pixel samples the source pixel under its centre.
        func source(_ index: Int, of count: Int, from sourceCount: Int) -> Int {
            min(sourceCount - 1, (2 * index + 1) * sourceCount / (2 * count))
        }
        let columns = (0..<size.width).map { source($0, of: size.width, from: grid.width) }
        for row in 0..<target.height {
            let upperY = source(row * 2, of: size.height, from: grid.height)
            let lowerY = row * 2 + 1 < size.height ? source(row * 2 + 1, of: size.height, from: grid.height) : nil
            for (column, sourceX) in columns.enumerated() {
                let upper = grid[sourceX, upperY].map { ColorFallback.reduce($0, to: depth) }
                let lower = lowerY.flatMap { grid[sourceX, $0] }.map { ColorFallback.reduce($0, to: depth) }
                let (glyph, style): (String, Style) = switch (upper, lower) {
                case (let upper?, _): (Self.glyph, Style(foreground: upper, background: lower ?? .default))
                case (nil, let lower?): (Self.lowerGlyph, Style(foreground: lower))
                case (nil, nil): (" ", .plain)
                }
                buffer.write(glyph, x: target.x + column, y: target.y + row, style: style, maxWidth: 1)
            }
        }
    }
}
