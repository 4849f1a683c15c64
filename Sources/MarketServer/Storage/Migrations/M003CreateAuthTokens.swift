import FluentKit

struct M003CreateAuthTokens: AsyncMigration {
    var name: String { "M003CreateAuthTokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RefreshTokenModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("family_id", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash", name: "refresh_tokens_hash_key")
            .create()
        try await database.index(on: RefreshTokenModel.schema, name: "refresh_tokens_family_idx", columns: ["family_id"])
        try await database.index(on: RefreshTokenModel.schema, name: "refresh_tokens_user_idx", columns: ["user_id"])

        try await database.schema(OneTimeTokenModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("purpose", .string, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "token_hash", name: "one_time_tokens_hash_key")
            .create()
        try await database.index(on: OneTimeTokenModel.schema, name: "one_time_tokens_user_idx", columns: ["user_id", "purpose"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OneTimeTokenModel.schema).delete()
        try await database.schema(RefreshTokenModel.schema).delete()
    }
}
