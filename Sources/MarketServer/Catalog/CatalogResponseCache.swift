import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Finished public catalog responses (product lists, completions), keyed by the canonical
/// query and tagged with the catalog version they were computed at.
///
/// The version is the newest change-log entry for products and shops (two index seeks).
/// Catalog writes in this process forget the known version the moment they commit, so
/// their effect shows on the very next request; the database is asked again at most every
/// `versionWindow`, which bounds how long a write by another process (a second server on
/// PostgreSQL, the CLI) can go unseen. Hot queries (the head of any real query
/// distribution) then cost a dictionary lookup instead of a ranking.
final class CatalogResponseCache: Sendable {
    struct Entry: Sendable {
        let version: Int
        let body: Data
        let etag: String
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let maxEntries: Int
    private let maxBytes: Int
    private let usedBytes = NIOLockedValueBox<Int>(0)

    struct VersionState {
        var version: Int?
        var checkedAt: ContinuousClock.Instant = .now
        /// Moves on every local write, so a read that started before the write cannot
        /// store its older answer afterwards.
        var generation = 0
    }
    private let versionState = NIOLockedValueBox(VersionState())
    static let versionWindow: Duration = .milliseconds(100)

    /// The catalog version, from memory when it was read recently and nothing was written here since.
    func version(read: () async throws -> Int) async throws -> Int {
        let (known, generation) = versionState.withLockedValue { state -> (Int?, Int) in
            guard let version = state.version, ContinuousClock.now - state.checkedAt < Self.versionWindow else { return (nil, state.generation) }
            return (version, state.generation)
        }
        if let known { return known }
        let version = try await read()
        versionState.withLockedValue { state in
            if state.generation == generation {
                state.version = version
                state.checkedAt = .now
            }
        }
        return version
    }

    /// Called after every catalog write commits.
    func forgetVersion() {
        versionState.withLockedValue { state in
            state.version = nil
            state.generation += 1
        }
    }

    init(maxEntries: Int = 4096, maxBytes: Int = 48 * 1024 * 1024) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }

    struct VersionRow: Decodable { let v: Int? }

    /// The catalog's current version: the newest product or shop change.
    static func version(on db: any SQLDatabase) async throws -> Int {
        try await db.raw("""
            SELECT MAX(v) AS v FROM (
                SELECT MAX(version) AS v FROM change_log WHERE entity = 'product'
                UNION ALL SELECT MAX(version) AS v FROM change_log WHERE entity = 'shop'
            ) AS versions
            """).first(decoding: VersionRow.self)?.v ?? 0
    }

    func get(_ key: String, version: Int) -> Entry? {
        entries.withLockedValue { $0[key] }.flatMap { $0.version == version ? $0 : nil }
    }

    func put(_ key: String, _ entry: Entry) {
        entries.withLockedValue { table in
            usedBytes.withLockedValue { used in
                if let old = table[key] { used -= old.body.count }
                if table.count >= maxEntries || used + entry.body.count > maxBytes {
                    // Entries of older versions can never be served again: drop those first,
                    // and everything if that is not enough.
                    table = table.filter { $0.value.version >= entry.version }
                    if table.count >= maxEntries || used + entry.body.count > maxBytes { table.removeAll(keepingCapacity: true) }
                    used = table.values.reduce(0) { $0 + $1.body.count }
                }
                table[key] = entry
                used += entry.body.count
            }
        }
    }

    /// The query string with its parameters sorted, so `a=1&b=2` and `b=2&a=1` share an entry.
    static func key(path: String, query: String?) -> String {
        let items = (query ?? "").split(separator: "&").map(String.init).sorted()
        return path + "?" + items.joined(separator: "&")
    }
}
