import Testing
import TerminalKit

@Suite("TextFieldState and TextField")
struct TextFieldTests {
    /// h, é (e + a combining acute), l, l, o, space, 陶, 器, space, 👍🏽: ten graphemes.
    static let sample = "he\u{301}llo 陶器 👍🏽"

    static func field(_ text: String = sample, _ events: [InputEvent] = []) -> TextFieldState {
        var state = TextFieldState(text: text)
        for event in events { _ = state.handle(event) }
        return state
    }

    @Test("the cursor counts graphemes: an emoji with a skin tone and a combining accent are one each")
    func graphemes() {
        let state = Self.field()
        #expect(state.count == 10)
        #expect(state.cursor == 10)
        #expect(Self.field(Self.sample, [.press(.backspace)]).text == "he\u{301}llo 陶器 ")
        #expect(Self.field(Self.sample, [.press(.home), .press(.right), .press(.delete)]).text == "hllo 陶器 👍🏽")
        #expect(Self.field(Self.sample, [.press(.left), .press(.left), .press(.left), .char("x")]).text == "he\u{301}llo 陶x器 👍🏽")
        #expect(Self.field(Self.sample, [.ctrl("a"), .ctrl("f"), .ctrl("d")]).text == "hllo 陶器 👍🏽")
        #expect(Self.field(Self.sample, [.ctrl("b"), .ctrl("h")]).text == "he\u{301}llo 陶器👍🏽")
    }

    @Test("a combining mark typed after a letter joins it")
    func combining() {
        let state = Self.field("e", [.paste("\u{301}")])
        #expect(state.count == 1)
        #expect(state.cursor == 1)
        #expect(state.text == "é")
    }

    @Test("home/end and ctrl-a/ctrl-e")
    func homeEnd() {
        var state = Self.field()
        _ = state.handle(.press(.home))
        #expect(state.cursor == 0)
        _ = state.handle(.ctrl("e"))
        #expect(state.cursor == 10)
        _ = state.handle(.ctrl("a"))
        #expect(state.cursor == 0)
        _ = state.handle(.press(.end))
        #expect(state.cursor == 10)
        _ = state.handle(.press(.left))
        _ = state.handle(.press(.right))
        _ = state.handle(.press(.right))
        #expect(state.cursor == 10)
    }

    @Test("words: alt-b/alt-f and ctrl-left/ctrl-right stop at word starts and ends")
    func words() {
        var state = Self.field()
        var stops: [Int] = []
        for _ in 0..<4 {
            _ = state.handle(.alt("b"))
            stops.append(state.cursor)
        }
        #expect(stops == [9, 6, 0, 0])
        stops = []
        for _ in 0..<4 {
            _ = state.handle(.press(.right, .control))
            stops.append(state.cursor)
        }
        #expect(stops == [5, 8, 10, 10])
        _ = state.handle(.press(.left, .control))
        #expect(state.cursor == 9)
        _ = state.handle(.alt("f"))
        #expect(state.cursor == 10)
        let punctuated = Self.field("one,two", [.alt("b")])
        #expect(punctuated.cursor == 4)
    }

    @Test("ctrl-w deletes back to whitespace, ctrl-u to the start, ctrl-k to the end")
    func killing() {
        var state = Self.field()
        _ = state.handle(.ctrl("w"))
        #expect(state.text == "he\u{301}llo 陶器 ")
        _ = state.handle(.ctrl("w"))
        #expect(state.text == "he\u{301}llo ")
        #expect(state.cursor == 6)
        state = Self.field(Self.sample, [.alt("b"), .alt("b")])
        _ = state.handle(.ctrl("u"))
        #expect(state.text == "陶器 👍🏽")
        #expect(state.cursor == 0)
        _ = state.handle(.press(.right))
        _ = state.handle(.press(.right))
        _ = state.handle(.ctrl("k"))
        #expect(state.text == "陶器")
        #expect(Self.field("a.b-c", [.ctrl("w")]).text == "")
        #expect(Self.field("a.b-c", [.press(.backspace, .alt)]).text == "a.b-")
        #expect(Self.field(Self.sample, [.ctrl("a"), .alt("d")]).text == " 陶器 👍🏽")
    }

    @Test("paste inserts at the cursor, line breaks and tabs becoming spaces")
    func paste() {
        let state = Self.field("[]", [.press(.left), .paste("a\nb\r\nc\td\u{1B}[31m")])
        #expect(state.text == "[a b c d]")
        #expect(state.cursor == 8)
    }

