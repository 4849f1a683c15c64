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

/// Text attributes, kept abstract so themes decide colours later.
public struct Style: Equatable, Hashable, Sendable {
    public var bold = false
    public var underline = false
    public var reverse = false
    public var role: String?

    public static let plain = Style()
    public init(bold: Bool = false, underline: Bool = false, reverse: Bool = false, role: String? = nil) {
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.role = role
    }
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
