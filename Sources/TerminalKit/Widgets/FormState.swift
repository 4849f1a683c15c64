/// A check a form runs on a field's value before submitting.
public enum FieldRule: Hashable, Sendable {
    case required
    case minLength(Int)
    case maxLength(Int)
    /// Something@something.tld, no spaces: enough to catch typos; the server decides.
    case email
    /// Equal to another field's value (repeat the password).
    case matches(field: String, label: String)

    /// The message shown under the field, or nil when `value` passes.
    func violation(_ value: String, values: [String: String]) -> String? {
        switch self {
        case .required:
            return value.allSatisfy(\.isWhitespace) ? "Required" : nil
        case .minLength(let n):
            return !value.isEmpty && value.count < n ? "At least \(n) characters" : nil
        case .maxLength(let n):
            return value.count > n ? "At most \(n) characters" : nil
        case .email:
            guard !value.isEmpty else { return nil }
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
                && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !value.contains(where: \.isWhitespace)
            return valid ? nil : "Not an email address"
        case .matches(let field, let label):
            return value == values[field] ? nil : "Does not match \(label)"
        }
    }
}

/// One labelled input of a form.
public struct FormField: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case text, password }

    public var id: String
    public var label: String
    public var kind: Kind
    public var placeholder: String
    public var rules: [FieldRule]
    public var maxLength: Int?

    public init(id: String, label: String, kind: Kind = .text, placeholder: String = "", rules: [FieldRule] = [], maxLength: Int? = nil) {
        self.id = id
        self.label = label
        self.kind = kind
        self.placeholder = placeholder
        self.rules = rules
        self.maxLength = maxLength
    }

    public static func text(_ id: String, label: String, placeholder: String = "", rules: [FieldRule] = [], maxLength: Int? = nil) -> FormField {
        FormField(id: id, label: label, kind: .text, placeholder: placeholder, rules: rules, maxLength: maxLength)
    }

    public static func password(_ id: String, label: String, placeholder: String = "", rules: [FieldRule] = [], maxLength: Int? = nil) -> FormField {
        FormField(id: id, label: label, kind: .password, placeholder: placeholder, rules: rules, maxLength: maxLength)
    }
}

/// What a key did to a form: the app's update switches on it.
public enum FormOutcome: Hashable, Sendable {
    /// Not a form key (the screen may use it).
    case ignored
    /// Edited a field or moved focus.
    case handled
    /// Enter on the last field and every rule passed: send these values (field id → text).
    case submitted([String: String])
    /// Enter on the last field but some rule failed: the messages are showing and the
    /// focus is on the first failing field.
    case invalid
    /// Esc.
    case cancelled
}

/// The values, focus and messages of a form (sign in, address, product editor), kept in
/// the app's model. Tab/shift-tab and down/up move between fields, enter moves on and
/// submits from the last field. Rules run on submit; the app adds its own messages (from
/// the server) with `setError(_:for:)` and `formError`.
public struct FormState: Hashable, Sendable {
    public private(set) var fields: [FormField]
    public private(set) var inputs: [TextFieldState]
    /// Index of the focused field.
    public private(set) var focus = 0
    /// Messages by field id, shown under the fields.
    public private(set) var errors: [String: String] = [:]
    /// A message for the whole form ("Wrong email or password"), shown below the fields.
    public var formError: String?
    /// Columns the inputs are drawn in (see `TextFieldState.width`); `Form.fieldWidth(in:)`
    /// says what it is for an area.
    public var fieldWidth = 0 {
        didSet { for i in inputs.indices { inputs[i].width = fieldWidth } }
    }

    public init(fields: [FormField], values: [String: String] = [:]) {
        self.fields = fields
        inputs = fields.map { field in
            TextFieldState(text: values[field.id] ?? "", maxLength: field.maxLength, isSecure: field.kind == .password)
        }
    }

    /// Field id → current text.
    public var values: [String: String] {
        Dictionary(uniqueKeysWithValues: zip(fields.map(\.id), inputs.map(\.text)))
    }

    public var focusedField: String? { fields.indices.contains(focus) ? fields[focus].id : nil }

    public func value(of id: String) -> String? { index(of: id).map { inputs[$0].text } }

    public func input(for id: String) -> TextFieldState? { index(of: id).map { inputs[$0] } }

    public mutating func setValue(_ value: String, for id: String) {
        guard let i = index(of: id) else { return }
        inputs[i].setText(value)
    }

    public mutating func focus(_ id: String) {
        if let i = index(of: id) { focus = i }
    }

    public mutating func focusNext() {
        guard !fields.isEmpty else { return }
        focus = (focus + 1) % fields.count
    }

    public mutating func focusPrevious() {
        guard !fields.isEmpty else { return }
        focus = (focus - 1 + fields.count) % fields.count
    }

    /// Sets (or with nil clears) the message under a field: for errors the server reports.
    public mutating func setError(_ message: String?, for id: String) {
        errors[id] = message
    }

    /// Runs every field's rules; shows the first failure of each field. True when all pass.
    @discardableResult
    public mutating func validate() -> Bool {
        let values = self.values
        errors = [:]
        for field in fields {
            let value = values[field.id] ?? ""
            if let message = field.rules.lazy.compactMap({ $0.violation(value, values: values) }).first {
                errors[field.id] = message
            }
        }
        return errors.isEmpty
    }

    public mutating func handle(_ event: InputEvent) -> FormOutcome {
        guard !fields.isEmpty else { return .ignored }
        if case .key(let press) = event {
            switch (press.key, press.modifiers) {
            case (.tab, []), (.down, []):
                focusNext()
                return .handled
            case (.tab, .shift), (.up, []):
                focusPrevious()
                return .handled
            case (.enter, []):
                return enter()
            case (.escape, []):
                return .cancelled
            default:
                break
            }
        }
        let before = inputs[focus].text
        guard inputs[focus].handle(event) else { return .ignored }
        if inputs[focus].text != before {
            // The message was about the old value; the next submit checks again.
            errors[fields[focus].id] = nil
        }
        return .handled
    }

    /// Like `handle(_:)`, for a form drawn in `area` by `Form`: a click focuses the field
    /// under it.
    public mutating func handle(_ event: InputEvent, area: Rect) -> FormOutcome {
        guard case .mouse(let mouse) = event else { return handle(event) }
        guard mouse.isPrimaryPress, area.contains(x: mouse.x, y: mouse.y) else { return .ignored }
        let row = mouse.y - area.y
        guard row % Form.rowsPerField == 0, fields.indices.contains(row / Form.rowsPerField) else { return .ignored }
        focus = row / Form.rowsPerField
        return .handled
    }

    private mutating func enter() -> FormOutcome {
        guard focus == fields.count - 1 else {
            focusNext()
            return .handled
        }
        formError = nil
        if validate() { return .submitted(values) }
        if let first = fields.firstIndex(where: { errors[$0.id] != nil }) { focus = first }
        return .invalid
    }

    private func index(of id: String) -> Int? { fields.firstIndex { $0.id == id } }
}
