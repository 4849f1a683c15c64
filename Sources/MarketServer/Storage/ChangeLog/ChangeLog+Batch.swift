import FluentKit
import Foundation
import SQLKit

extension ChangeLog {
    /// One change of a batch: `record`'s arguments.
    public struct Change: Sendable {
        public var entity: String
        public var id: String
        public var op: ChangeLogEntry.Operation
        public var scope: String?

        public init(entity: String, id: String, op: ChangeLogEntry.Operation = .upsert, scope: String?) {
            self.entity = entity
            self.id = id
            self.op = op
            self.scope = scope
        }
    }

    /// `record` for many rows in one multi-row INSERT (bulk writes such as the CSV import, a
    /// checkout's products and orders), under the same ordering lock; versions follow the
    /// order given. Call it in the write's transaction.
    public func recordBatch(_ changes: [Change], on db: any Database) async throws {
        guard !changes.isEmpty, let sql = db as? any SQLDatabase else {
            for change in changes { try await record(entity: change.entity, id: change.id, op: change.op, scope: change.scope, on: db) }
            return
        }
        if engine == .postgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.orderingLockKey))").run()
        }
        let now = clock.now()
        try await BulkValues(prefix: "INSERT INTO \(ChangeLogEntry.schema) (entity, entity_id, op, scope, created_at)", rowsPerStatement: 1000)
            .run(changes.map { [.text($0.entity), .text($0.id), .text($0.op.rawValue), .text($0.scope), .date(now)] }, on: sql)
    }

    /// `recordBatch` for rows of one entity.
    public func recordBatch(
        entity: String, entries: [(id: String, op: ChangeLogEntry.Operation, scope: String?)], on db: any Database
    ) async throws {
        try await recordBatch(entries.map { Change(entity: entity, id: $0.id, op: $0.op, scope: $0.scope) }, on: db)
    }
}
