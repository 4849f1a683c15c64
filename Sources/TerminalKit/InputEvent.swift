/// What the user did, decoded from the terminal's bytes: a key (with modifiers), a mouse
/// action, a bracketed paste or a resize.
public enum InputEvent: Hashable, Sendable {
    case key(KeyPress)
    case mouse(MouseEvent)
    /// Text pasted while the terminal's bracketed-paste mode was on: inserted as text,
    /// never interpreted as key bindings.
    case paste(String)
    case resize(Size)
    /// The process was asked to stop (SIGINT, SIGTERM, SIGHUP): the program should wind
    /// down now; the runtime returns after this event even if the program ignores it.
    case terminate
}

public struct KeyPress: Hashable, Sendable, CustomStringConvertible {
    public var key: Key
    public var modifiers: Modifiers

    public init(_ key: Key, _ modifiers: Modifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    public static func char(_ c: Character) -> KeyPress { KeyPress(.character(c)) }
    public static func ctrl(_ c: Character) -> KeyPress { KeyPress(.character(c), .control) }
    public static func alt(_ c: Character) -> KeyPress { KeyPress(.character(c), .alt) }

    /// The chord as key bindings write it: `ctrl-p`, `alt-x`, `shift-tab`, `pgdn`, `j`, `?`.
    public var description: String { KeyChordSyntax.format(self) }
}

public enum Key: Hashable, Sendable {
    /// A printable character (letters keep their case; Ctrl-letters come as lowercase + `.control`).
    case character(Character)
    case enter, tab, backspace, escape, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
}

public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = Modifiers(rawValue: 1)
    public static let alt = Modifiers(rawValue: 2)
    public static let control = Modifiers(rawValue: 4)
}

public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(button: Int)
        case release
        case wheelUp, wheelDown
        case drag(button: Int)
    }
    public var kind: Kind
    /// Zero-based cell coordinates.
    public var x: Int
    public var y: Int
    public var modifiers: Modifiers

    public init(kind: Kind, x: Int, y: Int, modifiers: Modifiers = []) {
        self.kind = kind
        self.x = x
        self.y = y
        self.modifiers = modifiers
    }
}
