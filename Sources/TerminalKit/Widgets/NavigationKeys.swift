/// Action ids of the keys lists and tables understand, so apps can rebind them through
/// their `Keymap` and help overlays can list them like any other action.
public enum NavigationAction: String, CaseIterable, Sendable {
    case up = "nav.up"
    case down = "nav.down"
    case pageUp = "nav.page-up"
    case pageDown = "nav.page-down"
    case first = "nav.first"
    case last = "nav.last"
    /// Tables: sort by the next sortable column (then back to unsorted).
    case sortNext = "table.sort-next"
    /// Tables: flip the sort direction.
    case sortReverse = "table.sort-reverse"
}

extension Keymap {
    static let navigationTable: [String: [String]] = [
        NavigationAction.up.rawValue: ["up", "k"],
        NavigationAction.down.rawValue: ["down", "j"],
        NavigationAction.pageUp.rawValue: ["pgup"],
        NavigationAction.pageDown.rawValue: ["pgdn"],
        NavigationAction.first.rawValue: ["home", "g"],
        NavigationAction.last.rawValue: ["end", "G"],
    ]

    /// List movement: arrows and vi's j/k, page keys, home/g and end/G (as in lazygit).
    public static let navigation = Keymap(parsing: navigationTable)

    /// `navigation` plus sorting: `s` cycles the sort column, `S` flips the direction.
    public static let table = Keymap(parsing: navigationTable.merging([
        NavigationAction.sortNext.rawValue: ["s"],
        NavigationAction.sortReverse.rawValue: ["S"],
    ]) { $1 })

    /// The navigation action `press` triggers in this keymap, if any.
    func navigationAction(for press: KeyPress) -> NavigationAction? {
        NavigationAction.allCases.first { matches(press, $0.rawValue) }
    }
}
