import TerminalKit

/// Every action the user can bind a key to, with its default keys: the one place they are
/// defined. Screens refer to actions by these ids (`Command("open", ...)`), the `[keys]`
/// table of config.toml rebinds them, and help, footers and the palette show what is
/// bound; marketmate-config(5) lists the same table, so keep the two in step.
///
/// Defaults are vim keys plus arrows. The same key may serve two actions that no screen
/// offers together: `h`/`l` are `left`/`right` where a screen moves sideways and
/// `back`/`open` in lists, as in lazygit. `ctrl-s` belongs to `switch-account`, so `save`
/// (used in forms) is `ctrl-o`, nano's "write out", and `f2`, Midnight Commander's save;
/// neither is taken by the terminal or by text fields (`ctrl-w` would delete a word).
public enum KeyBindings {
    public struct Action: Hashable, Sendable {
        /// What config files and screens call it: `page-down`, `add-to-cart`.
        public let id: String
        /// The default chords, in `KeyChordSyntax` form.
        public let keys: [String]
        /// One line for the help overlay and the command palette.
        public let summary: String
    }

    /// In the order the help overlay lists them.
    public static let actions: [Action] = [
        // Moving around.
        Action(id: "up", keys: ["k", "up"], summary: "Move up"),
        Action(id: "down", keys: ["j", "down"], summary: "Move down"),
        Action(id: "left", keys: ["h", "left"], summary: "Move left"),
        Action(id: "right", keys: ["l", "right"], summary: "Move right"),
        Action(id: "page-up", keys: ["pgup", "ctrl-b"], summary: "Scroll up a page"),
        Action(id: "page-down", keys: ["pgdn", "ctrl-f"], summary: "Scroll down a page"),
        Action(id: "top", keys: ["g", "home"], summary: "Go to the first item"),
        Action(id: "bottom", keys: ["G", "end"], summary: "Go to the last item"),
        Action(id: "open", keys: ["enter", "l"], summary: "Open the selected item"),
        Action(id: "back", keys: ["esc", "h", "backspace"], summary: "Go back"),
        // Everywhere.
        Action(id: "quit", keys: ["q", "ctrl-c"], summary: "Quit"),
        Action(id: "help", keys: ["?"], summary: "Show all keys"),
        Action(id: "palette", keys: [":", "ctrl-p"], summary: "Open the command palette"),
        Action(id: "search", keys: ["/"], summary: "Search"),
        Action(id: "next-tab", keys: ["tab", "]"], summary: "Next tab"),
        Action(id: "prev-tab", keys: ["shift-tab", "["], summary: "Previous tab"),
        Action(id: "tab-1", keys: ["1"], summary: "Go to tab 1"),
        Action(id: "tab-2", keys: ["2"], summary: "Go to tab 2"),
        Action(id: "tab-3", keys: ["3"], summary: "Go to tab 3"),
        Action(id: "tab-4", keys: ["4"], summary: "Go to tab 4"),
        Action(id: "tab-5", keys: ["5"], summary: "Go to tab 5"),
        Action(id: "tab-6", keys: ["6"], summary: "Go to tab 6"),
        Action(id: "refresh", keys: ["ctrl-r"], summary: "Reload from the server"),
        Action(id: "redraw", keys: ["ctrl-l"], summary: "Redraw the screen"),
        // Lists.
        Action(id: "filter", keys: ["f"], summary: "Filter the list"),
        Action(id: "clear-filters", keys: ["x"], summary: "Clear all filters"),
        Action(id: "sort", keys: ["s"], summary: "Change the sort order"),
        // Shopping and accounts.
        Action(id: "add-to-cart", keys: ["a"], summary: "Add to the cart"),
        // `c` shows the cart from anywhere, and checks out once there.
        Action(id: "cart", keys: ["c"], summary: "Show your cart"),
        Action(id: "checkout", keys: ["c"], summary: "Check out the cart"),
        Action(id: "orders", keys: ["t"], summary: "Show orders (yours, or a shop's in My shops)"),
        // The same keys as the stock in My shops: no screen offers both.
        Action(id: "quantity-up", keys: ["+"], summary: "One more of the selected cart item"),
        Action(id: "quantity-down", keys: ["-"], summary: "One less of the selected cart item"),
        Action(id: "coupon", keys: ["C"], summary: "Enter or change the coupon code"),
        Action(id: "confirm", keys: ["enter"], summary: "Go on: the next checkout step, place the order, confirm the payment"),
        Action(id: "account", keys: ["u"], summary: "Your account"),
        Action(id: "switch-account", keys: ["ctrl-s"], summary: "Switch to another signed-in account"),
        // Both ask for confirmation first, so a stray keystroke signs nobody out.
        Action(id: "logout", keys: ["o"], summary: "Sign out (asks first)"),
        Action(id: "logout-all", keys: ["O"], summary: "Sign out on every device (asks first)"),
        // The sign-in screen.
        Action(id: "submit", keys: ["enter"], summary: "Sign in, or create the account"),
        Action(id: "switch-mode", keys: ["ctrl-n"], summary: "Switch between signing in and registering"),
        // Editing: a vendor's products, an admin's records.
        Action(id: "new", keys: ["n"], summary: "Create a new item"),
        Action(id: "edit", keys: ["e"], summary: "Edit the selected item"),
        Action(id: "delete", keys: ["d", "delete"], summary: "Delete the selected item"),
        Action(id: "save", keys: ["ctrl-o", "f2"], summary: "Save the form"),
        Action(id: "stock-up", keys: ["+"], summary: "Add one to the stock"),
        Action(id: "stock-down", keys: ["-"], summary: "Take one from the stock"),
        Action(id: "set-stock", keys: ["="], summary: "Set the stock to a number"),
        Action(id: "import", keys: ["i"], summary: "Import products from a CSV file"),
        Action(id: "toggle", keys: ["space"], summary: "Switch the selected item on or off"),
        // Orders.
        Action(id: "cancel-order", keys: ["X"], summary: "Cancel the order (asks first)"),
        Action(id: "complete-order", keys: ["m"], summary: "Mark the order received"),
        Action(id: "invoice", keys: ["I"], summary: "Save the order's invoice as a PDF"),
        Action(id: "ship", keys: ["S"], summary: "Mark the order shipped, with carrier and tracking number"),
        Action(id: "refund", keys: ["$"], summary: "Refund the order, all or part"),
        // The Inbox.
        Action(id: "notifications", keys: ["N"], summary: "Show your notifications"),
        Action(id: "mark-read", keys: ["r"], summary: "Mark the selected notification read"),
        Action(id: "mark-all-read", keys: ["R"], summary: "Mark every notification read"),
    ]

    /// The action ids, in `actions` order.
    public static let ids: [String] = actions.map(\.id)

    /// The keymap before the user's `[keys]` table is applied.
    public static let defaults = Keymap(parsing: Dictionary(uniqueKeysWithValues: actions.map { ($0.id, $0.keys) }))

    public static func action(_ id: String) -> Action? {
        actions.first { $0.id == id }
    }
}
