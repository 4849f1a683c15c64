import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// HTTP details past the happy path: HEAD, WWW-Authenticate, Vary, bounded metric labels, bans.
@Suite("Protocol details")
struct ProtocolDetailsTests {
    @Test("HEAD is answered wherever GET is, without a body")
    func head() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.head, "/healthz")
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
            let wrong = try await client.request(.delete, "/healthz")
            #expect(wrong.status == .methodNotAllowed)
            #expect(wrong.header("Allow") == "GET, HEAD")
        }
    }

    @Test("401s name the Bearer scheme, and the token error when a token was sent")
    func wwwAuthenticate() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let none = try await client.request(.get, "/api/v1/users/me")
            #expect(none.header("WWW-Authenticate") == #"Bearer realm="marketmate""#)
            let bad = try await client.request(.get, "/api/v1/users/me", token: "a.b.c")
            #expect(bad.header("WWW-Authenticate") == #"Bearer realm="marketmate", error="invalid_token""#)
            let login = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "x@example.com", password: "nope nope"))
            #expect(login.status == .unauthorized)
            #expect(login.header("WWW-Authenticate") != nil)
        }
    }

    @Test("with CORS configured, every response varies on Origin")
    func varyOrigin() async throws {
        try await TestApp.run(.sqlite, configure: { $0.corsOrigins = ["https://shop.example"] }) { _, client in
            let plain = try await client.request(.get, "/api/v1/openapi.json")
            #expect(plain.header("Vary")?.contains("Origin") == true)
            #expect(plain.header("Access-Control-Allow-Origin") == nil)
            let other = try await client.request(.get, "/healthz", headers: .named(["Origin": "https://evil.example"]))
            #expect(other.header("Vary")?.contains("Origin") == true)
            #expect(other.header("Access-Control-Allow-Origin") == nil)
        }
    }

    @Test("made-up methods share one metrics label")
    func boundedMethodLabels() async throws {
        try await TestApp.run(.sqlite) { app, client in
            for i in 0..<5 {
                _ = try await client.request(HTTPRequest.Method("X-RANDOM-\(i)")!, "/healthz")
            }
            let text = app.environment.metrics.exposition()
            #expect(!text.contains("X-RANDOM"))
            #expect(text.contains(#"method="OTHER""#))
        }
    }

    @Test("a banned user's tokens stop working at once, with 403 user_banned", arguments: TestDatabase.enabled)
    func banned(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let session = try await client.register("banned@example.com")
            #expect(try await client.request(.get, "/api/v1/users/me", token: session.accessToken).status == .ok)
            try await UserModel.query(on: app.environment.database)
                .filter(\.$id == session.user.id.rawValue)
                .set(\.$status, to: UserModel.Status.banned.rawValue)
                .update()
            app.auth.principals.invalidate(session.user.id.rawValue)  // what the ban endpoint will do
            for response in [
                try await client.request(.get, "/api/v1/users/me", token: session.accessToken),
                try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: session.refreshToken)),
                try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "banned@example.com", password: "correct horse battery")),
            ] {
                #expect(response.status == .forbidden)
                #expect(try response.errorBody.code == "user_banned")
            }
        }
    }
}
