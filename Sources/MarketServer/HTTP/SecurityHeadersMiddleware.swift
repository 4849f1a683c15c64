import HTTPTypes
import Hummingbird

/// The helmet set: no sniffing, no framing, no referrer leaks, HSTS where we are served
/// over TLS, and a strict CSP for the only HTML we serve (the API reference).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let hsts: Bool
    let trustedProxies: Set<String>

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.crossOriginOpenerPolicy] = "same-origin"
        response.headers[.crossOriginResourcePolicy] = "same-origin"
        response.headers[.xPermittedCrossDomainPolicies] = "none"
        if hsts || behindTLSProxy(request, context: context) {
            response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        } else if response.headers[.contentSecurityPolicy] == nil {
            // JSON never needs to load anything.
            response.headers[.contentSecurityPolicy] = "default-src 'none'; frame-ancestors 'none'"
        }
        return response
    }

    private func behindTLSProxy(_ request: Request, context: Context) -> Bool {
        guard let peer = context.remoteAddress?.ipAddress, trustedProxies.contains(peer) else { return false }
        return request.headers[.forwardedProto]?.lowercased() == "https"
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let crossOriginResourcePolicy = HTTPField.Name("Cross-Origin-Resource-Policy")!
    static let xPermittedCrossDomainPolicies = HTTPField.Name("X-Permitted-Cross-Domain-Policies")!
}
