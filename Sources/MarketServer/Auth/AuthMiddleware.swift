import Hummingbird
import MarketModels

/// Requires a valid bearer access token and puts the caller in `context.principal`.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: AuthService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw AppError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw AppError(.unauthorized, .unauthorized, "Use 'Authorization: Bearer <access token>'.")
        }
        var context = context
        context.principal = try await auth.authenticate(accessToken: String(parts[1]).trimmingCharacters(in: .whitespaces))
        return try await next(request, context)
    }
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
