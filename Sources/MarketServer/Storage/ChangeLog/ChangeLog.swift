import FluentKit
import Foundation
import SQLKit

/// Records writes to syncable rows. Call it with the transaction's database, in the same
/// transaction as the write, so the row and its change entry commit or vanish together.
public struct ChangeLog: Sendable {
    public let engine: DatabaseEngine
    public let clock: any AppClock

    /// Versions must become visible in order, or a sync reader could pass over a version
    /// that commits late. SQLite has one writer at a time; on PostgreSQL a transaction-scoped
    /// advisory lock serialises the (short) tail of writing transactions that log changes.
    static let orderingLockKey: Int64 = 0x4D4D_4348_414E_4745  // "MMCHANGE"

    public init(engine: DatabaseEngine, clock: any AppClock) {
        self.engine = engine
        self.clock = clock
    }

    @discardableResult
    public func record(
        entity: String, id: String, op: ChangeLogEntry.Operation, scope: String? = nil, on db: any Database
    ) async throws -> Int {
        if engine == .postgres, let sql = db as? any SQLDatabase {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.orderingLockKey))").run()
        }
        let entry = ChangeLogEntry(entity: entity, entityID: id, op: op, scope: scope, now: clock.now())
        try await entry.create(on: db)
        return entry.version
    }

    /// Entries after `version`, oldest first (the sync feed reads this).
    public func entries(after version: Int, limit: Int, on db: any Database) async throws -> [ChangeLogEntry] {
        try await ChangeLogEntry.query(on: db)
            .filter(\.$id > version)
            .sort(\.$id, .ascending)
            .limit(limit)
            .all()
    }

    public func latestVersion(on db: any Database) async throws -> Int {
        try await ChangeLogEntry.query(on: db).max(\.$id) ?? 0
    }
}
