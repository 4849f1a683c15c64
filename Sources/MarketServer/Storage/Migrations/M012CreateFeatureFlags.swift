import FluentKit

/// Flag definitions set through the admin API (issue 7). Numbered 12, not 11: API keys
/// and rate limits take 11 in a parallel branch. One row per key; `definition` is the
/// wire JSON, so a rule shape added later needs no migration.
struct M012CreateFeatureFlags: AsyncMigration {
    var name: String { "M012CreateFeatureFlags" }

    func prepare(on database: any Database) async throws {
        try await database.schema(FeatureFlagModel.schema)
            .field("key", .string, .identifier(auto: false))
            .field("definition", .string, .required)
            .field("updated_by", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FeatureFlagModel.schema).delete()
    }
}
