import Testing
import TerminalKit

@Suite("Tabs, Footer, Spinner and ProgressBar")
struct ChromeTests {
    static let tabs = Tabs(title: "MarketMate", tabs: ["Catalog", "Cart", "Orders", "チャット"], selected: 1, status: "Cart 3 · buyer@x")

    @Test("at 80x24: title, tabs with the active one highlighted, status at the right")
    func header80x24() {
        let buffer = Snapshot.render(Self.tabs, width: 80, height: 24)
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 24)
        #expect(lines[0] == " MarketMate   Catalog  Cart  Orders  チャット                  Cart 3 · buyer@x")
        #expect(lines.dropFirst().allSatisfy { $0.isEmpty })
        #expect(Snapshot.marks(buffer, .tabActive).hasPrefix("                      ^^^^^^\n"))
        #expect(DisplayWidth.of(buffer.lines[0]) == 80)
    }

    @Test("narrow: the status is clipped first, then tabs give way around the active one")
    func narrowHeader() {
        #expect(Snapshot.render(Self.tabs, width: 30, height: 1).text == " MarketMate  … Cart …  Cart 3…")
        var last = Self.tabs
        last.selected = 3
        #expect(Snapshot.render(last, width: 40, height: 1).text == " MarketMate  … チャット   Cart 3 · buye…")
        #expect(Snapshot.render(last, width: 8, height: 1).text == " Market…")
        #expect(Snapshot.render(Tabs(tabs: [], selected: 0), width: 8, height: 1).text == "")
    }

    @Test("a click on a tab says which one")
    func tabClick() {
        let area = Rect(x: 0, y: 0, width: 80, height: 1)
        #expect(Self.tabs.tab(atColumn: 24, in: area) == 1)
        #expect(Self.tabs.tab(atColumn: 40, in: area) == 3)
        #expect(Self.tabs.tab(atColumn: 5, in: area) == nil)
        #expect(Self.tabs.tab(atColumn: 50, in: area) == nil)
    }

    static let footer = Footer(
        hints: [("/", "search"), ("enter", "open"), ("a", "add to cart"), ("tab", "next pane"), ("ctrl-p", "commands")],
        trailing: ("?", "help")
    )

    @Test("at 80x24: every hint fits, help at the right edge")
    func footer80x24() {
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.render(Self.footer, in: Rect(x: 0, y: 23, width: 80, height: 1), theme: .probe)
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[23] == " / search  enter open  a add to cart  tab next pane  ctrl-p commands     ? help")
        #expect(lines.dropLast().allSatisfy { $0.isEmpty })
    }

    @Test("narrow: whole hints are dropped, … marks the cut, help stays")
    func narrowFooter() {
        let buffer = Snapshot.render(Self.footer, width: 40, height: 1)
        #expect(buffer.text == " / search  enter open  …         ? help")
        #expect(Snapshot.marks(buffer, .footerKey) == " ^         ^^^^^                 ^")
        #expect(Snapshot.render(Self.footer, width: 5, height: 1).text == " …")
        #expect(Snapshot.render(Footer([]), width: 5, height: 1).text == "")
    }

    @Test("hints from a keymap show the bound keys; unbound actions are left out")
    func keymapHints() {
        let keymap = Keymap(parsing: ["search": ["/"], "cart.add": ["a"], "quit": ["q", "ctrl-c"]])
        let footer = Footer(keymap: keymap, actions: [("search", "search"), ("cart.add", "add"), ("missing", "nothing")], trailing: ("quit", "quit"))
        #expect(footer.hints == [KeyHint("/", "search"), KeyHint("a", "add")])
        #expect(footer.trailing == KeyHint("q/ctrl-c", "quit"))
    }

    @Test("the spinner's frame follows the tick; the label is clipped")
    func spinner() {
        #expect(Snapshot.render(Spinner(tick: 12, label: "Loading products"), width: 30, height: 1).text == "⠹ Loading products")
        #expect(Snapshot.render(Spinner(tick: 12, label: "Loading products"), width: 10, height: 1).text == "⠹ Loading…")
        #expect(Spinner(tick: -1).frame == "⠏")
        #expect(Spinner(tick: 5, frames: Spinner.line).frame == "/")
        #expect(Spinner(tick: 3, frames: []).frame == "")
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.render(Spinner(tick: 0, label: "Syncing 陶器 orders"), in: Rect(x: 0, y: 22, width: 80, height: 1), theme: .probe)
        #expect(buffer.lines[22].hasPrefix("⠋ Syncing 陶器 orders  "))
        #expect(Snapshot.marks(buffer, .spinner).split(separator: "\n", omittingEmptySubsequences: false)[22] == "^")
    }

    @Test("progress fills in eighths of a cell; the label is the percentage unless given")
    func progress() {
        #expect(Snapshot.render(ProgressBar(fraction: 0.42), width: 20, height: 1).text == "██████▋          42%")
        #expect(Snapshot.render(ProgressBar(fraction: 1, label: "Done"), width: 12, height: 1).text == "███████ Done")
        #expect(Snapshot.render(ProgressBar(fraction: 0), width: 10, height: 1).text == "        0%")
        #expect(Snapshot.render(ProgressBar(fraction: 0.42), width: 5, height: 1).text == "██")
        #expect(Snapshot.render(ProgressBar(fraction: 0.5, label: ""), width: 3, height: 1).text == "█▌")
        #expect(ProgressBar(fraction: .nan).percentage == 0)
        #expect(ProgressBar(fraction: 1.5).percentage == 100)
        #expect(ProgressBar(fraction: 0.999).percentage == 99)
        #expect(ProgressBar(fraction: 0.3).bar(width: 1) == "▎")
    }

    @Test("at 80x24: a progress line, blocks drawn in the foreground even when the theme says reverse")
    func progress80x24() {
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.render(ProgressBar(fraction: 0.5, label: "Uploading 3/6 images"), in: Rect(x: 0, y: 12, width: 80, height: 1), theme: .fallback)
        let expected = String(repeating: "█", count: 29) + "▌" + String(repeating: " ", count: 30) + "Uploading 3/6 images"
        #expect(buffer.lines[12] == expected)
        #expect(buffer.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().allSatisfy { $0.offset == 12 || $0.element.isEmpty })
        #expect(!buffer[0, 12].style.reverse)
        #expect(!buffer[29, 12].style.reverse)
    }
}
