import Testing
import TerminalKit

@Suite("Widgets together and in tiny areas")
struct ScreenTests {
    @Test("at 80x24: header tabs, a boxed table, a toast above the footer, a spinner line, key hints")
    func catalogScreen() {
        var buffer = CellBuffer(width: 80, height: 24)
        let theme = Theme.probe
        buffer.render(ChromeTests.tabs.selecting(0), in: Rect(x: 0, y: 0, width: 80, height: 1), theme: theme)
        let box = Box(title: "Products", bottomTitle: "4 items")
        let body = Rect(x: 0, y: 1, width: 80, height: 21)
        buffer.render(box, in: body, theme: theme)
        var table = TableState(columns: TableTests.columns, rowCount: TableTests.rows.count, sort: TableSort(column: 1))
        table.rows.viewportHeight = box.inner(body).height - 1
        buffer.render(Table(rows: table.sorted(TableTests.rows), state: table), in: box.inner(body), theme: theme)
        var toasts = ToastState<FakeInstant>()
        toasts.show("Added 陶器のマグ to cart", kind: .success, until: .seconds(3))
        buffer.render(ToastView(state: toasts), in: Rect(x: 0, y: 1, width: 80, height: 20), theme: theme)
        buffer.render(Spinner(tick: 3, label: "Syncing orders…"), in: Rect(x: 0, y: 22, width: 80, height: 1), theme: theme)
        buffer.render(ChromeTests.footer, in: Rect(x: 0, y: 23, width: 80, height: 1), theme: theme)
        let expected = [
            " MarketMate   Catalog  Cart  Orders  チャット                  Cart 3 · buyer@x",
            "╭─ Products ───────────────────────────────────────────────────────────────────╮",
            "│  Product                                                         Price ▲  Qty│",
            "│▸ 陶器のマグカップ大                                                $9.50   12│",
            "│  Blue mug                                                         $12.00    5│",
            "│  Café crème bowl                                                  $30.00    3│",
            "│  Tea 🍵 set                                                       $1,250    0│",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                                              │",
            "│                                                   ✓ Added 陶器のマグ to cart │",
            "╰──────────────────────────────────────────────────────────────────── 4 items ─╯",
            "⠸ Syncing orders…",
            " / search  enter open  a add to cart  tab next pane  ctrl-p commands     ? help",
        ]
        #expect(buffer.text == expected.joined(separator: "\n"))
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }

    /// Every widget, with data that would overflow anything small.
    static var widgets: [(name: String, widget: any Widget)] {
        let long = "Ceramic 陶器 mug 👍🏽 with a very long name indeed"
        var field = TextFieldState(text: long)
        field.width = 3
        var form = FormState(fields: FormTests.fields, values: ["email": long])
        _ = form.handle(.press(.enter))
        form.formError = long
        var toasts = ToastState<FakeInstant>()
        toasts.show(long, kind: .error, until: .seconds(1))
        toasts.show(long, kind: .info, until: .seconds(1))
        let table = TableState(columns: TableTests.columns, rowCount: 4, sort: TableSort(column: 2, direction: .descending))
        return [
            ("box", Box(title: long, bottomTitle: long)),
            ("paragraph", Paragraph(long + "\n" + long, scroll: 1)),
            ("list", ListView(ListTests.products, state: ListState(count: 8, selected: 5)) { $0 }),
            ("table", Table(rows: TableTests.rows, state: table)),
            ("text field", TextField(state: field)),
            ("password", PasswordField(state: field)),
            ("placeholder", TextField(state: TextFieldState(), placeholder: long)),
            ("form", Form(state: form)),
            ("tabs", Tabs(title: long, tabs: [long, "Cart", long], selected: 2, status: long)),
            ("footer", Footer(hints: [(long, long), ("q", "quit")], trailing: ("?", long))),
            ("modal", Modal(title: long, message: long + " " + long, state: ModalState(buttons: ["Remove 陶器", "Cancel"]))),
            ("toast", ToastView(state: toasts)),
            ("spinner", Spinner(tick: 7, label: long)),
            ("progress", ProgressBar(fraction: 0.61, label: long)),
            ("help", HelpOverlay(state: HelpOverlayState(sections: HelpOverlayTests.sections))),
            ("palette", CommandPalette(state: CommandPaletteState(entries: CommandPaletteTests.entries, query: "c"))),
        ]
    }

    @Test("no widget draws outside its area, whatever the size, zero included", arguments: [
        Size(width: 0, height: 0), Size(width: 1, height: 1), Size(width: 2, height: 1), Size(width: 3, height: 2),
        Size(width: 5, height: 3), Size(width: 8, height: 4), Size(width: 13, height: 6), Size(width: 0, height: 5),
    ])
    func staysInside(size: Size) {
        let area = Rect(x: 3, y: 2, width: size.width, height: size.height)
        for (name, widget) in Self.widgets {
            var buffer = CellBuffer(width: 20, height: 10)
            var dot = Cell.blank
            dot.text = "·"
            buffer.fill(x: 0, y: 0, width: 20, height: 10, with: dot)
            buffer.render(widget, in: area, theme: .probe)
            for y in 0..<10 {
                for x in 0..<20 where !area.contains(x: x, y: y) {
                    #expect(buffer[x, y] == dot, "\(name) drew at \(x),\(y) in \(area)")
                }
            }
        }
    }

    @Test("cursor positions stay inside the field", arguments: [1, 2, 3, 7])
    func cursorsInside(width: Int) {
        let area = Rect(x: 4, y: 1, width: width, height: 1)
        var state = TextFieldState(text: "陶器 👍🏽 mug")
        for _ in 0...state.count {
            #expect(area.contains(x: state.cursorPosition(in: area).x, y: area.y), "cursor \(state.cursor)")
            state.moveLeft()
        }
    }
}

extension Tabs {
    func selecting(_ index: Int) -> Tabs {
        var copy = self
        copy.selected = index
        return copy
    }
}
