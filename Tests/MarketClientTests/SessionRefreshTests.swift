import Foundation
import MarketClient
import MarketModels
import MarketServer
import Testing

/// Token expiry and refresh. The server runs on a manual clock so an access token can
/// expire on the server's terms; the suite is serialized because that clock is shared.
@Suite("Session refresh", .serialized, .liveServer(seedDemo: false, clock: ManualClock(Date())))
struct SessionRefreshTests {
    /// A fresh account per test, signed in on a client whose clock the test controls.
    static func signedIn(now: @escaping @Sendable () -> Date = { Date() }) async throws -> (TestClient, String) {
        let test = try TestClient(now: now)
        let email = "refresh-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        try await test.client.register(RegisterRequest(email: email, password: "long enough password", name: "Ren Refresh"))
        return (test, email)
    }

    @Test("an access token the server calls expired is refreshed once for ten concurrent requests")
    func serverSideExpiry() async throws {
        let (test, email) = try await Self.signedIn()
        let before = try #require(await test.client.session())
        // Sixteen minutes later on the server; the client still believes its token is good.
        try #require(try LiveServer.current.clock).advance(by: 16 * 60)

        let users = try await withThrowingTaskGroup(of: UserDTO.self) { group in
            for _ in 0..<10 { group.addTask { try await test.client.me() } }
            return try await group.reduce(into: [UserDTO]()) { $0.append($1) }
        }
        #expect(users.count == 10 && users.allSatisfy { $0.email == email })
        #expect(test.wire.count("POST", "/api/v1/auth/refresh") == 1)
        #expect(await test.client.refreshCount == 1)
        let rejected = test.wire.exchanges.filter { $0.path == "/api/v1/users/me" && $0.status == 401 }
        #expect(rejected.count >= 1 && rejected.count <= 10)
        #expect(test.wire.exchanges.filter { $0.path == "/api/v1/users/me" && $0.status == 200 }.count == 10)

        let after = try #require(test.store.load())
        #expect(after.accessToken != before.accessToken && after.refreshToken != before.refreshToken)
    }

    @Test("a token near expiry by the client's clock is refreshed before use, once for ten requests")
    func clientSideExpiry() async throws {
        let clock = ManualClock(Date())
        let (test, _) = try await Self.signedIn(now: { clock.now() })
        clock.advance(by: 15 * 60 - 10)  // inside the refresh leeway

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await test.client.me() } }
            try await group.waitForAll()
        }
        #expect(test.wire.count("POST", "/api/v1/auth/refresh") == 1)
        // Refreshed first, so the server never saw the old token fail.
        #expect(test.wire.exchanges.allSatisfy { $0.status != 401 })
        #expect(try #require(await test.client.session()).expiresAt > clock.now().addingTimeInterval(60))
    }

    @Test("a garbage access token is replaced through the refresh token")
    func invalidAccessToken() async throws {
        let (first, _) = try await Self.signedIn()
        var session = try #require(await first.client.session())
        session.accessToken = "not.a.jwt"
        let store = TestClient.storeCopy(of: session)
        let test = try TestClient(store: store)
        _ = try await test.client.me()
        #expect(test.wire.exchanges.map(\.status) == [401, 200, 200])
        #expect(store.load()?.accessToken != "not.a.jwt")
    }

    @Test("a refresh token used twice ends the session for everyone holding it")
    func refreshReuse() async throws {
        let (original, _) = try await Self.signedIn()
        let session = try #require(await original.client.session())
        // Someone copied the session file and refreshes first: the original's token is spent.
        let thief = try TestClient(store: TestClient.storeCopy(of: session))
        try await thief.client.refreshSession()

        let error = await #expect(throws: ClientError.self) { try await original.client.refreshSession() }
        #expect(error == .sessionExpired)
        #expect(await original.client.session() == nil)
        #expect(original.store.load() == nil)
        // Reuse revoked the whole family, the thief's new tokens included.
        await #expect(throws: ClientError.sessionExpired) { try await thief.client.refreshSession() }
    }

    @Test("two apps sharing one session file never present a spent refresh token")
    func sharedStore() async throws {
        let (buyerApp, email) = try await Self.signedIn()
        let adminApp = try TestClient(store: buyerApp.store)
        #expect(try await adminApp.client.me().email == email)  // both now hold the session in memory

        let original = try #require(await adminApp.client.session()).refreshToken
        let rotated = try await buyerApp.client.refreshSession().refreshToken
        // The other app's refresh starts from the rotated token in the file, not the spent
        // one in its memory (which would make the server end the session everywhere).
        try await adminApp.client.refreshSession()
        let sent = try #require(adminApp.wire.exchanges.last { $0.path == "/api/v1/auth/refresh" }?.request.body)
        let presented = try MarketJSON.decode(RefreshRequest.self, from: sent).refreshToken
        #expect(presented == rotated && presented != original)
        #expect(try await adminApp.client.me().email == email)
        #expect(try await buyerApp.client.me().email == email)
    }

    @Test("a public page still loads when the session has ended")
    func optionalAuthFallsBack() async throws {
        let (test, _) = try await Self.signedIn()
        var session = try #require(await test.client.session())
        session.accessToken = "not.a.jwt"
        session.refreshToken = "rt_revoked"
        let stale = try TestClient(store: TestClient.storeCopy(of: session))
        let page = try await stale.client.shops()
        #expect(page.items.isEmpty)
        #expect(await stale.client.session() == nil)
    }
}
