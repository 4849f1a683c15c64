/// Key bindings: action ids (strings an app defines, like `catalog.open`) to the chords
/// that trigger them. Apps start from defaults and apply the user's overrides; help
/// overlays, footers and the command palette read the same table, so what is shown is
/// what works.
public struct Keymap: Hashable, Sendable {
    public private(set) var bindings: [String: [KeyPress]]

    public init(_ bindings: [String: [KeyPress]] = [:]) {
        self.bindings = bindings
    }

    /// Bindings from chord strings (`["down": ["j", "down"]]`); unparsable chords are skipped.
    public init(parsing table: [String: [String]]) {
        bindings = table.mapValues { $0.compactMap(KeyChordSyntax.parse) }
    }

    public func keys(for action: String) -> [KeyPress] { bindings[action] ?? [] }

    /// Whether `press` triggers `action`.
    public func matches(_ press: KeyPress, _ action: String) -> Bool {
        keys(for: action).contains(press)
    }

    /// The first of `actions` that `press` triggers (a screen asks about its own actions,
    /// so the same key can mean different things on different screens).
    public func action(for press: KeyPress, among actions: [String]) -> String? {
        actions.first { matches(press, $0) }
    }

    /// Replaces the chords of an action (a user's override).
    public mutating func bind(_ action: String, to keys: [KeyPress]) {
        bindings[action] = keys
    }

    /// "j/down": how footers and help show an action's keys.
    public func label(for action: String, limit: Int = 2) -> String {
        keys(for: action).prefix(limit).map(\.description).joined(separator: "/")
    }
}
