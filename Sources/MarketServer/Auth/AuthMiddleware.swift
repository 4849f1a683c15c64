import HTTPTypes
import Hummingbird
import MarketModels

/// Requires a valid bearer access token or API key (`X-API-Key`) and puts the caller in
/// `context.principal`. A scoped key is refused (403) outside its scopes.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: AuthService
    let apiKeys: APIKeyService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let key = request.headers[.apiKey] {
            let principal = try await apiKeys.authenticate(key: key.trimmingCharacters(in: .whitespaces))
            try principal.checkScope(method: request.method.rawValue, path: request.uri.path)
            context.principal = principal
            return try await next(request, context)
        }
        guard let header = request.headers[.authorization] else { throw AppError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AppError(.unauthorized, .unauthorized, "Use 'Authorization: Bearer <access token>' or 'X-API-Key: <key>'.")
        }
        context.principal = try await auth.authenticate(accessToken: String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let apiKey = HTTPField.Name("X-API-Key")!
}

/// Lets only the listed roles through (after `AuthMiddleware`); others get 403.
struct RequireRole: RouterMiddleware {
    typealias Context = AppRequestContext
    let allowed: Set<Role>

    init(_ roles: Role...) { allowed = Set(roles) }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard allowed.contains(principal.role) else {
            throw AppError(.forbidden, .forbidden, "This needs the \(allowed.map(\.rawValue).sorted().joined(separator: " or ")) role.")
        }
        return try await next(request, context)
    }
}
