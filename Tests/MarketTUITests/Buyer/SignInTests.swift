import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The sign-in and register screen, typed into as a person would, against a real server.
@Suite("Buyer: sign in and register", .tuiServer)
struct SignInTests {
    @Test("no session: the sign-in form; leaving the email field checks it with the shared rules", arguments: BuyerSizes.standard)
    func inlineValidation(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client(), width: width, height: height)
        let form = app.snapshot("signin-empty-\(width)x\(height)")
        #expect(app.model.login?.mode == .login)
        #expect(form.contains("Sign in to MarketMate"))
        #expect(app.lines[0].contains("not signed in"))
        // No tabs before signing in.
        #expect(!app.lines[0].contains("Catalog"))

        await app.type("bob@")
        await app.press("tab")
        let message = try #require(EmailAddress.validate("bob@").first?.message)
        let checked = app.snapshot("signin-bad-email-\(width)x\(height)")
        #expect(checked.contains(message))
        // Beside the field it is about: right under the email row, before the password.
        let rows = app.lines
        let emailRow = try #require(rows.firstIndex { $0.contains("Email") })
        let messageRow = try #require(rows.firstIndex { $0.contains(message) })
        let passwordRow = try #require(rows.firstIndex { $0.contains("Password") })
        #expect(emailRow < messageRow && messageRow < passwordRow)

        // Fixing it clears the message.
        await app.press("shift-tab")
        await app.type("example.com")
        await app.press("tab")
        #expect(!app.screen.contains(message))
        #expect(app.model.login?.form.errors.isEmpty == true)
    }

    @Test("a wrong password: ClientError's sentence, and the typed email stays", arguments: BuyerSizes.standard)
    func wrongPassword(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client(), width: width, height: height)
        await app.type(DemoAccounts.buyer)
        await app.press("tab")
        await app.type("not-the-password")
        await app.press("enter")
        let screen = app.snapshot("signin-wrong-password-\(width)x\(height)")
        let sentence = ClientError.server(ServerFailure(status: 401, body: APIErrorBody(code: .invalidCredentials, message: ""))).userMessage
        #expect(screen.contains(sentence))
        #expect(app.model.login?.form.value(of: "email") == DemoAccounts.buyer)
        #expect(app.line(containing: "Email")?.contains(DemoAccounts.buyer) == true)
        #expect(app.model.user == nil)
        #expect(app.model.login?.isSubmitting == false)
    }

    @Test("ctrl-n switches to register and back, keeping the email")
    func switchModes() async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client())
        #expect(app.screen.contains("No account yet? ctrl-n creates one."))
        #expect(app.lines.last?.contains("ctrl-n register") == true)
        await app.type("someone@example.com")
        await app.press("ctrl-n")
        #expect(app.model.login?.mode == .register)
        #expect(app.screen.contains("Have an account? ctrl-n signs in."))
        #expect(app.screen.contains("Create a MarketMate account"))
        #expect(app.line(containing: "Email")?.contains("someone@example.com") == true)
        #expect(app.line(containing: "Role") != nil)
        await app.press("ctrl-n")
        #expect(app.model.login?.mode == .login)
        #expect(app.screen.contains("Sign in to MarketMate"))
        #expect(app.line(containing: "Email")?.contains("someone@example.com") == true)
    }

    @Test("registering a buyer lands in the catalog with the email in the header, and no My shops tab", arguments: BuyerSizes.standard)
    func registerBuyer(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client(), width: width, height: height)
        let email = BuyerFixtures.uniqueEmail()
        await app.press("ctrl-n")
        await app.type("Bea Buyer")
        await app.press("tab")
        await app.type(email)
        await app.press("tab")
        await app.type("a long enough password")
        await app.press("tab")
        await app.type("buyer")
        await app.press("enter")
        let catalog = app.snapshot("register-buyer-\(width)x\(height)")
        #expect(app.model.login == nil)
        #expect(app.model.user?.email == email)
        #expect(app.model.user?.role == .buyer)
        // At 80 columns the five tabs and the cart leave no room for the email.
        if width >= 120 { #expect(app.lines[0].contains(email)) }
        #expect(app.lines[0].contains("Catalog"))
        #expect(app.lines[0].contains("Account"))
        #expect(!app.lines[0].contains("My shops"))
        #expect(catalog.contains("products"))
        #expect(app.model.tabs == [.catalog, .account, .inbox, .cart, .orders])
    }

    @Test("a vendor signing in gets the My shops tab", arguments: BuyerSizes.standard)
    func vendorSeesShops(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client(), width: width, height: height)
        await app.type(DemoAccounts.vendor)
        await app.press("tab")
        await app.type(DemoAccounts.password)
        await app.press("enter")
        #expect(app.model.user?.role == .vendor)
        #expect(app.model.tabs == [.catalog, .shops, .account, .inbox, .cart, .orders])
        #expect(app.lines[0].contains("Catalog"))
        #expect(app.lines[0].contains("My shops"))
        // At 80 columns the long demo email leaves no room for the third tab ("…").
        if width >= 120 { #expect(app.lines[0].contains("Account")) }
        // The toast wraps onto two rows at this length.
        #expect(app.model.toasts.visible.map(\.message) == ["Signed in as \(DemoAccounts.vendor)."])
        #expect(app.screen.contains("Signed in as"))
    }

    @Test("the admin app refuses a buyer with a clear message and keeps the form", arguments: BuyerSizes.standard)
    func adminAppRefusesBuyer(width: Int, height: Int) async throws {
        let client = try TUIFixtures.client()
        let app = try await AppHarness.start(client: client, flavor: .admin, width: width, height: height)
        #expect(app.screen.contains("Sign in to MarketMate Admin"))
        // Nobody registers as an admin, so the admin app does not offer it.
        #expect(!app.screen.contains("No account yet?"))
        #expect(app.lines.last?.contains("register") == false)
        await app.press("ctrl-n")
        #expect(app.model.login?.mode == .login)
        await app.type(DemoAccounts.buyer)
        await app.press("tab")
        await app.type(DemoAccounts.password)
        await app.press("enter")
        let screen = app.snapshot("admin-refuses-buyer-\(width)x\(height)")
        #expect(screen.contains("This app is for admins"))
        #expect(app.model.login != nil)
        #expect(app.model.user == nil)
        #expect(app.line(containing: "Email")?.contains(DemoAccounts.buyer) == true)
        // The session the server opened is closed again, not left behind.
        #expect(await client.currentUser == nil)
    }

    @Test("the admin app lets an admin in", arguments: BuyerSizes.standard)
    func adminAppAdmitsAdmin(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client(), flavor: .admin, width: width, height: height)
        await app.type(DemoAccounts.admin)
        await app.press("tab")
        await app.type(DemoAccounts.password)
        await app.press("enter")
        #expect(app.model.login == nil)
        #expect(app.model.user?.role == .admin)
        #expect(app.model.tab == .admin)
        #expect(app.lines[0].contains("MarketMate Admin"))
        #expect(app.lines[0].contains("Users & shops"))
        #expect(app.screen.contains(DemoAccounts.vendor))
    }
}
