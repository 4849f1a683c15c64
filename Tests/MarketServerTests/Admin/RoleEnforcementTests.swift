import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

@Suite("Roles")
struct RoleEnforcementTests {
    @Test("only admins list users; buyers and vendors get 403, strangers 401", arguments: TestDatabase.enabled)
    func adminOnly(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let buyer = try await client.register("buyer@example.com")
            let vendor = try await client.register("vendor@example.com", role: .vendor)
            _ = try await app.auth.provisionUser(email: "root@example.com", password: "admin password", name: "Root", role: .admin)
            let admin = try await client.login("root@example.com", password: "admin password")
            #expect(admin.user.role == .admin)

            #expect(try await client.request(.get, "/api/v1/admin/users").status == .unauthorized)
            for token in [buyer.accessToken, vendor.accessToken] {
                let denied = try await client.request(.get, "/api/v1/admin/users", token: token)
                #expect(denied.status == .forbidden)
                #expect(try denied.errorBody.code == "forbidden")
            }
            let page = try await client.request(.get, "/api/v1/admin/users?limit=2", token: admin.accessToken)
            #expect(page.status == .ok)
            let first = try page.decode(ListPage<UserDTO>.self)
            #expect(first.items.count == 2)
            let cursor = try #require(first.nextCursor)
            let rest = try await client.request(.get, "/api/v1/admin/users?limit=2&cursor=\(cursor)", token: admin.accessToken).decode(ListPage<UserDTO>.self)
            #expect(rest.items.count == 1)
            #expect(rest.nextCursor == nil)
            #expect(Set((first.items + rest.items).map(\.email)) == ["buyer@example.com", "vendor@example.com", "root@example.com"])

            let vendors = try await client.request(.get, "/api/v1/admin/users?role=vendor", token: admin.accessToken).decode(ListPage<UserDTO>.self)
            #expect(vendors.items.map(\.email) == ["vendor@example.com"])
            #expect(try await client.request(.get, "/api/v1/admin/users?cursor=%%%", token: admin.accessToken).status == .badRequest)
            #expect(try await client.request(.get, "/api/v1/admin/users?limit=abc", token: admin.accessToken).status == .badRequest)
        }
    }

    @Test("a role change takes effect on the next request, and old tokens end", arguments: TestDatabase.enabled)
    func promotion(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let before = try await client.register("promote@example.com")
            _ = try await app.auth.provisionUser(email: "promote@example.com", password: "new admin pass", name: "P", role: .admin)
            // The token minted for a buyer must not carry over into admin powers or stay valid.
            #expect(try await client.request(.get, "/api/v1/users/me", token: before.accessToken).status == .unauthorized)
            let after = try await client.login("promote@example.com", password: "new admin pass")
            #expect(try await client.request(.get, "/api/v1/admin/users", token: after.accessToken).status == .ok)
        }
    }
}
