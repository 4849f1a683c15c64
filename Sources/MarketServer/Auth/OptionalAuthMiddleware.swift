import Hummingbird

/// For public routes that show more to some callers (owners see their drafts): a bearer
/// token or API key, when sent, must be valid; without one the caller is anonymous.
struct OptionalAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: AuthService
    let apiKeys: APIKeyService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.authorization] != nil || request.headers[.apiKey] != nil else { return try await next(request, context) }
        return try await AuthMiddleware(auth: auth, apiKeys: apiKeys).handle(request, context: context, next: next)
    }
}
