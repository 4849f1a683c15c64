import Foundation
import HTTPTypes
import Hummingbird
import MarketModels
import NIOCore

/// Applies the quotas and writes the RateLimit headers on every response it covers.
///
/// It sits in three places because the caller's identity is known at different depths:
/// `.auth` runs on the router for `/api/v1/auth/*` (anonymous by nature: per client IP, and
/// per email address on the routes that name one); `.api` runs inside the authenticated and
/// public API groups, after authentication, so it can count per API key, else user, else
/// client IP. `.failedAuthentication` wraps authentication in those groups: a request whose
/// credentials are refused (401) never reaches `.api`, so it is counted here, as the
/// anonymous caller it is (per client IP, the same quota as anonymous requests), and past
/// that quota the answer is 429 instead of 401. Without it, wrong tokens and API keys would
/// be a free lane around the limiter. `.auth` skips the API paths, the others `/auth/*`.
/// Operations routes and webhooks are not limited.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    enum Position: Sendable { case auth, api, failedAuthentication }

    let limiter: RateLimiter
    let position: Position

    static let authPrefix = "/api/v1/auth/"
    /// Routes that name an account in their body, counted per email address too.
    static let accountRoutes: Set<String> = ["/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/forgot-password"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        let isAuth = path.hasPrefix(Self.authPrefix)
        var request = request
        var buckets: [(policy: RateLimitPolicy, caller: String)]
        switch position {
        case .auth:
            guard isAuth else { return try await next(request, context) }
            buckets = [(limiter.authPolicy, "ip:" + context.clientIP)]
            if request.method == .post, Self.accountRoutes.contains(path),
               let email = try await Self.email(in: &request, limit: context.bodyLimit) {
                buckets.append((limiter.accountPolicy, "acct:" + email))
            }
        case .api:
            guard !isAuth else { return try await next(request, context) }
            let caller = context.principal.map { principal in
                principal.apiKeyID.map { "key:" + $0 } ?? "usr:" + principal.userID.rawValue
            } ?? "ip:" + context.clientIP
            buckets = [(limiter.policy(forGroup: Self.group(of: path)), caller)]
        case .failedAuthentication:
            guard !isAuth else { return try await next(request, context) }
            do {
                return try await next(request, context)
            } catch let error as AppError where error.status == .unauthorized && error.headers[.rateLimit] == nil {
                // Refused before `.api` counted it (a 401 from a handler was counted there).
                let decisions = await limiter.decide([(limiter.policy(forGroup: Self.group(of: path)), "ip:" + context.clientIP)])
                var headers = RateLimitHeaders.fields(decisions)
                if let wait = decisions.filter({ !$0.allowed }).map(\.retryAfterSeconds).max() {
                    headers[.retryAfter] = String(wait)
                    throw AppError(.tooManyRequests, .rateLimited, "Too many requests; try again in \(wait) s.", headers: headers)
                }
                var counted = error
                counted.headers.append(contentsOf: headers)
                throw counted
            }
        }

        let decisions = await limiter.decide(buckets)
        var headers = RateLimitHeaders.fields(decisions)
        if let wait = decisions.filter({ !$0.allowed }).map(\.retryAfterSeconds).max() {
            headers[.retryAfter] = String(wait)
            throw AppError(.tooManyRequests, .rateLimited, "Too many requests; try again in \(wait) s.", headers: headers)
        }
        do {
            var response = try await next(request, context)
            response.headers.append(contentsOf: headers)
            return response
        } catch var error as AppError {
            error.headers.append(contentsOf: headers)
            throw error
        }
    }

    /// `products` for `/api/v1/products/prd_…`.
    static func group(of path: String) -> Substring {
        let rest = path.dropFirst("/api/v1/".count)
        return rest.prefix { $0 != "/" }
    }

    /// The normalised `email` of a JSON body, leaving the body in place for the handler.
    /// A body that is not JSON is the handler's to refuse.
    static func email(in request: inout Request, limit: Int) async throws -> String? {
        struct Named: Decodable { var email: String? }
        let body = try await request.collectBody(upTo: limit)
        guard let email = (try? JSONDecoder().decode(Named.self, from: Data(body.readableBytesView)))?.email else { return nil }
        return EmailAddress.normalize(email)
    }
}

extension RouterGroup where Context == AppRequestContext {
    /// The group with failed authentications counted per client IP, when limiting is on.
    /// Added before the authentication middleware, so it sees the 401s that middleware throws.
    func countingFailedAuthentication(by limiter: RateLimiter?) -> Self {
        if let limiter { add(middleware: RateLimitMiddleware(limiter: limiter, position: .failedAuthentication)) }
        return self
    }

    /// The group with the API-position limiter, when limiting is on. Added right after
    /// authentication, before any route, since a route keeps the middleware it was added under.
    func limited(by limiter: RateLimiter?) -> Self {
        if let limiter { add(middleware: RateLimitMiddleware(limiter: limiter, position: .api)) }
        return self
    }
}
