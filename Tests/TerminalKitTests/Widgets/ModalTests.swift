import Testing
import TerminalKit

@Suite("ModalState and Modal")
struct ModalTests {
    static let message = "Remove \"陶器のマグ\" from your cart? This cannot be undone."

    static func modal(focused: Int = 0) -> Modal {
        Modal(title: "Remove item", message: message, state: ModalState(buttons: ["Remove", "Cancel"], focused: focused))
    }

    @Test("left/right and tab/shift-tab move round the buttons; enter chooses, esc cancels")
    func keys() {
        var state = ModalState(buttons: ["Remove", "Cancel"])
        var focus: [Int] = []
        for event: InputEvent in [.press(.right), .press(.right), .press(.tab), .press(.tab, .shift), .press(.left)] {
            #expect(state.handle(event) == .pending)
            focus.append(state.focused)
        }
        #expect(focus == [1, 0, 1, 0, 1])
        #expect(state.handle(.press(.enter)) == .chosen(1))
        #expect(state.handle(.press(.escape)) == .cancelled)
        #expect(state.handle(.char("z")) == .pending)
        #expect(state.handle(.paste("x")) == .pending)
        #expect(state.handle(.click(x: 0, y: 0)) == .pending)
    }

    @Test("a letter chooses the one button it starts; an ambiguous letter does nothing")
    func letters() {
        var state = ModalState(buttons: ["Remove", "Cancel"])
        #expect(state.handle(.char("c")) == .chosen(1))
        #expect(state.handle(.char("R")) == .chosen(0))
        var ambiguous = ModalState(buttons: ["Save", "Skip", "Cancel"])
        #expect(ambiguous.handle(.char("s")) == .pending)
        #expect(ambiguous.focused == 0)
        var none = ModalState(buttons: [])
        #expect(none.handle(.press(.enter)) == .cancelled)
    }

    @Test("at 80x24: centred, message wrapped by display width, the focused button in brackets")
    func centred80x24() {
        let buffer = Snapshot.render(Self.modal(), width: 80, height: 24)
        let expected = [String](repeating: "", count: 9) + [
            "             ╭─ Remove item ──────────────────────────────────────╮",
            "             │ Remove \"陶器のマグ\" from your cart? This cannot be │",
            "             │ undone.                                            │",
            "             │                                                    │",
            "             │               [ Remove ]   Cancel                  │",
            "             ╰────────────────────────────────────────────────────╯",
        ] + [String](repeating: "", count: 9)
        #expect(buffer.text == expected.joined(separator: "\n"))
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 80 })
        let focusRow = Snapshot.marks(buffer, .selection).split(separator: "\n", omittingEmptySubsequences: false)[13]
        #expect(focusRow == String(repeating: " ", count: 29) + String(repeating: "^", count: 10))
    }

    @Test("at 40x12: narrower, so the message wraps again; moving the focus moves the brackets")
    func narrow40x12() {
        let expected = """



            ╭─ Remove item ───────────────────────╮
            │ Remove "陶器のマグ" from your cart? │
            │ This cannot be undone.              │
            │                                     │
            │        [ Remove ]   Cancel          │
            ╰─────────────────────────────────────╯



            """
        #expect(Snapshot.render(Self.modal(), width: 40, height: 12).text == expected)
        let moved = Snapshot.render(Self.modal(focused: 1), width: 40, height: 12)
        #expect(moved.lines[7].hasPrefix("│          Remove   [ Cancel ]        │"))
    }

    @Test("a dialog clears what it covers and squeezes its message, not its buttons")
    func coversAndSqueezes() {
        var buffer = CellBuffer(width: 30, height: 5)
        for y in 0..<5 { buffer.write(String(repeating: "x", count: 30), x: 0, y: y) }
        buffer.render(Modal(title: "Oops", message: "Payment failed. Try another card or contact your bank.", state: ModalState()), in: Rect(x: 0, y: 0, width: 30, height: 5), theme: .probe)
        #expect(buffer.text == """
            x╭─ Oops ──────────────────╮xx
            x│ Payment failed. Try     │xx
            x│ another card or contact │xx
            x│         [ OK ]          │xx
            x╰─────────────────────────╯xx
            """)
    }
}
