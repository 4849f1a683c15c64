import Testing
import TerminalKit

@Suite("ListState and ListView")
struct ListTests {
    static let products = ["Blue mug", "陶器のマグ", "Tea 🍵 set", "Café crème", "Ceramic bowl, extra large and heavy", "Plate 皿", "Spoon", "Fork"]

    @Test("moving keeps the selection visible and scrolls as little as possible")
    func movingScrolls() {
        var list = ListState(count: 20, viewportHeight: 5)
        for _ in 0..<7 { _ = list.handle(.press(.down)) }
        #expect(list.selected == 7)
        #expect(list.offset == 3)
        for _ in 0..<5 { _ = list.handle(.char("k")) }
        #expect(list.selected == 2)
        #expect(list.offset == 2)
        _ = list.handle(.press(.up))
        _ = list.handle(.press(.up))
        _ = list.handle(.press(.up))
        #expect(list.selected == 0)
        #expect(list.offset == 0)
    }

    @Test("pages move the view and the selection together; home and end jump")
    func paging() {
        var list = ListState(count: 20, viewportHeight: 5)
        _ = list.handle(.press(.pageDown))
        #expect((list.selected, list.offset) == (5, 5))
        _ = list.handle(.press(.pageDown))
        _ = list.handle(.press(.pageDown))
        #expect((list.selected, list.offset) == (15, 15))
        _ = list.handle(.press(.pageDown))
        #expect((list.selected, list.offset) == (19, 15))
        _ = list.handle(.press(.pageUp))
        #expect((list.selected, list.offset) == (14, 10))
        _ = list.handle(.char("g"))
        #expect((list.selected, list.offset) == (0, 0))
        _ = list.handle(.char("G"))
        #expect((list.selected, list.offset) == (19, 15))
        _ = list.handle(.press(.home))
        #expect(list.selected == 0)
        _ = list.handle(.press(.end))
        #expect(list.selected == 19)
    }

    @Test("new counts keep the selection in range; an empty list selects nothing")
    func counts() {
        var list = ListState(count: 20, selected: 15, viewportHeight: 5)
        list.setCount(10)
        #expect((list.selected, list.offset) == (9, 5))
        list.setCount(0)
        #expect(list.selected == nil)
        #expect(list.offset == 0)
        let emptyHandled = list.handle(.press(.down))
        #expect(emptyHandled)
        #expect(list.selected == nil)
        list.setCount(3)
        #expect(list.selected == 0)
    }

    @Test("the wheel scrolls the view and drags the selection only as far as needed")
    func wheel() {
        var list = ListState(count: 20, viewportHeight: 5)
        let wheeled = list.handle(.wheel(down: true))
        #expect(wheeled)
        #expect((list.selected, list.offset) == (3, 3))
        _ = list.handle(.wheel(down: true))
        #expect((list.selected, list.offset) == (6, 6))
        _ = list.handle(.wheel(down: false))
        #expect((list.selected, list.offset) == (6, 3))
        for _ in 0..<10 { _ = list.handle(.wheel(down: true)) }
        #expect((list.selected, list.offset) == (15, 15))
    }

    @Test("a click selects the row under it, given the area the list was drawn in")
    func click() {
        var list = ListState(count: 20, selected: 7, viewportHeight: 5)  // shows 3...7
        let area = Rect(x: 4, y: 10, width: 20, height: 5)
        let clicked = list.handle(.click(x: 6, y: 12), area: area)
        #expect(clicked)
        #expect(list.selected == 5)
        let clickedOutside = list.handle(.click(x: 30, y: 12), area: area)
        #expect(!clickedOutside)
        let wheeledOutside = list.handle(.wheel(down: true, x: 0, y: 0), area: area)
        #expect(!wheeledOutside)
        var short = ListState(count: 2, viewportHeight: 5)
        let clickedBelow = short.handle(.click(x: 4, y: 14), area: area)
        #expect(clickedBelow)
        #expect(short.selected == 0)
    }

