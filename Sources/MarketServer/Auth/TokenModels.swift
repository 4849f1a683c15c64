import FluentKit
import Foundation

/// One refresh token of a rotation family. Only its SHA-256 is stored. Presenting a token
/// whose `usedAt` is set means it leaked: the whole family is revoked.
final class RefreshTokenModel: Model, @unchecked Sendable {
    static let schema = "refresh_tokens"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "family_id") var familyID: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: String, userID: String, familyID: String, tokenHash: String, expiresAt: Date, now: Date) {
        self.id = id
        self.userID = userID
        self.familyID = familyID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.createdAt = now
    }
}

/// Single-use tokens mailed to the user (password reset, email verification). Hashed at rest.
final class OneTimeTokenModel: Model, @unchecked Sendable {
    static let schema = "one_time_tokens"

    enum Purpose: String, Sendable { case passwordReset = "password_reset", emailVerification = "email_verification" }

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: String, userID: String, purpose: Purpose, tokenHash: String, expiresAt: Date, now: Date) {
        self.id = id
        self.userID = userID
        self.purpose = purpose.rawValue
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.createdAt = now
    }
}
