import Testing
import TerminalKit

@Suite("HelpOverlayState and HelpOverlay")
struct HelpOverlayTests {
    static let sections = [
        HelpSection("Navigation", rows: [("j/down", "Move down"), ("k/up", "Move up"), ("pgdn", "Page down")]),
        HelpSection("Cart", rows: [("a", "Add to cart"), ("x", "Remove from cart"), ("ctrl-p", "Command palette")]),
        HelpSection("General", rows: [("?", "Toggle this help"), ("q", "Quit")]),
    ]
    static let small = Rect(x: 0, y: 0, width: 40, height: 12)

    @Test("at 80x24: every section fits in a centred box, keys in one column")
    func fits80x24() {
        let buffer = Snapshot.render(HelpOverlay(state: HelpOverlayState(sections: Self.sections)), width: 80, height: 24)
        let expected = [
            "",
            "",
            "",
            "",
            "                         ╭─ Keys ─────────────────────╮",
            "                         │ Navigation                 │",
            "                         │   j/down  Move down        │",
            "                         │   k/up    Move up          │",
            "                         │   pgdn    Page down        │",
            "                         │                            │",
            "                         │ Cart                       │",
            "                         │   a       Add to cart      │",
            "                         │   x       Remove from cart │",
            "                         │   ctrl-p  Command palette  │",
            "                         │                            │",
            "                         │ General                    │",
            "                         │   ?       Toggle this help │",
            "                         │   q       Quit             │",
            "                         ╰────────────────────────────╯",
            "",
            "",
            "",
            "",
            "",
        ]
        #expect(buffer.text == expected.joined(separator: "\n"))
        let marks = Snapshot.marks(buffer, .footerKey).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(marks[6] == String(repeating: " ", count: 29) + "^^^^^^")
    }

    @Test("at 40x12: it scrolls, and the bottom border says which lines show")
    func scrolls40x12() {
        var state = HelpOverlayState(sections: Self.sections)
        #expect(Snapshot.render(HelpOverlay(state: state), width: 40, height: 12).lines[10].contains(" 1-8/13 "))
        for _ in 0..<10 { #expect(state.handle(.press(.down), area: Self.small) == .handled) }
        #expect(state.offset == 5)
        #expect(Snapshot.render(HelpOverlay(state: state), width: 40, height: 12).text == """
            
                 ╭─ Keys ─────────────────────╮
                 │ Cart                       │
                 │   a       Add to cart      │
                 │   x       Remove from cart │
                 │   ctrl-p  Command palette  │
                 │                            │
                 │ General                    │
                 │   ?       Toggle this help │
                 │   q       Quit             │
                 ╰────────────────── 6-13/13 ─╯
            
            """)
    }

    @Test("pages, home/end and the wheel scroll within bounds; esc, ? and q close")
    func keys() {
        var state = HelpOverlayState(sections: Self.sections)
        _ = state.handle(.press(.pageDown), area: Self.small)
        #expect(state.offset == 5)
        _ = state.handle(.char("g"), area: Self.small)
        #expect(state.offset == 0)
        _ = state.handle(.char("G"), area: Self.small)
        #expect(state.offset == 5)
        _ = state.handle(.wheel(down: false), area: Self.small)
        #expect(state.offset == 2)
        _ = state.handle(.char("k"), area: Self.small)
        #expect(state.offset == 1)
        #expect(state.handle(.char("x"), area: Self.small) == .handled)
        for event: InputEvent in [.press(.escape), .char("?"), .char("q")] {
            #expect(state.handle(event) == .closed)
        }
        // With room for everything there is nothing to scroll.
        var roomy = HelpOverlayState(sections: Self.sections)
        _ = roomy.handle(.press(.pageDown), area: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(roomy.offset == 0)
    }

    @Test("sections from a keymap list every bound key of an action")
    func fromKeymap() {
        let keymap = Keymap(parsing: ["cart.add": ["a", "+"], "quit": ["q", "ctrl-c", "f10", "esc"], "unbound": []])
        let section = HelpSection("Cart", keymap: keymap, actions: [("cart.add", "Add to cart"), ("quit", "Quit"), ("unbound", "Nothing")])
        #expect(section.rows == [KeyHint("a/+", "Add to cart"), KeyHint("q/ctrl-c/f10", "Quit")])
    }
}
