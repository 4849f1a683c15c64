import FluentKit
import Foundation
import SQLKit

extension ChangeLog {
    /// `record` for many rows of one entity in one multi-row INSERT (bulk writes such as the
    /// CSV import), under the same ordering lock; versions follow the order given. Call it
    /// in the write's transaction.
    public func recordBatch(
        entity: String, entries: [(id: String, op: ChangeLogEntry.Operation, scope: String?)], on db: any Database
    ) async throws {
        guard !entries.isEmpty, let sql = db as? any SQLDatabase else {
            for entry in entries { try await record(entity: entity, id: entry.id, op: entry.op, scope: entry.scope, on: db) }
            return
        }
        if engine == .postgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.orderingLockKey))").run()
        }
        let now = clock.now()
        try await BulkValues(prefix: "INSERT INTO \(ChangeLogEntry.schema) (entity, entity_id, op, scope, created_at)", rowsPerStatement: 1000)
            .run(entries.map { [.text(entity), .text($0.id), .text($0.op.rawValue), .text($0.scope), .date(now)] }, on: sql)
    }
}
