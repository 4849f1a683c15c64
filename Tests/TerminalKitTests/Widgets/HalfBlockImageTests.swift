import Testing
import TerminalKit

@Suite("HalfBlockImage")
struct HalfBlockImageTests {
    static let red = Color.rgb(220, 40, 40), blue = Color.rgb(30, 60, 200), green = Color.rgb(40, 180, 60), white = Color.rgb(250, 250, 250)

    /// Columns of one colour each: red, blue, green, white on the top row, and the same
    /// shifted by one on the bottom row.
    static let stripes = PixelGrid(width: 4, height: 2, pixels: [red, blue, green, white, blue, green, white, red])!

    /// A wide picture (2:1), top half red, bottom half blue.
    static let flag = PixelGrid(width: 16, height: 8, pixels: (0..<128).map { $0 < 64 ? red : blue })!

    static func colours(_ buffer: CellBuffer, x: Int, y: Int) -> (Color, Color) {
        (buffer[x, y].style.foreground, buffer[x, y].style.background)
    }

    @Test("each cell is ▀: the upper pixel in the foreground, the lower one behind it")
    func twoPixelsPerCell() {
        let buffer = Snapshot.render(HalfBlockImage(Self.stripes), width: 4, height: 1)
        #expect(buffer.text == "▀▀▀▀")
        #expect(Self.colours(buffer, x: 0, y: 0) == (Self.red, Self.blue))
        #expect(Self.colours(buffer, x: 1, y: 0) == (Self.blue, Self.green))
        #expect(Self.colours(buffer, x: 3, y: 0) == (Self.white, Self.red))
    }

    @Test("scaled by nearest neighbour to fit, keeping proportions, centred across the area")
    func scaling() {
        // 4x2 pixels into 12x2 cells (4 pixel rows): twice as large, 8 columns, centred.
        let buffer = Snapshot.render(HalfBlockImage(Self.stripes), width: 12, height: 2)
        #expect(buffer.lines == ["  ▀▀▀▀▀▀▀▀  ", "  ▀▀▀▀▀▀▀▀  "])
        // Row 0 of the cells is the picture's top row twice; row 1 its bottom row twice.
        #expect(Self.colours(buffer, x: 2, y: 0) == (Self.red, Self.red))
        #expect(Self.colours(buffer, x: 3, y: 0) == (Self.red, Self.red))
        #expect(Self.colours(buffer, x: 4, y: 0) == (Self.blue, Self.blue))
        #expect(Self.colours(buffer, x: 9, y: 1) == (Self.red, Self.red))
        #expect(HalfBlockImage(Self.stripes).drawnArea(in: Rect(x: 0, y: 0, width: 12, height: 2)) == Rect(x: 2, y: 0, width: 8, height: 2))
        // Shrunk: 4x2 into 2 columns is 2x1 pixels, on one row with nothing below; each
        // samples the source pixel under its centre (the lower right of its 2x2 block).
        let small = Snapshot.render(HalfBlockImage(Self.stripes), width: 2, height: 3)
        #expect(small.lines == ["▀▀", "  ", "  "])
        #expect(Self.colours(small, x: 0, y: 0) == (Self.green, .default))
        #expect(Self.colours(small, x: 1, y: 0) == (Self.red, .default))
    }

    @Test("at 80x24: a 2:1 picture fills the width and twenty rows")
    func snapshot80x24() {
        let buffer = Snapshot.render(HalfBlockImage(Self.flag), width: 80, height: 24)
        let full = String(repeating: "▀", count: 80)
        #expect(buffer.text == Array(repeating: full, count: 20).joined(separator: "\n") + "\n\n\n\n")
        #expect(Self.colours(buffer, x: 0, y: 0) == (Self.red, Self.red))
        #expect(Self.colours(buffer, x: 79, y: 9) == (Self.red, Self.red))
        #expect(Self.colours(buffer, x: 40, y: 10) == (Self.blue, Self.blue))
        #expect(Self.colours(buffer, x: 0, y: 19) == (Self.blue, Self.blue))
    }

    @Test("at 200x60: as tall as the area allows, centred, in a box inside a screen")
    func snapshot200x60() {
        var buffer = CellBuffer(width: 200, height: 60)
        let area = Rect(x: 150, y: 10, width: 40, height: 40)
        buffer.render(HalfBlockImage(Self.flag), in: area, theme: .probe)
        // 40 columns wide is 40x20 pixels: 10 rows, the first 5 red, the next 5 blue.
        let rows = buffer.lines
        #expect(rows[9].allSatisfy { $0 == " " } && rows[20].allSatisfy { $0 == " " })
        for y in 10..<20 {
            #expect(rows[y] == String(repeating: " ", count: 150) + String(repeating: "▀", count: 40) + String(repeating: " ", count: 10))
        }
        #expect(Self.colours(buffer, x: 150, y: 14) == (Self.red, Self.red))
        #expect(Self.colours(buffer, x: 189, y: 15) == (Self.blue, Self.blue))
    }

