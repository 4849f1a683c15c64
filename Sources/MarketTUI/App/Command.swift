import TerminalKit

/// One thing the user can do on the current screen. The same list drives the key
/// dispatch, the footer hints, the `?` help overlay and the command palette, so what is
/// shown is always what works.
struct Command<Action> {
    /// The key-binding id (`KeyBindings.defaults`), e.g. `open`, `search`.
    let id: String
    /// What the help overlay and the palette call it: "Open the product".
    let title: String
    let action: Action
    /// Shown in the footer (the few most useful; the rest live in help and palette).
    var footer: String?

    init(_ id: String, _ title: String, _ action: Action, footer: String? = nil) {
        self.id = id
        self.title = title
        self.action = action
        self.footer = footer
    }

    func map<Other>(_ transform: (Action) -> Other) -> Command<Other> {
        Command<Other>(id, title, transform(action), footer: footer)
    }
}

extension Array {
    /// The action bound to `press` among these commands (first match wins).
    func action<Action>(for press: KeyPress, keymap: Keymap) -> Action? where Element == Command<Action> {
        first { keymap.matches(press, $0.id) }?.action
    }
}
