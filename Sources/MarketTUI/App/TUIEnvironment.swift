import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// What screens need from outside: the API client, the key bindings, the clock, where
/// downloads go, how idempotency keys are made, and (in `marketmate demo`) the demo
/// accounts one can switch between.
struct TUIEnvironment: Sendable {
    let client: APIClient
    let keymap: Keymap
    let now: @Sendable () -> ContinuousClock.Instant
    /// Set by `marketmate demo`: the accounts "switch demo user" toggles between.
    let demoAccounts: [DemoAccount]
    /// Where invoices are saved (`Downloads.directory()` unless a test says otherwise).
    let downloadsDirectory: String
    /// A fresh `Idempotency-Key` (random; tests may count them).
    let makeIdempotencyKey: @Sendable () -> String
    /// The last evaluated flags per server and user, for a start without the server.
    let flagCache: FlagCache

    init(
        client: APIClient, keymap: Keymap, demoAccounts: [DemoAccount] = [], downloadsDirectory: String? = nil,
        flagCache: FlagCache = FlagCache(path: nil),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        makeIdempotencyKey: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.client = client
        self.keymap = keymap
        self.demoAccounts = demoAccounts
        self.downloadsDirectory = downloadsDirectory ?? Downloads.directory()
        self.now = now
        self.makeIdempotencyKey = makeIdempotencyKey
        self.flagCache = flagCache
    }
}

/// Where the app saves what the user downloads (invoices).
public enum Downloads {
    /// `$XDG_DOWNLOAD_DIR` when set, else `~/Downloads` when it exists, else
    /// `$XDG_DATA_HOME/marketmate/downloads` (`~/.local/share/marketmate/downloads`): a
    /// folder the user knows, and never the working directory.
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        func absolute(_ path: String?) -> String? { path.flatMap { $0.hasPrefix("/") ? $0 : nil } }
        if let xdg = absolute(environment["XDG_DOWNLOAD_DIR"]) { return xdg }
        let home = absolute(environment["HOME"]) ?? NSHomeDirectory()
        var isDirectory: ObjCBool = false
        let downloads = (home as NSString).appendingPathComponent("Downloads")
        if FileManager.default.fileExists(atPath: downloads, isDirectory: &isDirectory), isDirectory.boolValue { return downloads }
        let data = absolute(environment["XDG_DATA_HOME"]) ?? (home as NSString).appendingPathComponent(".local/share")
        return (data as NSString).appendingPathComponent("marketmate/downloads")
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