    @Test("near the end means the selection or the view's bottom is within the threshold")
    func nearEnd() {
        var list = ListState(count: 20, viewportHeight: 5)
        #expect(!list.isNearEnd(threshold: 3))
        list.select(14)  // view 10...14: 5 rows after it
        #expect(!list.isNearEnd(threshold: 3))
        list.select(16)
        #expect(list.isNearEnd(threshold: 3))
        list.select(19)
        #expect(list.isNearEnd(threshold: 0))
        #expect(ListState().isNearEnd())
        // A short list that fits on screen is at its end from the start.
        #expect(ListState(count: 4, viewportHeight: 10).isNearEnd(threshold: 0))
    }

    @Test("drawing a smaller view than the state knows still shows the selection")
    func staleViewport() {
        let list = ListState(count: 20, selected: 15, viewportHeight: 10)
        #expect(list.offset == 6)
        #expect(list.visibleRange(height: 4) == 12..<16)
        #expect(list.visibleRange(height: 40) == 0..<20)
        #expect(list.visibleRange(height: 0).isEmpty)
    }

    @Test("keys come from the keymap, so rebinding works")
    func rebinding() {
        var list = ListState(count: 5)
        let keymap = Keymap(parsing: [NavigationAction.down.rawValue: ["n"]])
        let oldKey = list.handle(.char("j"), keymap: keymap)
        #expect(!oldKey)
        let newKey = list.handle(.char("n"), keymap: keymap)
        #expect(newKey)
        #expect(list.selected == 1)
        let unknownKey = list.handle(.char("x"))
        #expect(!unknownKey)
        let pasted = list.handle(.paste("j"))
        #expect(!pasted)
    }

    @Test("a list with CJK and emoji: marker, clipping with …, selection highlight")
    func snapshot() {
        let state = ListState(count: Self.products.count, selected: 4, viewportHeight: 4)
        let buffer = Snapshot.render(ListView(Self.products, state: state) { $0 }, width: 20, height: 4)
        #expect(buffer.text == """
              陶器のマグ
              Tea 🍵 set
              Café crème
            ▸ Ceramic bowl, ext…
            """)
        #expect(Snapshot.marks(buffer, .selection) == "\n\n\n^^^^^^^^^^^^^^^^^^^^")
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 20 })
    }

    @Test("an unfocused list shows its selection subdued; an empty list says so")
    func unfocusedAndEmpty() {
        let state = ListState(count: 3, selected: 1)
        let buffer = Snapshot.render(ListView(["a", "b", "c"], state: state, isFocused: false) { $0 }, width: 6, height: 3)
        #expect(buffer.text == "  a\n▸ b\n  c")
        #expect(Snapshot.marks(buffer, .selectionInactive) == "\n^^^^^^\n")
        let empty = Snapshot.render(ListView([String](), state: ListState(), emptyText: "No products match") { $0 }, width: 12, height: 2)
        #expect(empty.text == "No products…\n")
    }

    @Test("at 80x24: rows drawn by an item renderer, prices right-aligned past CJK names")
    func renderer80x24() {
        let items: [(name: String, price: String)] = [
            ("Blue mug", "$12.00"), ("陶器のマグ", "$9.50"), ("Tea 🍵 set", "$31.00"), ("Café crème bowl", "$7.25"),
        ]
        let state = ListState(count: items.count, selected: 1)
        let view = ListView(items, state: state) { buffer, area, item, context, theme in
            buffer.write(TextLayout.truncate(item.name, to: area.width - 10), in: area, style: theme[.text])
            let price = TextLayout.pad(item.price, to: 8, alignment: .right)
            buffer.write(price, in: area, column: area.width - 9, style: context.isSelected ? theme[.text] : theme[.price])
        }
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.render(view, in: Rect(x: 0, y: 2, width: 80, height: 20), theme: .probe)
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 24)
        #expect(lines[2] == "  Blue mug                                                               $12.00")
        #expect(lines[3] == "▸ 陶器のマグ                                                              $9.50")
        #expect(lines[4] == "  Tea 🍵 set                                                             $31.00")
        #expect(lines[5] == "  Café crème bowl                                                         $7.25")
        #expect(lines.enumerated().allSatisfy { $0.offset >= 2 && $0.offset <= 5 || $0.element.isEmpty })
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 80 })
        #expect(Snapshot.marks(buffer, .selection).split(separator: "\n", omittingEmptySubsequences: false)[3] == String(repeating: "^", count: 80))
    }
}
