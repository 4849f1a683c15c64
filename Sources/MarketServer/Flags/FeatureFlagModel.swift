import FluentKit
import Foundation
import MarketModels

/// One flag definition set through the admin API.
final class FeatureFlagModel: Model, @unchecked Sendable {
    static let schema = "feature_flags"

    @ID(custom: "key", generatedBy: .user) var id: String?
    /// The definition as wire JSON (sorted keys).
    @Field(key: "definition") var definition: String
    @Field(key: "updated_by") var updatedBy: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(key: String, definition: FlagDefinition, updatedBy: String, at now: Date) throws {
        id = key
        self.definition = String(decoding: try JSONEncoder.sortedKeys.encode(definition), as: UTF8.self)
        self.updatedBy = updatedBy
        updatedAt = now
    }

    /// Nil for a row this build cannot read (written by a newer one): it is skipped, not fatal.
    var decoded: FlagDefinition? { try? JSONDecoder().decode(FlagDefinition.self, from: Data(definition.utf8)) }
}
