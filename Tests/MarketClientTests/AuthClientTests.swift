import Foundation
import MarketClient
import MarketModels
import Testing

/// Sign-in, registration, the session file and sign-out against a real server.
@Suite("Auth client", .liveServer())
struct AuthClientTests {
    @Test("login stores the session in a 0600 file inside a 0700 directory")
    func loginPersists() async throws {
        let test = try TestClient()
        let user = try await test.client.login(email: Demo.buyer, password: Demo.password)
        #expect(user.email == Demo.buyer && user.role == .buyer)

        let attributes = try FileManager.default.attributesOfItem(atPath: test.store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: test.store.directory)
        #expect((directory[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // The temporary file of the atomic write is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: test.store.directory) == ["session.json"])

        let saved = try #require(test.store.load())
        #expect(saved.user.id == user.id)
        #expect(saved.expiresAt > Date().addingTimeInterval(60))
        #expect(!String(describing: saved).contains(saved.accessToken))
    }

    @Test("a new client restores the session from the store and uses it")
    func restore() async throws {
        let first = try await TestClient.signedIn(Demo.vendor)
        let second = try TestClient(store: first.store)
        let restored = try #require(await second.client.session())
        #expect(restored.user.email == Demo.vendor)
        let me = try await second.client.me()
        #expect(me.email == Demo.vendor && me.role == .vendor)
        #expect(second.wire.count("POST", "/api/v1/auth/login") == 0)
    }

    @Test("a wrong password reads as a sentence, the same as an unknown email")
    func wrongPassword() async throws {
        let test = try TestClient()
        for (email, password) in [(Demo.otherBuyer, "not-the-password"), ("nobody@demo.marketmate.test", Demo.password)] {
            let error = await #expect(throws: ClientError.self) { try await test.client.login(email: email, password: password) }
            #expect(error?.code == .invalidCredentials)
            #expect(error?.userMessage == "That email and password don't match an account.")
            #expect(error?.requestId?.hasPrefix("req_") == true)
        }
        #expect(await test.client.session() == nil)
        #expect(test.store.load() == nil)
    }

    @Test("register signs in; invalid fields come back per field; a taken email says so")
    func register() async throws {
        let test = try TestClient()
        let email = "new-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let user = try await test.client.register(RegisterRequest(email: email, password: "long enough password", name: "Nia New", role: .vendor))
        #expect(user.role == .vendor && user.name == "Nia New")
        #expect(await test.client.currentUser?.id == user.id)
        #expect(test.store.load()?.user.id == user.id)

        let invalid = await #expect(throws: ClientError.self) {
            try await TestClient().client.register(RegisterRequest(email: "not-an-email", password: "short", name: " ", role: .admin))
        }
        #expect(invalid?.code == .validationFailed)
        let fields = invalid?.fieldErrors ?? [:]
        #expect(Set(fields.keys) == ["email", "password", "name", "role"])
        #expect(fields.values.allSatisfy { !$0.isEmpty && !$0.contains("short\"") })
        #expect(invalid?.userMessage == "Please correct the highlighted fields and try again.")

        let taken = await #expect(throws: ClientError.self) {
            try await TestClient().client.register(RegisterRequest(email: email, password: "long enough password", name: "Again"))
        }
        #expect(taken?.code == .emailTaken)
        #expect(taken?.userMessage.contains("already exists") == true)
    }

    @Test("profile edits go to the server and into the stored session")
    func updateMe() async throws {
        let test = try TestClient()
        let email = "profile-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        try await test.client.register(RegisterRequest(email: email, password: "long enough password", name: "Before"))
        let updated = try await test.client.updateMe(UpdateUserRequest(name: "After", locale: "en-GB"))
        #expect(updated.name == "After" && updated.locale == "en-GB")
        #expect(test.store.load()?.user.name == "After")
    }

    @Test("logout forgets the session here and ends it on the server")
    func logout() async throws {
        let test = try await TestClient.signedIn(Demo.otherBuyer)
        let session = try #require(await test.client.session())
        try await test.client.logout()
        #expect(await test.client.session() == nil)
        #expect(!FileManager.default.fileExists(atPath: test.store.path))

        // The old refresh token is dead: a client holding a copy finds its session over.
        let copy = TestClient.storeCopy(of: session)
        let stale = try TestClient(store: copy)
        await #expect(throws: ClientError.sessionExpired) { try await stale.client.refreshSession() }
        #expect(copy.load() == nil)
        let error = await #expect(throws: ClientError.self) { try await stale.client.me() }
        #expect(error == .notSignedIn)
        #expect(error?.userMessage == "Please sign in to continue.")
    }

    @Test("logout-all ends every device's session")
    func logoutAll() async throws {
        // Its own account: other tests of the suite run beside this one.
        let laptop = try TestClient()
        let email = "devices-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        try await laptop.client.register(RegisterRequest(email: email, password: "long enough password", name: "Two Devices"))
        let phone = try await TestClient.signedIn(email, password: "long enough password")
        try await laptop.client.logoutAll()
        #expect(await laptop.client.session() == nil)
        let error = await #expect(throws: ClientError.self) { try await phone.client.me() }
        #expect(error == .sessionExpired)
        #expect(error?.isSessionExpired == true)
        #expect(error?.userMessage == "Your session has ended. Please sign in again.")
        #expect(await phone.client.session() == nil)
        #expect(phone.store.load() == nil)
    }
}

extension TestClient {
    /// A separate session file holding the same session: a copy of the tokens elsewhere.
    static func storeCopy(of session: Session) -> TokenStore {
        let store = TokenStore(path: temporaryDirectory() + "/session.json")
        try? store.save(session)
        return store
    }
}