    @Test("an odd number of pixel rows leaves the last lower half to the background")
    func oddHeight() {
        let grid = PixelGrid(width: 1, height: 3, pixels: [Self.red, Self.green, Self.blue])!
        let buffer = Snapshot.render(HalfBlockImage(grid), width: 1, height: 2)
        #expect(buffer.lines == ["▀", "▀"])
        #expect(Self.colours(buffer, x: 0, y: 0) == (Self.red, Self.green))
        #expect(Self.colours(buffer, x: 0, y: 1) == (Self.blue, .default))
    }

    @Test("pixels without a colour: the lower one alone is ▄, neither is a blank")
    func missingPixels() {
        let grid = PixelGrid(width: 3, height: 2, pixels: [nil, nil, Self.red, Self.blue, nil, nil])!
        let buffer = Snapshot.render(HalfBlockImage(grid), width: 3, height: 1)
        #expect(buffer.lines == ["▄ ▀"])
        #expect(buffer[0, 0].style == Style(foreground: Self.blue))
        #expect(buffer[1, 0].style == .plain)
        #expect(Self.colours(buffer, x: 2, y: 0) == (Self.red, .default))
    }

    @Test("colours come down to the theme's depth; without colour the placeholder shows instead")
    func colourDepths() {
        let at256 = Snapshot.render(HalfBlockImage(Self.stripes), width: 4, height: 1, theme: Theme.probe.reduced(to: .indexed256))
        #expect(Self.colours(at256, x: 0, y: 0) == (ColorFallback.reduce(Self.red, to: .indexed256), ColorFallback.reduce(Self.blue, to: .indexed256)))
        guard case .indexed = at256[0, 0].style.foreground else {
            Issue.record("not a palette colour at 256: \(at256[0, 0].style)")
            return
        }
        let at16 = Snapshot.render(HalfBlockImage(Self.stripes), width: 4, height: 1, theme: Theme.probe.reduced(to: .ansi16))
        #expect(Self.colours(at16, x: 0, y: 0) == (.ansi(1), .ansi(4)))
        #expect(Self.colours(at16, x: 3, y: 0) == (.ansi(15), .ansi(1)))
        let at8 = Snapshot.render(HalfBlockImage(Self.stripes), width: 4, height: 1, theme: Theme.probe.reduced(to: .ansi8))
        #expect(Self.colours(at8, x: 3, y: 0) == (.ansi(7), .ansi(1)))

        let none = Theme.probe.reduced(to: .none)
        let placeholder = Snapshot.render(HalfBlockImage(Self.flag, placeholder: "[picture]"), width: 21, height: 5, theme: none)
        #expect(placeholder.text == "\n\n      [picture]\n\n")
        #expect(placeholder[6, 2].style == none[.muted])
        #expect(Snapshot.render(HalfBlockImage(Self.flag), width: 21, height: 5, theme: none).text == "\n\n\n\n")
    }

    @Test("any area: empty, partly off the buffer, or smaller than one pixel per side")
    func awkwardAreas() {
        #expect(Snapshot.render(HalfBlockImage(Self.flag), width: 10, height: 4, area: .zero).text == "\n\n\n")
        var buffer = CellBuffer(width: 6, height: 3)
        buffer.render(HalfBlockImage(Self.stripes), in: Rect(x: 4, y: 2, width: 8, height: 4), theme: .probe)
        #expect(buffer.lines == ["      ", "      ", "    ▀▀"])
        #expect(HalfBlockImage(Self.stripes).pixelSize(fitting: 0, 3) == Size(width: 0, height: 0))
        #expect(HalfBlockImage(Self.flag).pixelSize(fitting: 1, 1) == Size(width: 1, height: 1))
    }

    @Test("a grid is its width times its height")
    func gridShape() {
        #expect(PixelGrid(width: 2, height: 2, pixels: [Self.red, Self.red, Self.red]) == nil)
        #expect(PixelGrid(width: 0, height: 0, pixels: []) == nil)
        #expect(Self.stripes[3, 1] == Self.red)
        #expect(Self.stripes[4, 0] == nil)
    }
}
