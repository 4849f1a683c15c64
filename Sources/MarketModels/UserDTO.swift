import Foundation

/// A user as the API shows it (`GET /users/me`, the `user` of an auth
/// response, admin lists). Never carries a password hash or token.
public struct UserDTO: Codable, Hashable, Sendable, Identifiable {
    public var id: UserID
    /// Normalized with `EmailAddress.normalize`.
    public var email: String
    public var name: String
    public var role: Role
    /// Whether the email address has been confirmed.
    public var verified: Bool
    /// A BCP 47 tag such as "en-GB"; nil means "use the client's default".
    public var locale: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UserID,
        email: String,
        name: String,
        role: Role,
        verified: Bool,
        locale: String?,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.verified = verified
        self.locale = locale
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