    @Test("max length counts graphemes and cuts inserts to fit")
    func maxLength() {
        var state = TextFieldState(maxLength: 8)
        _ = state.handle(.paste(Self.sample))
        #expect(state.text == "he\u{301}llo 陶器")
        _ = state.handle(.char("!"))
        #expect(state.text == "he\u{301}llo 陶器")
        _ = state.handle(.press(.backspace))
        _ = state.handle(.char("👍🏽"))
        #expect(state.text == "he\u{301}llo 陶👍🏽")
        #expect(TextFieldState(text: "abcdef", maxLength: 3).text == "abc")
    }

    @Test("keys a field has no use for are left to the form or screen")
    func ignoredKeys() {
        var state = Self.field()
        for event: InputEvent in [.press(.enter), .press(.tab), .press(.escape), .press(.up), .press(.down), .ctrl("p"), .press(.function(2)), .wheel(down: true)] {
            let consumed = state.handle(event)
            #expect(!consumed, "\(event)")
        }
        #expect(state.text == Self.sample)
        let consumed = state.handle(.char(" "))
        #expect(consumed)
        let shifted = state.handle(.key(KeyPress(.character("A"), .shift)))
        #expect(shifted)
        #expect(state.text == Self.sample + " A")
    }

    @Test("scrolls by display width, keeping the cursor's cell in view")
    func scrolling() {
        var state = Self.field()
        state.width = 6
        let area = Rect(x: 3, y: 1, width: 6, height: 1)
        func draw() -> String { Snapshot.render(TextField(state: state), width: 10, height: 2, area: area).text }
        // At the end: "器 👍🏽" and the cursor after it.
        #expect(draw() == "\n   器 👍🏽")
        #expect(state.cursorPosition(in: area) == Point(x: 8, y: 1))
        for _ in 0..<4 { _ = state.handle(.press(.left)) }
        // On 陶: the emoji no longer fits whole, so it is left out rather than split.
        #expect(draw() == "\n   陶器")
        #expect(state.cursorPosition(in: area) == Point(x: 3, y: 1))
        for _ in 0..<3 { _ = state.handle(.press(.left)) }
        #expect(draw() == "\n   lo 陶")
        // Moving right again does not jump back: the view only moves when it must.
        _ = state.handle(.press(.right))
        _ = state.handle(.press(.right))
        #expect(draw() == "\n   lo 陶")
        #expect(state.cursorPosition(in: area) == Point(x: 5, y: 1))
        _ = state.handle(.press(.home))
        #expect(draw() == "\n   he\u{301}llo")
        #expect(state.cursorPosition(in: area) == Point(x: 3, y: 1))
    }

    @Test("deleting pulls the text back so the field stays filled")
    func pullBack() {
        var state = Self.field()
        state.width = 6
        _ = state.handle(.ctrl("w"))
        _ = state.handle(.ctrl("w"))
        #expect(state.scroll == 1)  // "éllo " and the cursor: six cells
        _ = state.handle(.press(.backspace))
        #expect(state.scroll == 0)
    }

    @Test("the placeholder shows while empty, clipped with …")
    func placeholder() {
        let buffer = Snapshot.render(TextField(state: TextFieldState(), placeholder: "Search products…"), width: 10, height: 1)
        #expect(buffer.text == "Search pr…")
        #expect(Snapshot.marks(buffer, .placeholder) == "^^^^^^^^^^")
        let unfocused = Snapshot.render(TextField(state: Self.field("mug"), isFocused: false), width: 6, height: 1)
        #expect(Snapshot.marks(unfocused, .input) == "^^^^^^")
    }

    @Test("a password shows one • per grapheme and never its text")
    func password() {
        let state = Self.field()
        let buffer = Snapshot.render(PasswordField(state: state), width: 14, height: 1)
        #expect(buffer.text == "••••••••••")
        #expect(!buffer.text.contains("h"))
        var narrow = TextFieldState.password()
        narrow.insert(Self.sample)
        narrow.width = 6
        let area = Rect(x: 0, y: 0, width: 6, height: 1)
        #expect(Snapshot.render(TextField(state: narrow), width: 6, height: 1).text == "•••••")
        #expect(narrow.cursorPosition(in: area) == Point(x: 5, y: 0))
        #expect(narrow.text == Self.sample)
    }

    @Test("at 80x24: a search field in a box, with the cursor placed for the terminal")
    func searchBox80x24() {
        var buffer = CellBuffer(width: 80, height: 24)
        let box = Box(title: "Search")
        let area = Rect(x: 20, y: 10, width: 40, height: 3)
        buffer.render(box, in: area, theme: .probe)
        let inner = box.inner(area)
        let field = TextField(state: Self.field("陶器 mug"))
        buffer.render(field, in: inner, theme: .probe)
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[9...13] == [
            "",
            "                    ╭─ Search ─────────────────────────────╮",
            "                    │陶器 mug                              │",
            "                    ╰──────────────────────────────────────╯",
            "",
        ])
        #expect(field.cursorPosition(in: inner) == Point(x: 29, y: 11))
    }
}
