import Foundation

// Request and response bodies of /api-keys.

/// What an API key may do. A key with no scopes may do everything its owner may; a key
/// with scopes reaches only the routes they name (see `APIKeyScope.required`).
public enum APIKeyScope: String, Codable, CaseIterable, Hashable, Sendable {
    case catalogRead = "catalog:read"
    case catalogWrite = "catalog:write"
    case ordersRead = "orders:read"
    case ordersWrite = "orders:write"
    case cart
    case checkout

    /// The scope a request needs, from its method and its path below `/api/v1`, or nil
    /// when only an unscoped key may make it (account, admin and key management).
    public static func required(method: String, path: String) -> APIKeyScope? {
        let reads = method == "GET" || method == "HEAD"
        let first = path.split(separator: "/", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        switch first {
        case "products", "shops", "search", "uploads", "jobs", "categories":
            return reads ? .catalogRead : .catalogWrite
        case "orders":
            return reads ? .ordersRead : .ordersWrite
        case "cart":
            return .cart
        case "checkout", "coupons", "shipping", "payments":
            return .checkout
        default:
            return nil
        }
    }
}

/// `POST /api-keys`. `scopes` nil or empty: the key may do everything its owner may.
public struct CreateAPIKeyRequest: Codable, Hashable, Sendable {
    public var name: String
    public var scopes: [APIKeyScope]?

    public init(name: String, scopes: [APIKeyScope]? = nil) {
        self.name = name
        self.scopes = scopes
    }

    public func validate() -> [ErrorDetail] {
        Validation.name(name)
    }
}

/// The answer to `POST /api-keys`: the only time the key itself is ever shown.
public struct CreatedAPIKey: Codable, Hashable, Sendable, CustomStringConvertible {
    public var id: APIKeyID
    public var key: String

    public init(id: APIKeyID, key: String) {
        self.id = id
        self.key = key
    }

    public var description: String { "CreatedAPIKey(id: \(id), key: <redacted>)" }
}

/// One of the caller's keys in `GET /api-keys`: never the key, only its first characters
/// so a person can tell keys apart.
public struct APIKeyDTO: Codable, Hashable, Sendable {
    public var id: APIKeyID
    public var name: String
    public var scopes: [APIKeyScope]
    public var prefix: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: APIKeyID, name: String, scopes: [APIKeyScope], prefix: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.scopes = scopes
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
