import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The Account tab: the profile, and signing out (here, or everywhere) through the
/// palette and a confirmation. Each test signs out its own new buyer.
@Suite("Shell: account", .tuiServer)
struct AccountTests {
    /// Opens the palette, types `query` and runs the best match.
    static func runFromPalette(_ app: AppHarness, _ query: String, expecting title: String) async {
        await app.press(":")
        await app.type(query)
        guard case .palette(let palette) = app.model.overlay else {
            Issue.record("no palette")
            return
        }
        #expect(palette.selectedEntry?.title == title)
        await app.press("enter")
    }

    @Test("shows the name, email and role", arguments: BuyerSizes.standard)
    func profile(width: Int, height: Int) async throws {
        let (client, user) = try await BuyerFixtures.buyer(name: "Ines Buyer")
        let app = try await AppHarness.start(client: client, width: width, height: height)
        await app.press("2")
        let screen = app.snapshot("account-\(width)x\(height)")
        #expect(screen.contains("Your account"))
        #expect(app.line(containing: "Name")?.contains("Ines Buyer") == true)
        #expect(app.line(containing: "Email")?.contains("\(user.email)  (not verified)") == true)
        #expect(app.line(containing: "Role")?.contains("buyer") == true)
        #expect(app.line(containing: "Member since")?.contains(String((RFC3339.string(from: user.createdAt) ?? "").prefix(10))) == true)
        #expect(app.lines.last?.contains("sign out") == true)
    }

    @Test("Sign out from the palette asks first, then returns to the sign-in form with the email filled in", arguments: BuyerSizes.standard)
    func signOut(width: Int, height: Int) async throws {
        let (client, user) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: client, width: width, height: height)
        await app.press("2")
        await Self.runFromPalette(app, "sign out", expecting: "Sign out")
        let confirm = app.snapshot("account-confirm-sign-out-\(width)x\(height)")
        #expect(app.model.account?.confirm != nil)
        #expect(confirm.contains("Sign out of this terminal?"))
        #expect(app.line(containing: "[ Sign out ]")?.contains("Cancel") == true)
        // The footer says how to answer it.
        #expect(app.lines.last?.contains("enter sign out") == true)
        #expect(app.lines.last?.contains("esc cancel") == true)
        #expect(app.model.user != nil)

        await app.press("enter")
        let signIn = app.snapshot("account-signed-out-\(width)x\(height)")
        #expect(app.model.user == nil)
        #expect(app.model.login?.mode == .login)
        #expect(app.model.login?.form.value(of: "email") == user.email)
        #expect(signIn.contains("Signed out."))
        #expect(signIn.contains("Sign in to MarketMate"))
        #expect(app.line(containing: "Email")?.contains(user.email) == true)
        #expect(app.model.login?.form.focusedField == "password")
        #expect(app.line(containing: "▸ Password") != nil)
        #expect(app.lines[0].contains("not signed in"))
        #expect(await client.currentUser == nil)
    }

    @Test("esc cancels the confirmation and nothing happens")
    func cancelSignOut() async throws {
        let (client, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: client)
        await app.press("2")
        await Self.runFromPalette(app, "sign out", expecting: "Sign out")
        await app.press("right")
        #expect(app.line(containing: "[ Cancel ]") != nil)
        await app.press("left", "esc")
        #expect(app.model.account?.confirm == nil)
        #expect(app.model.user != nil)
        #expect(!app.screen.contains("Sign out of this terminal?"))
        #expect(try await client.me().email == app.model.user?.email)
    }

    @Test("Sign out everywhere ends every session: the old refresh token and another device's session stop working", arguments: BuyerSizes.standard)
    func signOutEverywhere(width: Int, height: Int) async throws {
        let password = "tui-test-password"
        let (client, user) = try await BuyerFixtures.buyer()
        let other = try BuyerFixtures.client()
        try await other.login(email: user.email, password: password)
        let oldSession = try #require(await client.session())

        let app = try await AppHarness.start(client: client, width: width, height: height)
        await app.press("2")
        await Self.runFromPalette(app, "everywhere", expecting: "Sign out everywhere")
        #expect(app.model.account?.confirm?.message == "Sign out on every device? Every session of \(user.email) ends, including this one.")
        #expect(app.screen.contains("Sign out on every device?"))
        #expect(app.line(containing: "[ Sign out everywhere ]")?.contains("Cancel") == true)
        await app.press("enter")
        let signIn = app.snapshot("account-signed-out-everywhere-\(width)x\(height)")
        #expect(app.model.user == nil)
        #expect(app.model.login?.form.value(of: "email") == user.email)
        #expect(signIn.contains("Signed out."))
        #expect(app.line(containing: "Email")?.contains(user.email) == true)

        // The refresh token this terminal had is dead on the server.
        let replay = try BuyerFixtures.client()
        let stale = APIClient(configuration: replay.configuration, sessionStore: InMemorySessionStore(oldSession))
        await #expect(throws: ClientError.sessionExpired) { try await stale.refreshSession() }
        // So is the other device's session.
        await #expect(throws: ClientError.self) { try await other.me() }

        // Signing in again works: the cursor waits in the password field.
        #expect(app.model.login?.form.focusedField == "password")
        await app.type(password)
        await app.press("enter")
        #expect(app.model.user?.email == user.email)
    }
}
