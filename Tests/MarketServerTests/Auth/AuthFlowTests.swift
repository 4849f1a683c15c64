import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The Auth section of API.md, endpoint by endpoint, on SQLite and PostgreSQL.
@Suite("Auth flows")
struct AuthFlowTests {
    @Test("register returns 201 with a user and a token pair", arguments: TestDatabase.enabled)
    func register(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let auth = try await client.register("Alice@Example.com", name: "  Alice  ", role: .vendor)
            #expect(auth.user.email == "alice@example.com")
            #expect(auth.user.name == "Alice")
            #expect(auth.user.role == .vendor)
            #expect(auth.user.verified == false)
            #expect(auth.expiresIn == 900)
            #expect(auth.refreshToken.hasPrefix("rt_"))
            let me = try await client.request(.get, "/api/v1/users/me", token: auth.accessToken)
            #expect(me.status == .ok)
            #expect(try me.decode(UserDTO.self).id == auth.user.id)
            // A verification mail went to the outbox.
            #expect(try await app.mailedToken(prefix: "ev_") != nil)
        }
    }

    @Test("register defaults to buyer and refuses admin", arguments: TestDatabase.enabled)
    func registerRoles(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            #expect(try await client.register("b@example.com").user.role == .buyer)
            let admin = try await client.request(.post, "/api/v1/auth/register", raw: #"{"email":"x@example.com","password":"long enough pw","name":"X","role":"admin"}"#)
            #expect(admin.status == .badRequest)
            #expect(try admin.errorBody.code == "validation_failed")
            #expect(try admin.errorBody.details.contains { $0.field == "role" })
            let bogus = try await client.request(.post, "/api/v1/auth/register", raw: #"{"email":"y@example.com","password":"long enough pw","name":"Y","role":"superuser"}"#)
            #expect(bogus.status == .badRequest)
            #expect(try bogus.errorBody.details.first?.field == "role")
        }
    }

    @Test("register validates every field and names them", arguments: TestDatabase.enabled)
    func registerValidation(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let response = try await client.request(.post, "/api/v1/auth/register", raw: #"{"email":"not-an-email","password":"short","name":"   "}"#)
            #expect(response.status == .badRequest)
            let error = try response.errorBody
            #expect(error.code == "validation_failed")
            #expect(Set(error.details.compactMap(\.field)) == ["email", "password", "name"])
            #expect(error.requestId == response.headers[HTTPField.Name("X-Request-Id")!])
        }
    }

    @Test("case and Unicode variants of one email are one account", arguments: TestDatabase.enabled)
    func emailVariants(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            _ = try await client.register("josé@example.com")
            for variant in ["JOSÉ@EXAMPLE.COM", "jose\u{301}@example.com", " josé@example.com ", "ｊｏｓé@example.com"] {
                let response = try await client.request(.post, "/api/v1/auth/register", json: RegisterRequest(email: variant, password: "correct horse battery", name: "J", role: nil))
                #expect(response.status == .conflict, "\(variant)")
                #expect(try response.errorBody.code == "email_taken")
                // ...and each logs in to the same account.
                #expect(try await client.login(variant).user.email == "josé@example.com")
            }
        }
    }

    @Test("ten concurrent registrations of one email make exactly one account", arguments: TestDatabase.enabled)
    func concurrentRegistrations(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<10 {
                    group.addTask {
                        let email = i.isMultiple(of: 2) ? "race@example.com" : "RACE@example.com"
                        return try await client.request(.post, "/api/v1/auth/register", json: RegisterRequest(email: email, password: "correct horse battery", name: "R\(i)", role: nil)).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 9)
        }
    }

    @Test("login: wrong password and unknown email get the same 401", arguments: TestDatabase.enabled)
    func loginFailures(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            _ = try await client.register("known@example.com")
            let wrong = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "known@example.com", password: "wrong password!"))
            let unknown = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "nobody@example.com", password: "wrong password!"))
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            let a = try wrong.errorBody, b = try unknown.errorBody
            #expect(a.code == "invalid_credentials")
            #expect(a.code == b.code && a.message == b.message && a.details == b.details)
        }
    }

    @Test("passwords are compared in full, also past bcrypt's 72 bytes", arguments: TestDatabase.enabled)
    func longPasswords(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let long = String(repeating: "p", count: 80) + "-tail-A"
            _ = try await client.register("long@example.com", password: long)
            #expect(try await client.login("long@example.com", password: long).user.email == "long@example.com")
            let sameFirst72 = String(repeating: "p", count: 80) + "-tail-B"
            let response = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "long@example.com", password: sameFirst72))
            #expect(response.status == .unauthorized)
            let tooLong = try await client.request(.post, "/api/v1/auth/register", json: RegisterRequest(email: "huge@example.com", password: String(repeating: "x", count: 1025), name: "H", role: nil))
            #expect(tooLong.status == .badRequest)
            #expect(try tooLong.errorBody.details.first?.field == "password")
        }
    }

    @Test("refresh rotates; a spent token revokes its whole family", arguments: TestDatabase.enabled)
    func refreshRotation(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let first = try await client.register("rot@example.com")
            let second = try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: first.refreshToken))
            #expect(second.status == .ok)
            let pair2 = try second.decode(AuthResponse.self)
            #expect(pair2.refreshToken != first.refreshToken)
            let third = try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: pair2.refreshToken))
            #expect(third.status == .ok)
            let pair3 = try third.decode(AuthResponse.self)

            // The first token comes back: stolen. It fails, and so does the newest of its family.
            let reuse = try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: first.refreshToken))
            #expect(reuse.status == .unauthorized)
            #expect(try reuse.errorBody.code == "invalid_token")
            let afterReuse = try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: pair3.refreshToken))
            #expect(afterReuse.status == .unauthorized)

            // Another login (another family) is untouched.
            let other = try await client.login("rot@example.com")
            #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: other.refreshToken)).status == .ok)
        }
    }

    @Test("two concurrent refreshes with one token: at most one succeeds", arguments: TestDatabase.enabled)
    func concurrentRefresh(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let pair = try await client.register("twin@example.com")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<2 {
                    group.addTask { try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: pair.refreshToken)).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count <= 1)
            #expect(statuses.filter { $0 == .unauthorized }.count >= 1)
        }
    }

    @Test("refresh tokens expire", arguments: TestDatabase.enabled)
    func refreshExpiry(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let pair = try await client.register("old@example.com")
            app.clock.advance(by: 31 * 24 * 3600)
            let response = try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: pair.refreshToken))
            #expect(response.status == .unauthorized)
            #expect(try response.errorBody.code == "token_expired")
            let garbage = try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: "rt_nonsense"))
            #expect(garbage.status == .unauthorized)
        }
    }

    @Test("logout ends that session only; unknown tokens are fine", arguments: TestDatabase.enabled)
    func logout(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let a = try await client.register("out@example.com")
            let b = try await client.login("out@example.com")
            #expect(try await client.request(.post, "/api/v1/auth/logout", json: LogoutRequest(refreshToken: a.refreshToken)).status == .noContent)
            #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: a.refreshToken)).status == .unauthorized)
            #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: b.refreshToken)).status == .ok)
            #expect(try await client.request(.post, "/api/v1/auth/logout", json: LogoutRequest(refreshToken: "rt_unknown")).status == .noContent)
        }
    }

    @Test("logout-all: every refresh and access token stops at once", arguments: TestDatabase.enabled)
    func logoutAll(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let a = try await client.register("all@example.com")
            let b = try await client.login("all@example.com")
            #expect(try await client.request(.get, "/api/v1/users/me", token: b.accessToken).status == .ok)
            #expect(try await client.request(.post, "/api/v1/auth/logout-all", token: a.accessToken).status == .noContent)
            for token in [a.accessToken, b.accessToken] {
                let me = try await client.request(.get, "/api/v1/users/me", token: token)
                #expect(me.status == .unauthorized)
                #expect(try me.errorBody.code == "invalid_token")
            }
            for refresh in [a.refreshToken, b.refreshToken] {
                #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: refresh)).status == .unauthorized)
            }
            // A new login works and its token is good.
            let fresh = try await client.login("all@example.com")
            #expect(try await client.request(.get, "/api/v1/users/me", token: fresh.accessToken).status == .ok)
            #expect(try await client.request(.post, "/api/v1/auth/logout-all").status == .unauthorized)
        }
    }

    @Test("forgot/reset password: 202 always, single use, 20 minutes, sessions end", arguments: TestDatabase.enabled)
    func passwordReset(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let session = try await client.register("reset@example.com", password: "old password 1")
            let mailsBefore = try await app.outbox().count
            #expect(try await client.request(.post, "/api/v1/auth/forgot-password", json: ForgotPasswordRequest(email: "nobody@example.com")).status == .accepted)
            #expect(try await app.outbox().count == mailsBefore)  // nothing sent, nothing said
            #expect(try await client.request(.post, "/api/v1/auth/forgot-password", json: ForgotPasswordRequest(email: "RESET@example.com")).status == .accepted)
            let token = try #require(try await app.mailedToken(prefix: "pr_"))

            let weak = try await client.request(.post, "/api/v1/auth/reset-password", json: ResetPasswordRequest(token: token, password: "short"))
            #expect(weak.status == .badRequest)
            #expect(try await client.request(.post, "/api/v1/auth/reset-password", json: ResetPasswordRequest(token: token, password: "new password 2")).status == .noContent)
            // Single use.
            let again = try await client.request(.post, "/api/v1/auth/reset-password", json: ResetPasswordRequest(token: token, password: "new password 3"))
            #expect(again.status == .badRequest)
            #expect(try again.errorBody.details.first?.field == "token")
            // Old sessions ended; the new password works, the old one does not.
            #expect(try await client.request(.get, "/api/v1/users/me", token: session.accessToken).status == .unauthorized)
            #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: session.refreshToken)).status == .unauthorized)
            _ = try await client.login("reset@example.com", password: "new password 2")
            #expect(try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "reset@example.com", password: "old password 1")).status == .unauthorized)

            // A second code expires after 20 minutes.
            _ = try await client.request(.post, "/api/v1/auth/forgot-password", json: ForgotPasswordRequest(email: "reset@example.com"))
            let late = try #require(try await app.mailedToken(prefix: "pr_"))
            #expect(late != token)
            app.clock.advance(by: 20 * 60 + 1)
            #expect(try await client.request(.post, "/api/v1/auth/reset-password", json: ResetPasswordRequest(token: late, password: "new password 4")).status == .badRequest)
        }
    }

    @Test("verify-email marks the account verified, once", arguments: TestDatabase.enabled)
    func verifyEmail(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let session = try await client.register("verify@example.com")
            let token = try #require(try await app.mailedToken(prefix: "ev_"))
            #expect(try await client.request(.post, "/api/v1/auth/verify-email", json: VerifyEmailRequest(token: "ev_wrong")).status == .badRequest)
            #expect(try await client.request(.post, "/api/v1/auth/verify-email", json: VerifyEmailRequest(token: token)).status == .noContent)
            let me = try await client.request(.get, "/api/v1/users/me", token: session.accessToken)
            #expect(try me.decode(UserDTO.self).verified == true)
            #expect(try await client.request(.post, "/api/v1/auth/verify-email", json: VerifyEmailRequest(token: token)).status == .badRequest)
        }
    }

    @Test("PATCH /users/me changes name and locale, never role or email", arguments: TestDatabase.enabled)
    func patchMe(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let session = try await client.register("me@example.com")
            let ok = try await client.request(.patch, "/api/v1/users/me", json: UpdateUserRequest(name: "New Name", locale: "de-CH"), token: session.accessToken)
            #expect(ok.status == .ok)
            let user = try ok.decode(UserDTO.self)
            #expect(user.name == "New Name" && user.locale == "de-CH")
            #expect(try await client.request(.get, "/api/v1/users/me", token: session.accessToken).decode(UserDTO.self).name == "New Name")

            let escalate = try await client.request(.patch, "/api/v1/users/me", raw: #"{"role":"admin"}"#, token: session.accessToken)
            #expect(escalate.status == .badRequest)
            #expect(try escalate.errorBody.details.first?.field == "role")
            let badLocale = try await client.request(.patch, "/api/v1/users/me", raw: #"{"locale":"'; DROP TABLE users;--"}"#, token: session.accessToken)
            #expect(badLocale.status == .badRequest)
            #expect(try await client.request(.get, "/api/v1/users/me", token: session.accessToken).decode(UserDTO.self).role == .buyer)
        }
    }

    @Test("failed logins are throttled per account with growing delays", arguments: [TestDatabase.sqlite])
    func throttling(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            _ = try await client.register("slow@example.com")
            for _ in 0..<5 {
                #expect(try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "slow@example.com", password: "guess guess")).status == .unauthorized)
            }
            // The sixth failure starts the waits: 1 s, then 2 s, ...
            _ = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "slow@example.com", password: "guess guess"))
            let blocked = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "slow@example.com", password: "correct horse battery"))
            #expect(blocked.status == .tooManyRequests)
            #expect(try blocked.errorBody.code == "too_many_attempts")
            #expect(blocked.headers[.retryAfter] == "1")
            // The same answer for an account that does not exist.
            for _ in 0..<6 { _ = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "ghost@example.com", password: "guess guess")) }
            #expect(try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "ghost@example.com", password: "x")).status == .tooManyRequests)

            app.clock.advance(by: 1.5)
            _ = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "slow@example.com", password: "guess again"))
            let longer = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "slow@example.com", password: "correct horse battery"))
            #expect(longer.headers[.retryAfter] == "2")
            app.clock.advance(by: 2.5)
            #expect(try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "slow@example.com", password: "correct horse battery")).status == .ok)
        }
    }
}
