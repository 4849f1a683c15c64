import Testing
import TerminalKit

@Suite("FormState and Form")
struct FormTests {
    static let fields = [
        FormField.text("email", label: "Email", placeholder: "you@example.com", rules: [.required, .email]),
        FormField.password("password", label: "Password", placeholder: "at least 8 characters", rules: [.required, .minLength(8)]),
    ]

    static func send(_ events: [InputEvent], to form: inout FormState) -> [FormOutcome] {
        events.map { form.handle($0) }
    }

    @Test("tab, shift-tab, up and down cycle the focus; enter moves on from a field that is not last")
    func focus() {
        var form = FormState(fields: Self.fields)
        #expect(form.focusedField == "email")
        var focused: [String?] = []
        for event: InputEvent in [.press(.tab), .press(.tab), .press(.tab, .shift), .press(.up), .press(.down), .press(.up)] {
            #expect(form.handle(event) == .handled)
            focused.append(form.focusedField)
        }
        #expect(focused == ["password", "email", "password", "email", "password", "email"])
        #expect(form.handle(.press(.enter)) == .handled)
        #expect(form.focusedField == "password")
    }

    @Test("typing goes to the focused field; values maps ids to text")
    func typing() {
        var form = FormState(fields: Self.fields, values: ["email": "buyer@"])
        _ = Self.send(InputEvent.typing("example.com"), to: &form)
        _ = form.handle(.press(.tab))
        _ = Self.send(InputEvent.typing("q s3cret"), to: &form)
        #expect(form.values == ["email": "buyer@example.com", "password": "q s3cret"])
        #expect(form.value(of: "email") == "buyer@example.com")
        #expect(form.input(for: "password")?.isSecure == true)
        #expect(form.handle(.press(.function(5))) == .ignored)
        #expect(form.handle(.press(.escape)) == .cancelled)
    }

    @Test("enter on the last field validates: failures show and focus the first bad field")
    func validation() {
        var form = FormState(fields: Self.fields)
        _ = Self.send(InputEvent.typing("buyer@x"), to: &form)
        _ = form.handle(.press(.tab))
        #expect(form.handle(.press(.enter)) == .invalid)
        #expect(form.errors == ["email": "Not an email address", "password": "Required"])
        #expect(form.focusedField == "email")

        // Editing a field clears its message; the other stays until the next submit.
        _ = Self.send(InputEvent.typing(".com"), to: &form)
        #expect(form.errors == ["password": "Required"])
        _ = form.handle(.press(.tab))
        _ = Self.send(InputEvent.typing("secret"), to: &form)
        #expect(form.handle(.press(.enter)) == .invalid)
        #expect(form.errors == ["password": "At least 8 characters"])
        #expect(form.focusedField == "password")
        _ = Self.send(InputEvent.typing("12"), to: &form)
        #expect(form.handle(.press(.enter)) == .submitted(["email": "buyer@x.com", "password": "secret12"]))
        #expect(form.errors.isEmpty)
    }

    @Test("rules: required ignores blanks, email needs a dotted domain, matches compares fields")
    func rules() {
        var form = FormState(fields: [
            .text("email", label: "Email", rules: [.required, .email]),
            .password("new", label: "Password", rules: [.minLength(4)]),
            .password("repeat", label: "Repeat", rules: [.matches(field: "new", label: "Password")]),
            .text("note", label: "Note", rules: [.maxLength(3)]),
        ], values: ["email": "  ", "new": "abcd", "repeat": "abce", "note": "long"])
        let valid = form.validate()
        #expect(!valid)
        #expect(form.errors == ["email": "Required", "repeat": "Does not match Password", "note": "At most 3 characters"])
        for (value, ok) in [("a@b.co", true), ("a@b", false), ("@b.co", false), ("a b@c.de", false), ("a@.co", false), ("a@@b.co", false)] {
            form.setValue(value, for: "email")
            form.validate()
            #expect((form.errors["email"] == nil) == ok, "\(value)")
        }
    }

    @Test("the app adds server messages per field and for the whole form")
    func serverErrors() {
        var form = FormState(fields: Self.fields, values: ["email": "buyer@example.com", "password": "hunter22"])
        form.setError("Already registered", for: "email")
        form.formError = "Could not sign up"
        #expect(form.errors["email"] == "Already registered")
        form.focus("password")
        // Submitting again clears both; the app sets new ones from the next response.
        #expect(form.handle(.press(.enter)) == .submitted(["email": "buyer@example.com", "password": "hunter22"]))
        #expect(form.formError == nil)
        #expect(form.errors.isEmpty)
    }

    @Test("labels, inputs, messages under the fields and the form error; passwords as •")
    func snapshot() {
        var form = FormState(fields: Self.fields)
        _ = Self.send(InputEvent.typing("buyer@x"), to: &form)
        _ = form.handle(.press(.tab))
        _ = Self.send(InputEvent.typing("secret"), to: &form)
        _ = form.handle(.press(.enter))
        form.formError = "Wrong email or password"
        let view = Form(state: form)
        let buffer = Snapshot.render(view, width: 40, height: 6)
        #expect(buffer.text == """
            ▸ Email     buyer@x
                        Not an email address
              Password  ••••••
                        At least 8 characters
              Wrong email or password

            """)
        let errorMarks = [
            "",
            String(repeating: " ", count: 12) + String(repeating: "^", count: 20),
            "",
            String(repeating: " ", count: 12) + String(repeating: "^", count: 21),
            "  " + String(repeating: "^", count: 23),
            "",
        ]
        #expect(Snapshot.marks(buffer, .error) == errorMarks.joined(separator: "\n"))
        #expect(view.cursorPosition(in: Rect(x: 0, y: 0, width: 40, height: 6)) == Point(x: 19, y: 0))
        #expect(view.fieldWidth(in: Rect(x: 0, y: 0, width: 40, height: 6)) == 28)
    }

    @Test("a click on a field's row focuses it")
    func click() {
        var form = FormState(fields: Self.fields)
        let area = Rect(x: 0, y: 5, width: 40, height: 6)
        #expect(form.handle(.click(x: 20, y: 7), area: area) == .handled)
        #expect(form.focusedField == "password")
        #expect(form.handle(.click(x: 20, y: 6), area: area) == .ignored)
        #expect(form.focusedField == "password")
    }

    @Test("at 80x24: a sign-in box with placeholders and the cursor in the first field")
    func signIn80x24() {
        var buffer = CellBuffer(width: 80, height: 24)
        let box = Box(title: "Sign in")
        let boxArea = Rect(x: 8, y: 4, width: 64, height: 9)
        buffer.render(box, in: boxArea, theme: .probe)
        let area = box.inner(boxArea).inset(horizontal: 1)
        let view = Form(state: FormState(fields: Self.fields))
        buffer.render(view, in: area, theme: .probe)
        let expected = ["", "", "", ""] + [
            "        ╭─ Sign in ────────────────────────────────────────────────────╮",
            "        │ ▸ Email     you@example.com                                  │",
            "        │                                                              │",
            "        │   Password  at least 8 characters                            │",
            "        │                                                              │",
            "        │                                                              │",
            "        │                                                              │",
            "        │                                                              │",
            "        ╰──────────────────────────────────────────────────────────────╯",
        ] + [String](repeating: "", count: 11)
        #expect(buffer.text == expected.joined(separator: "\n"))
        #expect(view.cursorPosition(in: area) == Point(x: 22, y: 5))
    }
}
