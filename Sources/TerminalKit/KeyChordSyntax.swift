import Foundation

/// The text form of a key chord, shared by key-binding files, help overlays and footers:
/// modifiers `ctrl-`, `alt-`, `shift-` joined to a key name (`up`, `pgdn`, `f5`, `enter`,
/// `esc`, `space`, `tab`, ...) or a single character.
public enum KeyChordSyntax {
    static let names: [(String, Key)] = [
        ("enter", .enter), ("tab", .tab), ("backspace", .backspace), ("esc", .escape), ("delete", .delete),
        ("insert", .insert), ("up", .up), ("down", .down), ("left", .left), ("right", .right), ("home", .home),
        ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown), ("space", .character(" ")),
    ]
    static let aliases: [String: String] = [
        "return": "enter", "escape": "esc", "del": "delete", "pageup": "pgup", "pagedown": "pgdn", "bs": "backspace",
        "ins": "insert",
    ]

    public static func parse(_ text: String) -> KeyPress? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var modifiers: Modifiers = []
        while true {
            let lower = rest.lowercased()
            if lower.hasPrefix("ctrl-"), rest.count > 5 { modifiers.insert(.control); rest = rest.dropFirst(5) }
            else if lower.hasPrefix("c-"), rest.count > 2 { modifiers.insert(.control); rest = rest.dropFirst(2) }
            else if lower.hasPrefix("alt-"), rest.count > 4 { modifiers.insert(.alt); rest = rest.dropFirst(4) }
            else if lower.hasPrefix("m-"), rest.count > 2 { modifiers.insert(.alt); rest = rest.dropFirst(2) }
            else if lower.hasPrefix("shift-"), rest.count > 6 { modifiers.insert(.shift); rest = rest.dropFirst(6) }
            else { break }
        }
        if rest.count == 1, let c = rest.first {
            // Ctrl chords are stored lowercase: the terminal cannot tell ctrl-P from ctrl-p.
            return KeyPress(.character(modifiers.contains(.control) ? Character(c.lowercased()) : c), modifiers)
        }
        let lower = rest.lowercased()
        let name = aliases[lower] ?? lower
        if let key = names.first(where: { $0.0 == name })?.1 { return KeyPress(key, modifiers) }
        if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...24).contains(n) { return KeyPress(.function(n), modifiers) }
        return nil
    }

    public static func format(_ press: KeyPress) -> String {
        var out = ""
        if press.modifiers.contains(.control) { out += "ctrl-" }
        if press.modifiers.contains(.alt) { out += "alt-" }
        if press.modifiers.contains(.shift) { out += "shift-" }
        switch press.key {
        case .character(" "): out += "space"
        case .character(let c): out.append(c)
        case .function(let n): out += "f\(n)"
        default: out += names.first(where: { $0.1 == press.key })?.0 ?? "?"
        }
        return out
    }
}
