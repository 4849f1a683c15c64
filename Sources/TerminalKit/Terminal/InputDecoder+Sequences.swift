/// What the escape sequences mean: xterm's (and so nearly every modern terminal's) keys,
/// modifiers and SGR mouse reports. Sequences not listed here are swallowed, never leaked
/// as typed characters.
extension InputDecoder {
    /// `CSI n ~` keys.
    static let tildeKeys: [Int: Key] = [
        1: .home, 7: .home, 4: .end, 8: .end, 2: .insert, 3: .delete, 5: .pageUp, 6: .pageDown,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// Keys named by the final byte of `CSI 1;m X` and `SS3 X`.
    static let letterKeys: [UInt8: Key] = [
        UInt8(ascii: "A"): .up, UInt8(ascii: "B"): .down, UInt8(ascii: "C"): .right, UInt8(ascii: "D"): .left,
        UInt8(ascii: "H"): .home, UInt8(ascii: "F"): .end,
        UInt8(ascii: "P"): .function(1), UInt8(ascii: "Q"): .function(2), UInt8(ascii: "R"): .function(3),
        UInt8(ascii: "S"): .function(4),
    ]

    func interpretCSI(parameters: [UInt8], final: UInt8, consumed: Int, alt: Bool) -> Step {
        let swallowed = Step.done(consumed: consumed, events: [])
        // Intermediate bytes (0x20-0x2F) only occur in replies and settings, never keys.
        if parameters.contains(where: { $0 < 0x30 }) { return swallowed }
        var digits = parameters[...]
        var prefix: UInt8?
        if let first = digits.first, (0x3C...0x3F).contains(first) {
            prefix = first
            digits = digits.dropFirst()
        }
        let numbers = Self.numbers(digits)

        if prefix == UInt8(ascii: "<") {
            guard final == UInt8(ascii: "M") || final == UInt8(ascii: "m"), numbers.count == 3,
                  let code = numbers[0], let x = numbers[1], let y = numbers[2] else { return swallowed }
            // SGR coordinates are 1-based.
            let event = Self.mouseEvent(code: code, x: x - 1, y: y - 1, released: final == UInt8(ascii: "m"))
            return .done(consumed: consumed, events: event.map { [$0] } ?? [])
        }
        // Other private prefixes are terminal replies (device attributes, kitty flags).
        guard prefix == nil else { return swallowed }

        var modifiers = Self.modifiers(numbers.count >= 2 ? numbers[1] : nil)
        if alt { modifiers.insert(.alt) }
        let key: Key
        switch final {
        case UInt8(ascii: "~"):
            guard let code = numbers.first ?? nil else { return swallowed }
            if code == 200 { return .pasteStart(consumed: consumed) }
            guard let mapped = Self.tildeKeys[code] else { return swallowed }
            key = mapped
        case UInt8(ascii: "Z"):
            key = .tab
            modifiers.insert(.shift)
        default:
            guard let mapped = Self.letterKeys[final] else { return swallowed }
            // `CSI 1;5A` has the key's "1" first; a different first number means this is
            // something else with the same final byte (a cursor position report ends in R).
            if let first = numbers.first ?? nil, first != 1 { return swallowed }
            key = mapped
        }
        return .done(consumed: consumed, events: [.key(KeyPress(key, modifiers))])
    }

    func interpretSS3(parameters: [UInt8], final: UInt8, alt: Bool) -> [InputEvent] {
        // A lone digit (`ESC O 5 A`) or xterm's `1;5` form: the last number is the modifier.
        var modifiers = Self.modifiers(Self.numbers(parameters[...]).last ?? nil)
        if alt { modifiers.insert(.alt) }
        if final == UInt8(ascii: "M") { return [.key(KeyPress(.enter, modifiers))] }  // keypad Enter
        guard let key = Self.letterKeys[final] else { return [] }
        return [.key(KeyPress(key, modifiers))]
    }

    /// `1;5` → [1, 5]; an empty field is nil; `:` sub-parameters keep only the first.
    static func numbers(_ bytes: ArraySlice<UInt8>) -> [Int?] {
        guard !bytes.isEmpty else { return [] }
        return bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false).map { field in
            let main = field.prefix { $0 != UInt8(ascii: ":") }
            guard !main.isEmpty, main.count <= 6, main.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return main.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
    }

    /// xterm's modifier parameter: 1 + a bit set of shift 1, alt 2, ctrl 4, meta 8
    /// (meta is what most keyboards send for Alt, so it counts as Alt).
    static func modifiers(_ parameter: Int??) -> Modifiers {
        guard let value = parameter ?? nil, value > 1 else { return [] }
        let bits = value - 1
        var modifiers: Modifiers = []
        if bits & 1 != 0 { modifiers.insert(.shift) }
        if bits & (2 | 8) != 0 { modifiers.insert(.alt) }
        if bits & 4 != 0 { modifiers.insert(.control) }
        return modifiers
    }

    /// A mouse report's button code: low two bits the button, 4 shift, 8 alt, 16 ctrl,
    /// 32 motion, 64 wheel. Motion without a button and extra buttons are dropped.
    static func mouseEvent(code: Int, x: Int, y: Int, released: Bool) -> InputEvent? {
        guard code >= 0, code & 128 == 0 else { return nil }
        var modifiers: Modifiers = []
        if code & 4 != 0 { modifiers.insert(.shift) }
        if code & 8 != 0 { modifiers.insert(.alt) }
        if code & 16 != 0 { modifiers.insert(.control) }
        let button = code & 3
        let kind: MouseEvent.Kind
        if code & 64 != 0 {
            guard !released, button < 2 else { return nil }  // 66/67: horizontal wheel
            kind = button == 0 ? .wheelUp : .wheelDown
        } else if released {
            kind = .release
        } else if code & 32 != 0 {
            guard button != 3 else { return nil }
            kind = .drag(button: button)
        } else {
            kind = button == 3 ? .release : .press(button: button)
        }
        return .mouse(MouseEvent(kind: kind, x: max(0, x), y: max(0, y), modifiers: modifiers))
    }
}
