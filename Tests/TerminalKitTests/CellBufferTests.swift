import Testing
import TerminalKit

@Suite("Display width and cell buffer")
struct CellBufferTests {
    @Test("widths: ASCII 1, CJK 2, emoji 2, combining marks 0", arguments: [
        ("abc", 3), ("陶器", 4), ("ｍｕｇ", 6), ("☕", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("🇫🇷", 2),
        ("e\u{301}", 1), ("Crème", 5), ("한국어", 6), ("\u{200B}", 0), ("", 0),
    ])
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test("CJK and emoji columns line up in a table")
    func alignment() {
        var buffer = CellBuffer(width: 12, height: 3)
        for (row, name) in ["Mug", "陶器", "☕ cup"].enumerated() {
            buffer.write(name, x: 0, y: row, maxWidth: 8)
            buffer.write("|9", x: 8, y: row)
        }
        #expect(buffer.lines == ["Mug     |9  ", "陶器    |9  ", "☕ cup  |9  "])
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 12 })
    }

    @Test("clipping never splits a wide character or a grapheme")
    func clipping() {
        var buffer = CellBuffer(width: 5, height: 1)
        let used = buffer.write("ab陶器", x: 0, y: 0)
        #expect(used == 4)
        #expect(buffer.lines == ["ab陶 "])
        #expect(DisplayWidth.prefix("Cre\u{300}me brûlée", fitting: 4) == "Cre\u{300}m")
    }

    @Test("control characters and escape bytes are not drawn")
    func controls() {
        var buffer = CellBuffer(width: 8, height: 1)
        buffer.write("a\u{1B}b\u{7}c\n", x: 0, y: 0)
        #expect(buffer.lines == ["abc     "])
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteWide() {
        var buffer = CellBuffer(width: 4, height: 1)
        buffer.write("陶器", x: 0, y: 0)
        buffer.write("x", x: 1, y: 0)
        #expect(buffer.lines == [" x器"])
    }
}
