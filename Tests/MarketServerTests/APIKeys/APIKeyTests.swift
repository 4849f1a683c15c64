import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

@Suite("API keys")
struct APIKeyTests {
    static func create(_ client: some TestClientProtocol, token: String, name: String = "script", scopes: [APIKeyScope]? = nil) async throws -> CreatedAPIKey {
        let response = try await client.request(.post, "/api/v1/api-keys", json: CreateAPIKeyRequest(name: name, scopes: scopes), token: token)
        guard response.status == .created else { throw ResponseError(response) }
        return try response.decode(CreatedAPIKey.self)
    }

    static func withKey(_ key: String) -> HTTPFields { [.apiKey: key] }

    @Test("a key is shown once, stored only as a hash, listed without it, and authenticates as its owner", arguments: TestDatabase.enabled)
    func lifecycle(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let session = try await client.register("owner@example.com")
            let created = try await Self.create(client, token: session.accessToken, name: "  CI bot  ")
            #expect(created.key.range(of: "^mm_[A-Za-z0-9_-]{43}$", options: .regularExpression) != nil)
            #expect(created.id.rawValue.hasPrefix("key_"))

            let row = try #require(try await APIKeyModel.find(created.id.rawValue, on: app.environment.database))
            #expect(row.keyHash == SecureToken.digest(created.key))
            #expect(row.keyHash != created.key && !row.keyHash.contains(created.key))

            let me = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(created.key))
            #expect(me.status == .ok)
            #expect(try me.decode(UserDTO.self).id == session.user.id)

            let listed = try await client.request(.get, "/api/v1/api-keys", token: session.accessToken)
            #expect(listed.status == .ok)
            #expect(!listed.text.contains(created.key))
            let keys = try listed.decode(ListPage<APIKeyDTO>.self).items
            #expect(keys.count == 1)
            #expect(keys.first?.name == "CI bot")
            #expect(keys.first?.prefix == String(created.key.prefix(9)))
            #expect(keys.first?.scopes == [])
            #expect(keys.first?.lastUsedAt != nil)
            #expect(keys.first?.revokedAt == nil)

            // Another user neither sees nor revokes it.
            let other = try await client.register("other@example.com")
            #expect(try await client.request(.get, "/api/v1/api-keys", token: other.accessToken).decode(ListPage<APIKeyDTO>.self).items.isEmpty)
            #expect(try await client.request(.delete, "/api/v1/api-keys/\(created.id)", token: other.accessToken).status == .notFound)
        }
    }

    @Test("revocation takes effect on the very next request", arguments: TestDatabase.enabled)
    func revoke(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let session = try await client.register("owner@example.com")
            let created = try await Self.create(client, token: session.accessToken)
            #expect(try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(created.key)).status == .ok)
            // A key may revoke itself (it is unscoped).
            #expect(try await client.request(.delete, "/api/v1/api-keys/\(created.id)", headers: Self.withKey(created.key)).status == .noContent)
            let after = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(created.key))
            #expect(after.status == .unauthorized)
            #expect(try after.errorBody.code == "invalid_token")
            #expect(try await client.request(.delete, "/api/v1/api-keys/\(created.id)", token: session.accessToken).status == .noContent)
            let keys = try await client.request(.get, "/api/v1/api-keys", token: session.accessToken).decode(ListPage<APIKeyDTO>.self).items
            #expect(keys.first?.revokedAt != nil)
        }
    }

    @Test("unknown and malformed keys are 401; a key works on public routes too", arguments: TestDatabase.enabled)
    func invalidKeys(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            for key in ["mm_" + String(repeating: "A", count: 43), "nope", String(repeating: "x", count: 5000)] {
                let response = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(key))
                #expect(response.status == .unauthorized)
                #expect(try response.errorBody.code == "invalid_token")
                // On an optionally authenticated route a key that was sent must be valid.
                #expect(try await client.request(.get, "/api/v1/products", headers: Self.withKey(key)).status == .unauthorized)
            }
            let session = try await client.register("owner@example.com")
            let created = try await Self.create(client, token: session.accessToken, scopes: [.catalogRead])
            #expect(try await client.request(.get, "/api/v1/products", headers: Self.withKey(created.key)).status == .ok)
        }
    }

    @Test("a scoped key reaches only its scopes, with a 403 that names the missing one", arguments: TestDatabase.enabled)
    func scopes(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let session = try await client.register("owner@example.com")
            let key = try await Self.create(client, token: session.accessToken, scopes: [.cart, .cart])
            #expect(try await client.request(.get, "/api/v1/cart", headers: Self.withKey(key.key)).status == .ok)

            let orders = try await client.request(.get, "/api/v1/orders", headers: Self.withKey(key.key))
            #expect(orders.status == .forbidden)
            #expect(try orders.errorBody.code == "forbidden")
            #expect(try orders.errorBody.message.contains("orders:read"))

            // Account and key management need an unscoped key.
            for (method, path) in [(HTTPRequest.Method.get, "/api/v1/users/me"), (.get, "/api/v1/api-keys"), (.post, "/api/v1/api-keys")] {
                let response = try await client.request(method, path, json: CreateAPIKeyRequest(name: "x"), headers: Self.withKey(key.key))
                #expect(response.status == .forbidden, "\(method) \(path)")
            }
            let listed = try await client.request(.get, "/api/v1/api-keys", token: session.accessToken).decode(ListPage<APIKeyDTO>.self).items
            #expect(listed.first?.scopes == [.cart])

            let unknown = try await client.request(.post, "/api/v1/api-keys", raw: #"{"name":"x","scopes":["everything"]}"#, token: session.accessToken)
            #expect(unknown.status == .badRequest)
            let unnamed = try await client.request(.post, "/api/v1/api-keys", raw: #"{"name":"  "}"#, token: session.accessToken)
            #expect(try unnamed.errorBody.code == "validation_failed")
        }
    }

    @Test("a banned owner's keys stop working at once", arguments: TestDatabase.enabled)
    func banned(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let session = try await client.register("banned@example.com")
            let key = try await Self.create(client, token: session.accessToken)
            #expect(try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(key.key)).status == .ok)
            try await UserModel.query(on: app.environment.database)
                .filter(\.$id == session.user.id.rawValue)
                .set(\.$status, to: UserModel.Status.banned.rawValue)
                .update()
            app.auth.principals.invalidate(session.user.id.rawValue)
            let response = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(key.key))
            #expect(response.status == .forbidden)
            #expect(try response.errorBody.code == "user_banned")
        }
    }

    @Test("last_used_at moves at most once a minute", arguments: TestDatabase.enabled)
    func lastUsed(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let session = try await client.register("owner@example.com")
            let key = try await Self.create(client, token: session.accessToken)
            func lastUsed() async throws -> Date? {
                try await APIKeyModel.find(key.id.rawValue, on: app.environment.database)?.lastUsedAt
            }
            #expect(try await lastUsed() == nil)
            _ = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(key.key))
            let first = try #require(try await lastUsed())
            app.clock.advance(by: 30)
            _ = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(key.key))
            #expect(try await lastUsed() == first)
            app.clock.advance(by: 31)
            _ = try await client.request(.get, "/api/v1/users/me", headers: Self.withKey(key.key))
            #expect(try #require(try await lastUsed()) > first)
        }
    }
}
