import FluentKit
import Foundation
import MarketModels

/// A person with an account. `email` is stored normalised (see `EmailAddress.normalize`),
/// so one unique index makes case and Unicode variants one account.
public final class UserModel: Model, @unchecked Sendable {
    public static let schema = "users"

    public enum Status: String, Sendable { case active, banned }

    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    @Field(key: "role") public var role: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "verified") public var verified: Bool
    @OptionalField(key: "locale") public var locale: String?
    /// Bumped by logout-all, password reset and bans: access tokens carry the version
    /// they were issued under and stop working the moment it moves.
    @Field(key: "token_version") public var tokenVersion: Int
    @Field(key: "status") public var status: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    init(id: UserID, email: String, name: String, role: Role, passwordHash: String, now: Date) {
        self.id = id.rawValue
        self.email = email
        self.name = name
        self.role = role.rawValue
        self.passwordHash = passwordHash
        self.verified = false
        self.locale = nil
        self.tokenVersion = 0
        self.status = Status.active.rawValue
        self.createdAt = now
        self.updatedAt = now
    }

    public var userID: UserID { UserID(rawValue: id ?? "")! }
    public var roleValue: Role { Role(rawValue: role) ?? .buyer }
    public var isBanned: Bool { status == Status.banned.rawValue }

    public var dto: UserDTO {
        UserDTO(id: userID, email: email, name: name, role: roleValue, verified: verified, locale: locale, createdAt: createdAt, updatedAt: updatedAt)
    }
}
