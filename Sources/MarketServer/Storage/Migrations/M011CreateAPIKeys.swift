import FluentKit
import SQLKit

/// API keys, and on PostgreSQL the rate limiter's shared table (both arrived with issue 7).
/// The buckets are UNLOGGED: no WAL for a write per request, and after a crash an empty
/// table only forgives a few requests.
struct M011CreateAPIKeys: AsyncMigration {
    var name: String { "M011CreateAPIKeys" }

    func prepare(on database: any Database) async throws {
        try await database.schema(APIKeyModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("scopes", .string, .required)
            .field("key_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "key_hash", name: "api_keys_hash_key")
            .create()
        try await database.index(on: APIKeyModel.schema, name: "api_keys_user_idx", columns: ["user_id"])
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("CREATE UNLOGGED TABLE rate_limit_buckets (key text PRIMARY KEY, tat bigint NOT NULL)").run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("DROP TABLE IF EXISTS rate_limit_buckets").run()
        }
        try await database.schema(APIKeyModel.schema).delete()
    }
}
