import Testing
import TerminalKit

@Suite("CommandPaletteState and CommandPalette")
struct CommandPaletteTests {
    static let entries = [
        PaletteEntry(id: "cart.clear", title: "Cart: clear", keys: "ctrl-x"),
        PaletteEntry(id: "catalog.open", title: "Catalog: open", keys: "c"),
        PaletteEntry(id: "checkout.start", title: "Checkout: start"),
        PaletteEntry(id: "orders.list", title: "Orders: list", keys: "o"),
        PaletteEntry(id: "chat.open", title: "Chat: open conversation", keys: "m"),
        PaletteEntry(id: "help", title: "Help: keys", keys: "?"),
    ]

    static func palette(typing text: String) -> CommandPaletteState {
        var state = CommandPaletteState(entries: entries)
        for event in InputEvent.typing(text) { _ = state.handle(event) }
        return state
    }

    @Test("an empty query lists every entry in order; typing filters and ranks")
    func filtering() {
        #expect(CommandPaletteState(entries: Self.entries).results.map(\.entry.id) == Self.entries.map(\.id))
        let state = Self.palette(typing: "ctlg")
        #expect(state.results.map(\.entry.id) == ["catalog.open"])
        #expect(state.results.first?.matchedIndices == [0, 2, 4, 6])
        #expect(Self.palette(typing: "co").results.map(\.entry.id) == ["chat.open", "catalog.open", "checkout.start"])
        #expect(Self.palette(typing: "zzz").results.isEmpty)
    }

    @Test("enter chooses the selected entry; esc cancels; enter with no results does nothing")
    func choosing() {
        var state = Self.palette(typing: "ctlg")
        #expect(state.handle(.press(.enter)) == .chosen("catalog.open"))
        #expect(state.handle(.press(.escape)) == .cancelled)
        var none = Self.palette(typing: "zzz")
        #expect(none.handle(.press(.enter)) == .handled)
        #expect(none.handle(.resize(Size(width: 80, height: 24))) == .ignored)
        #expect(none.handle(.press(.function(3))) == .ignored)
    }

    @Test("arrows and ctrl-n/ctrl-p move the selection; letters like j and k edit the query")
    func moving() {
        var state = CommandPaletteState(entries: Self.entries)
        _ = state.handle(.press(.down))
        _ = state.handle(.ctrl("n"))
        #expect(state.selectedEntry?.id == "checkout.start")
        _ = state.handle(.ctrl("p"))
        #expect(state.selectedEntry?.id == "catalog.open")
        _ = state.handle(.char("k"))
        #expect(state.query.text == "k")
        // "Help: keys" starts a word with k; "Checkout" only contains one.
        #expect(state.results.map(\.entry.id) == ["help", "checkout.start"])
        #expect(state.selectedEntry?.id == "help")
        _ = state.handle(.press(.backspace))
        #expect(state.results.count == Self.entries.count)
        #expect(state.list.selected == 0)
    }

    @Test("a new query selects the best match; setting entries refilters")
    func refilter() {
        var state = CommandPaletteState(entries: Self.entries)
        _ = state.handle(.press(.end))  // the query field's end, not the list's
        #expect(state.list.selected == 0)
        for _ in 0..<3 { _ = state.handle(.press(.down)) }
        _ = state.handle(.char("c"))
        #expect(state.list.selected == 0)
        state.setEntries(Array(Self.entries.prefix(2)))
        #expect(state.results.map(\.entry.id) == ["cart.clear", "catalog.open"])
        state.setQuery("clear")
        #expect(state.results.map(\.entry.id) == ["cart.clear"])
    }

    @Test("a click on a result chooses it")
    func click() {
        var state = CommandPaletteState(entries: Self.entries)
        let area = Rect(x: 0, y: 0, width: 40, height: 12)
        // Results start on row 3 (border, query, rule).
        #expect(state.handle(.click(x: 10, y: 4), area: area) == .chosen("catalog.open"))
        #expect(state.handle(.click(x: 10, y: 1), area: area) == .handled)
        #expect(state.handle(.click(x: 10, y: 10), area: area) == .handled)
    }

    @Test("at 80x24: the query, a rule, the match with its letters highlighted and its key")
    func snapshot80x24() {
        let palette = CommandPalette(state: Self.palette(typing: "ctlg"))
        let buffer = Snapshot.render(palette, width: 80, height: 24)
        let expected = [
            "",
            "",
            "    ╭─ Commands ───────────────────────────────────────────────────────────╮",
            "    │ › ctlg                                                               │",
            "    ├──────────────────────────────────────────────────────────────────────┤",
            "    │▸ Catalog: open                                                     c │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    │                                                                      │",
            "    ╰──────────────────────────────────────────────────────────────────────╯",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ]
        #expect(buffer.text == expected.joined(separator: "\n"))
        let matches = Snapshot.marks(buffer, .match).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(matches[5] == "       ^ ^ ^ ^")
        #expect(palette.cursorPosition(in: Rect(x: 0, y: 0, width: 80, height: 24)) == Point(x: 12, y: 3))
    }

    @Test("at 40x12: the placeholder, every entry, keys right-aligned")
    func snapshot40x12() {
        let buffer = Snapshot.render(CommandPalette(state: CommandPaletteState(entries: Self.entries)), width: 40, height: 12)
        #expect(buffer.text == """
              ╭─ Commands ───────────────────────╮
              │ › Type a command                 │
              ├──────────────────────────────────┤
              │▸ Cart: clear              ctrl-x │
              │  Catalog: open                 c │
              │  Checkout: start                 │
              │  Orders: list                  o │
              │  Chat: open conversation       m │
              │  Help: keys                    ? │
              │                                  │
              │                                  │
              ╰──────────────────────────────────╯
            """)
        #expect(Snapshot.marks(buffer, .selection).split(separator: "\n", omittingEmptySubsequences: false)[3] == "   " + String(repeating: "^", count: 34))
    }

    @Test("long titles are clipped before the keys are squeezed out")
    func clipping() {
        let state = CommandPaletteState(entries: [PaletteEntry(id: "x", title: "陶器のマグカップを探す", keys: "ctrl-f")])
        let buffer = Snapshot.render(CommandPalette(state: state), width: 24, height: 6)
        #expect(buffer.lines[3] == "  │▸ 陶器の…  ctrl-f │  ")
    }
}
