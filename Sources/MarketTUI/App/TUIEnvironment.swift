import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// What screens need from outside: the API client, the key bindings, the clock, and (in
/// `marketmate demo`) the demo accounts one can switch between.
struct TUIEnvironment: Sendable {
    let client: APIClient
    let keymap: Keymap
    let now: @Sendable () -> ContinuousClock.Instant
    /// Set by `marketmate demo`: the accounts "switch demo user" toggles between.
    let demoAccounts: [DemoAccount]

    init(client: APIClient, keymap: Keymap, demoAccounts: [DemoAccount] = [], now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.client = client
        self.keymap = keymap
        self.demoAccounts = demoAccounts
        self.now = now
    }
}

/// A demo account `marketmate demo` signs in with (public demo password).
public struct DemoAccount: Sendable, Hashable {
    public let email: String
    public let password: String
    public let label: String

    public init(email: String, password: String, label: String) {
        self.email = email
        self.password = password
        self.label = label
    }
}
