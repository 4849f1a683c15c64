import FluentKit
import Foundation
import MarketModels

/// A long-lived key a user made for scripts. Only the SHA-256 of the key is stored; `prefix`
/// keeps its first characters so the owner can tell keys apart in a list.
final class APIKeyModel: Model, @unchecked Sendable {
    static let schema = "api_keys"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "name") var name: String
    /// Space-separated scope names; empty means everything the owner may do.
    @Field(key: "scopes") var scopes: String
    @Field(key: "key_hash") var keyHash: String
    @Field(key: "prefix") var prefix: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(id: APIKeyID, userID: UserID, name: String, scopes: [APIKeyScope], key: String, now: Date) {
        self.id = id.rawValue
        self.userID = userID.rawValue
        self.name = name
        self.scopes = scopes.map(\.rawValue).joined(separator: " ")
        self.keyHash = SecureToken.digest(key)
        self.prefix = String(key.prefix(APIKeyService.shownPrefixLength))
        self.createdAt = now
    }

    /// Unknown names (a scope dropped in a later release) are ignored rather than widening
    /// the key: a key that had scopes keeps a non-nil, possibly empty, set.
    var scopeSet: Set<APIKeyScope>? {
        let names = scopes.split(separator: " ")
        return names.isEmpty ? nil : Set(names.compactMap { APIKeyScope(rawValue: String($0)) })
    }

    var dto: APIKeyDTO {
        APIKeyDTO(
            id: APIKeyID(rawValue: id ?? "")!, name: name,
            scopes: scopes.split(separator: " ").compactMap { APIKeyScope(rawValue: String($0)) },
            prefix: prefix, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}
