import Testing
import TerminalKit

@Suite("Box and Paragraph")
struct BoxParagraphTests {
    @Test("a rounded box with its title in the top border")
    func roundedBox() {
        let buffer = Snapshot.render(Box(title: "Cart"), width: 20, height: 5)
        #expect(buffer.text == """
            ╭─ Cart ───────────╮
            │                  │
            │                  │
            │                  │
            ╰──────────────────╯
            """)
        #expect(Box().inner(Rect(x: 0, y: 0, width: 20, height: 5)) == Rect(x: 1, y: 1, width: 18, height: 3))
    }

    @Test("a CJK title is clipped with … on a grapheme boundary; the bottom title sits bottom-right")
    func clippedTitle() {
        let box = Box(title: "陶器のマグカップ特集", bottomTitle: "3/12", kind: .plain)
        let buffer = Snapshot.render(box, width: 16, height: 4)
        #expect(buffer.text == """
            ┌─ 陶器のマ… ──┐
            │              │
            │              │
            └─────── 3/12 ─┘
            """)
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 16 })
    }

    @Test("a box too small for its title keeps the border and drops the title")
    func tinyBox() {
        #expect(Snapshot.render(Box(title: "Orders", kind: .double), width: 6, height: 2).text == "╔════╗\n╚════╝")
        #expect(Snapshot.render(Box(title: "Orders"), width: 1, height: 5).text == "\n\n\n\n")
    }

    static let description = "Hand-thrown 陶器 mug, glazed in deep blue.\nDishwasher safe. 👍🏽"

    @Test("paragraphs wrap by display width and keep line breaks")
    func wrapping() {
        let paragraph = Paragraph(Self.description)
        #expect(paragraph.lines(width: 16) == ["Hand-thrown 陶器", "mug, glazed in", "deep blue.", "Dishwasher safe.", "👍🏽"])
        #expect(Snapshot.render(paragraph, width: 16, height: 3).text == """
            Hand-thrown 陶器
            mug, glazed in
            deep blue.
            """)
    }

    @Test("scrolling shows later lines; an offset past the end shows the last screenful")
    func scrolling() {
        #expect(Snapshot.render(Paragraph(Self.description, scroll: 1), width: 16, height: 3).text == """
            mug, glazed in
            deep blue.
            Dishwasher safe.
            """)
        #expect(Snapshot.render(Paragraph(Self.description, scroll: 99), width: 16, height: 3).text == """
            deep blue.
            Dishwasher safe.
            👍🏽
            """)
        #expect(Paragraph(Self.description).maxScroll(in: Size(width: 16, height: 3)) == 2)
    }

    @Test("right and centre alignment pad by display width")
    func alignment() {
        let text = "陶器\nmug"
        #expect(Snapshot.render(Paragraph(text, alignment: .right), width: 8, height: 2).text == "    陶器\n     mug")
        #expect(Snapshot.render(Paragraph(text, alignment: .center), width: 8, height: 2).text == "  陶器\n  mug")
    }

    @Test("at 80x24: a panel with a wrapped description inside a box")
    func panel80x24() {
        var buffer = CellBuffer(width: 80, height: 24)
        let area = Rect(x: 40, y: 2, width: 30, height: 6)
        let box = Box(title: "陶器 Mug")
        buffer.render(box, in: area, theme: .probe)
        buffer.render(Paragraph(Self.description), in: box.inner(area).inset(horizontal: 1), theme: .probe)
        let blank = [String](repeating: "", count: 16)
        let expected = ["", ""] + [
            "                                        ╭─ 陶器 Mug ─────────────────╮",
            "                                        │ Hand-thrown 陶器 mug,      │",
            "                                        │ glazed in deep blue.       │",
            "                                        │ Dishwasher safe. 👍🏽        │",
            "                                        │                            │",
            "                                        ╰────────────────────────────╯",
        ] + blank
        #expect(buffer.text == expected.joined(separator: "\n"))
    }

    @Test("long words break between graphemes; CJK breaks between characters")
    func longWords() {
        #expect(TextLayout.wrap("https://example.com/very/long/path", width: 10) == ["https://ex", "ample.com/", "very/long/", "path"])
        #expect(TextLayout.wrap("陶器のマグカップ", width: 5) == ["陶器", "のマ", "グカ", "ップ"])
        #expect(TextLayout.wrap("", width: 5) == [""])
        #expect(TextLayout.wrap("anything", width: 0) == [])
    }

    @Test("no-wrap mode clips each line with …")
    func noWrap() {
        let buffer = Snapshot.render(Paragraph("Ceramic bowl, extra large\n陶器のマグカップ", wrap: false), width: 10, height: 2)
        #expect(buffer.text == "Ceramic b…\n陶器のマ…")
    }

    @Test("truncate and pad work in columns, never splitting a wide character")
    func truncateAndPad() {
        #expect(TextLayout.truncate("Blue mug, large", to: 9) == "Blue mug…")
        #expect(TextLayout.truncate("ab陶器", to: 4) == "ab…")
        #expect(TextLayout.truncate("陶器", to: 4) == "陶器")
        #expect(TextLayout.truncate("陶器", to: 1) == "…")
        #expect(TextLayout.pad("陶", to: 4, alignment: .right) == "  陶")
        #expect(TextLayout.pad("👍🏽x", to: 5, alignment: .center) == " 👍🏽x ")
    }

    @Test("escape sequences and control characters are stripped before drawing")
    func sanitizing() {
        #expect(TextLayout.sanitize("\u{1B}[31mred\u{1B}[0m\tok\u{7}") == "red ok")
        #expect(TextLayout.sanitize("title\u{1B}]0;pwned\u{7}!") == "title!")
        #expect(Snapshot.render(Paragraph("a\u{1B}[2Jb"), width: 5, height: 1).text == "ab")
    }
}
