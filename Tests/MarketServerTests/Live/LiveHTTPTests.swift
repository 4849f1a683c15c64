import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The same server over real sockets (Hummingbird's live test framework).
@Suite("Live HTTP")
struct LiveHTTPTests {
    @Test("register, log in and read the profile over TCP", arguments: TestDatabase.enabled)
    func liveFlow(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { _, client in
            #expect(client.port != nil)
            let registered = try await client.register("live@example.com")
            let session = try await client.login("LIVE@example.com")
            let me = try await client.request(.get, "/api/v1/users/me", token: session.accessToken)
            #expect(me.status == .ok)
            #expect(try me.decode(UserDTO.self).id == registered.user.id)
            #expect(me.headers[.init("X-Request-Id")!]?.hasPrefix("req_") == true)
            let missing = try await client.request(.get, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(try missing.errorBody.code == "not_found")
        }
    }

    @Test("parallel clients on one server all get answers", arguments: TestDatabase.enabled)
    func parallel(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { _, client in
            let session = try await client.register("many@example.com")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<32 {
                    group.addTask {
                        i.isMultiple(of: 4)
                            ? try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "many@example.com", password: "correct horse battery")).status
                            : try await client.request(.get, "/api/v1/users/me", token: session.accessToken).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.count == 32 && statuses.allSatisfy { $0 == .ok })
        }
    }
}
