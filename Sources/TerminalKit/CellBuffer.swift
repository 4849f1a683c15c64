/// One screen cell: a grapheme cluster (or nothing, for the right half of a wide one) and
/// its style. Drawing goes into a buffer; a backend writes the buffer out (ncurses) or
/// turns it into text (tests), so every screen can be asserted as plain lines.
public struct Cell: Equatable, Sendable {
    public var text: String
    public var style: Style
    /// The right half of a two-column character: drawn by its left neighbour.
    public var isContinuation: Bool

    public static let blank = Cell(text: " ", style: .plain, isContinuation: false)
}

public struct CellBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Draws `text` from (x, y) on one line, clipped at `maxWidth` (default: the buffer's
    /// right edge). Control characters are dropped; a wide character that would straddle
    /// the edge is not drawn. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var column = x
        for character in text {
            if character.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { continue }
            let columns = DisplayWidth.of(character)
            if columns == 0 {
                // A lone zero-width character joins the cell before it.
                if column > x, column - 1 < width, column - 1 >= 0 { self[column - 1, y].text.append(character) }
                continue
            }
            if column + columns > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                self[column, y] = Cell(text: String(character), style: style, isContinuation: false)
                if columns == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell(text: "", style: style, isContinuation: true)
                }
            }
            column += columns
        }
        return column - x
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = .blank }
        if x + 1 < width, self[x + 1, y].isContinuation { self[x + 1, y] = .blank }
    }

    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = .blank) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { self[column, row] = cell }
        }
    }

    /// The screen as text, one string per row, trailing spaces kept (exact snapshots).
    public var lines: [String] {
        (0..<height).map { row in
            (0..<width).reduce(into: "") { line, column in
                let cell = self[column, row]
                if !cell.isContinuation { line += cell.text }
            }
        }
    }
}

extension CellBuffer {
    /// The whole buffer as one string, rows joined by newlines, trailing spaces trimmed:
    /// what snapshot tests compare.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// Draws into a rectangle only: `text` is clipped at the rectangle's right edge.
    @discardableResult
    public mutating func write(_ text: String, in area: Rect, row: Int = 0, column: Int = 0, style: Style = .plain) -> Int {
        guard row >= 0, row < area.height, column < area.width else { return 0 }
        return write(text, x: area.x + column, y: area.y + row, style: style, maxWidth: area.width - column)
    }

    /// Fills a rectangle with blanks in `style` (a background).
    public mutating func fill(_ area: Rect, style: Style = .plain) {
        fill(x: area.x, y: area.y, width: area.width, height: area.height, with: Cell(text: " ", style: style, isContinuation: false))
    }

    /// Applies `style` on top of the cells already in `area` (a selection highlight).
    public mutating func restyle(_ area: Rect, with style: Style) {
        let clipped = area.intersection(Rect(x: 0, y: 0, width: width, height: height))
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { self[x, y].style = self[x, y].style.patched(with: style) }
        }
    }
}
