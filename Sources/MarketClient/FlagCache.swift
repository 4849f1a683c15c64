import Foundation
import MarketModels

/// The last flags `GET /flags` gave, per server and user, so the app starts with them when
/// the server cannot be reached (and before the fresh ones arrive). Kept in
/// `$XDG_CACHE_HOME/marketmate/flags.json` (default `~/.cache/marketmate/flags.json`): a
/// cache, safe to delete; without it the apps use their built-in defaults. With no path it
/// lives in memory only (tests).
///
/// The file is `{"entries": {"<server URL> <user id or anonymous>": {"flags": {...}}}}`;
/// one that does not decode counts as empty and is replaced by the next save.
public final class FlagCache: Sendable {
    public let path: String?
    private let memory = NSLockedBox<[String: EvaluatedFlags]>([:])

    public init(path: String?) { self.path = path }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGDirectories.path("XDG_CACHE_HOME", fallback: ".cache", file: "flags.json", environment: environment)
    }

    /// Flags are evaluated for a user: each server and user has an entry of its own.
    public static func key(server: String, userID: String?) -> String { "\(server) \(userID ?? "anonymous")" }

    public func load(_ key: String) -> EvaluatedFlags? {
        if let path {
            return readFile(path)[key]
        }
        return memory.withLock { $0[key] }
    }

    /// Best effort: a cache that cannot be written is no reason to bother the user.
    public func save(_ flags: EvaluatedFlags, _ key: String) {
        guard let path else {
            memory.withLock { $0[key] = flags }
            return
        }
        var entries = readFile(path)
        entries[key] = flags
        // A handful of server/user pairs at most; an unbounded file would only be stale ones.
        if entries.count > 16 { entries = entries.filter { $0.key == key } }
        guard let data = try? MarketJSON.encode(File(entries: entries)) else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if (try? data.write(to: URL(fileURLWithPath: path), options: .atomic)) != nil {
            _ = chmod(path, 0o600)
        }
    }

    private struct File: Codable {
        var entries: [String: EvaluatedFlags]
    }

    private func readFile(_ path: String) -> [String: EvaluatedFlags] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        return (try? MarketJSON.decode(File.self, from: data))?.entries ?? [:]
    }
}

/// A value behind a lock (MarketClient has no NIO).
final class NSLockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
