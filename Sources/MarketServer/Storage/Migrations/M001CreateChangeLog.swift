import FluentKit
import SQLKit

struct M001CreateChangeLog: AsyncMigration {
    var name: String { "M001CreateChangeLog" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ChangeLogEntry.schema)
            .field("version", .int64, .identifier(auto: true))
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("op", .string, .required)
            .field("scope", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.index(on: ChangeLogEntry.schema, name: "change_log_entity_idx", columns: ["entity", "entity_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ChangeLogEntry.schema).delete()
    }
}

extension Database {
    /// Plain indexes through SQLKit: FluentKit's schema builder only knows unique constraints.
    func index(on table: String, name: String, columns: [String], unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
