import Hummingbird
import Logging
import MarketModels
import NIOCore

/// Who is calling, as established by `AuthMiddleware` from a verified access token or an
/// API key and the user's current row (role and token version come from the database).
public struct Principal: Sendable, Equatable {
    public var userID: UserID
    public var role: Role
    public var tokenVersion: Int
    /// Set when the caller used `X-API-Key` (the rate limiter keys by it).
    public var apiKeyID: String? = nil
    /// The key's scopes; nil for bearer tokens and unscoped keys (everything the owner may do).
    public var scopes: Set<APIKeyScope>? = nil
}

/// The request context of every MarketMate route.
public struct AppRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    public var principal: Principal?
    /// Set by `RequestIDMiddleware` from the configuration; `decode` collects at most this much.
    public var bodyLimit: Int = 10 * 1024 * 1024
    /// The caller's address after trusted proxies are peeled off.
    public var clientIP: String = "unknown"
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var maxUploadSize: Int { bodyLimit }
    public var requestDecoder: JSONRequestDecoder { JSONRequestDecoder() }
    public var responseEncoder: JSONResponseEncoder { JSONResponseEncoder() }

    /// The authenticated caller, or 401.
    public func requirePrincipal() throws(AppError) -> Principal {
        guard let principal else { throw AppError.unauthorized }
        return principal
    }
}
