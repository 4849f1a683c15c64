import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// Headers every response carries: the security set, the request id, and CORS for the
/// configured origins only.
@Suite("Response headers")
struct HeadersTests {
    static var generatedRequestID: Regex<Substring> { #/^req_[0-9A-HJKMNP-TV-Z]{26}$/# }

    // MARK: Security headers

    @Test("security headers on a JSON response, an error and a 405")
    func securityHeaders() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let ok = try await client.request(.get, "/healthz")
            let notFound = try await client.request(.get, "/nope")
            let wrongMethod = try await client.request(.delete, "/api/v1/auth/login")
            let badBody = try await client.request(.post, "/api/v1/auth/login", raw: "{")
            let unauthorized = try await client.request(.get, "/api/v1/users/me")
            #expect(ok.status == .ok)
            #expect(notFound.status == .notFound)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(badBody.status == .badRequest)
            #expect(unauthorized.status == .unauthorized)
            for response in [ok, notFound, wrongMethod, badBody, unauthorized] {
                let status = response.status.code
                #expect(response.header("X-Content-Type-Options") == "nosniff", "\(status)")
                #expect(response.header("X-Frame-Options") == "DENY", "\(status)")
                #expect(response.header("Referrer-Policy") == "no-referrer", "\(status)")
                #expect(response.header("Content-Security-Policy") == "default-src 'none'; frame-ancestors 'none'", "\(status)")
                #expect(response.header("Strict-Transport-Security") == nil, "\(status)")
                #expect(response.header("Content-Type") == "application/json; charset=utf-8", "\(status)")
            }
        }
    }

    @Test("the HTML reference has a strict Content-Security-Policy")
    func docsCSP() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/api/v1/docs")
            #expect(response.status == .ok)
            #expect(response.header("Content-Type") == "text/html; charset=utf-8")
            let csp = try #require(response.header("Content-Security-Policy"))
            #expect(csp.hasPrefix("default-src 'none'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("script-src"), "the reference page runs no scripts")
            #expect(!csp.contains("unsafe-eval"))
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("X-Frame-Options") == "DENY")
            // Self-contained: nothing the CSP would block is referenced.
            let html = response.text
            #expect(html.hasPrefix("<!doctype html>"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("src=\"http"))
            #expect(html.contains("/api/v1/auth/register"))
        }
    }

    @Test("no HSTS by default; HSTS when the public URL is https")
    func hsts() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/healthz")
            #expect(response.header("Strict-Transport-Security") == nil)
        }
        try await TestApp.run(.sqlite, configure: { $0.publicURL = "http://market.example" }) { _, client in
            let response = try await client.request(.get, "/healthz")
            #expect(response.header("Strict-Transport-Security") == nil)
        }
        try await TestApp.run(.sqlite, configure: { $0.publicURL = "https://market.example" }) { _, client in
            for path in ["/healthz", "/nope", "/api/v1/docs"] {
                let response = try await client.request(.get, path)
                #expect(response.header("Strict-Transport-Security") == "max-age=31536000; includeSubDomains", "\(path)")
            }
        }
    }

    @Test("X-Forwarded-Proto from an untrusted peer does not turn on HSTS")
    func forwardedProtoUntrusted() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/healthz", headers: .named(["X-Forwarded-Proto": "https"]))
            #expect(response.header("Strict-Transport-Security") == nil)
        }
    }

    // MARK: Request id

    @Test("a request id is generated when the client sends none, fresh per request")
    func generatedRequestID() async throws {
        try await TestApp.run(.sqlite) { _, client in
            var seen: Set<String> = []
            for path in ["/healthz", "/healthz", "/nope", "/api/v1/users/me"] {
                let id = try #require(try await client.request(.get, path).header("X-Request-Id"))
                #expect(id.wholeMatch(of: Self.generatedRequestID) != nil, "\(id)")
                seen.insert(id)
            }
            #expect(seen.count == 4)
        }
    }

    @Test("a sane client request id is echoed", arguments: ["abc-123", "A", "trace_01:span.02", String(repeating: "x", count: 128)])
    func echoedRequestID(id: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            let ok = try await client.request(.get, "/healthz", headers: .named(["X-Request-Id": id]))
            #expect(ok.header("X-Request-Id") == id)
            let error = try await client.request(.get, "/nope", headers: .named(["X-Request-Id": id]))
            #expect(error.header("X-Request-Id") == id)
            #expect(try error.errorBody.requestId == id)
        }
    }

    @Test(
        "a hostile client request id is replaced",
        arguments: [
            String(repeating: "a", count: 300),
            String(repeating: "b", count: 129),
            "has spaces in it",
            #"quo"te"#,
            "it's",
            "<script>",
            "a\tb",
            "ünïcode",
            "semi;colon",
            "",
        ])
    func replacedRequestID(id: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/nope", headers: .named(["X-Request-Id": id]))
            let echoed = try #require(response.header("X-Request-Id"))
            #expect(echoed != id)
            #expect(echoed.wholeMatch(of: Self.generatedRequestID) != nil, "\(echoed)")
            #expect(try response.errorBody.requestId == echoed)
        }
    }

    // MARK: CORS

    static let shop = "https://shop.example"

    @Test("CORS: an allowed origin gets Access-Control-Allow-Origin on success and on errors")
    func corsAllowedOrigin() async throws {
        try await TestApp.run(.sqlite, configure: { $0.corsOrigins = [Self.shop] }) { _, client in
            for path in ["/healthz", "/nope", "/api/v1/users/me"] {
                let response = try await client.request(.get, path, headers: .named(["Origin": Self.shop]))
                #expect(response.header("Access-Control-Allow-Origin") == Self.shop, "\(path)")
                #expect(response.headers[values: .vary].contains("Origin"), "\(path)")
                let exposed = try #require(response.header("Access-Control-Expose-Headers"), "\(path)")
                #expect(exposed.contains("X-Request-Id"), "\(path)")
                #expect(response.header("Access-Control-Allow-Credentials") == nil, "\(path)")
            }
        }
    }

    @Test("CORS: a preflight from an allowed origin is 204 with the allowed methods and headers")
    func corsPreflight() async throws {
        try await TestApp.run(.sqlite, configure: { $0.corsOrigins = [Self.shop] }) { _, client in
            let response = try await client.request(.options, "/api/v1/auth/login", headers: .named([
                "Origin": Self.shop,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type, authorization",
            ]))
            #expect(response.status == .noContent)
            #expect(response.header("Access-Control-Allow-Origin") == Self.shop)
            let methods = try #require(response.header("Access-Control-Allow-Methods"))
            let methodSet = Set(methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(methodSet.isSuperset(of: ["GET", "POST", "PATCH", "DELETE"]))
            let headers = try #require(response.header("Access-Control-Allow-Headers")).lowercased()
            #expect(headers.contains("authorization"))
            #expect(headers.contains("content-type"))
            #expect(response.header("Access-Control-Max-Age") == "600")
            #expect(response.header("X-Request-Id") != nil)
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test("CORS: other origins get no CORS headers, also on a preflight")
    func corsDisallowedOrigin() async throws {
        try await TestApp.run(.sqlite, configure: { $0.corsOrigins = [Self.shop] }) { _, client in
            for origin in ["https://evil.example", "http://shop.example", "https://shop.example.evil.example", "https://SHOP.example", "null"] {
                let simple = try await client.request(.get, "/healthz", headers: .named(["Origin": origin]))
                #expect(simple.status == .ok)
                #expect(simple.header("Access-Control-Allow-Origin") == nil, "\(origin)")
                #expect(simple.header("Access-Control-Expose-Headers") == nil, "\(origin)")

                let preflight = try await client.request(.options, "/api/v1/auth/login", headers: .named([
                    "Origin": origin, "Access-Control-Request-Method": "POST",
                ]))
                #expect(preflight.status != .noContent, "\(origin)")
                #expect(preflight.status.code < 500, "\(origin)")
                #expect(preflight.header("Access-Control-Allow-Origin") == nil, "\(origin)")
                #expect(preflight.header("Access-Control-Allow-Methods") == nil, "\(origin)")
            }
        }
    }

    @Test("CORS: with no configured origins nobody gets CORS headers")
    func corsOff() async throws {
        try await TestApp.run(.sqlite) { _, client in
            for origin in [Self.shop, "http://localhost:3000", "null"] {
                let simple = try await client.request(.get, "/healthz", headers: .named(["Origin": origin]))
                #expect(simple.header("Access-Control-Allow-Origin") == nil, "\(origin)")
                let preflight = try await client.request(.options, "/api/v1/auth/login", headers: .named([
                    "Origin": origin, "Access-Control-Request-Method": "POST",
                ]))
                #expect(preflight.status != .noContent, "\(origin)")
                #expect(preflight.header("Access-Control-Allow-Origin") == nil, "\(origin)")
                #expect(preflight.header("Access-Control-Allow-Methods") == nil, "\(origin)")
            }
        }
    }
}
