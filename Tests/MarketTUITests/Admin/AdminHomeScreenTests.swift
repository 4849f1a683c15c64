import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// `marketmate-admin`'s home, driven with keys against a real server.
@Suite("Admin home", .tuiServer)
struct AdminHomeScreenTests {
    @Test("an admin sees the users, then the shops with their owners", arguments: [(80, 24), (120, 40)])
    func usersAndShops(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.admin, flavor: .admin, width: width, height: height)
        let users = app.snapshot("admin-users-\(width)x\(height)")
        #expect(app.lines[0].contains("MarketMate Admin"))
        #expect(app.line(containing: "role: all")?.contains("11 users") == true)
        #expect(app.line(containing: "Email")?.contains("Role") == true)
        #expect(app.line(containing: DemoAccounts.admin)?.contains("admin") == true)
        #expect(app.line(containing: DemoAccounts.vendor)?.contains("vendor") == true)
        #expect(users.contains("Moderation (bans, reports, takedowns) arrives with the admin release."))

        await app.press("l")
        let shops = app.snapshot("admin-shops-\(width)x\(height)")
        #expect(app.model.admin.pane == .shops)
        #expect(shops.contains("6 shops"))
        let kiln = try #require(app.line(containing: "Kiln & Co."))
        #expect(kiln.contains("kiln-and-co"))
        // The owner is shown by email, looked up among the vendors.
        if width >= 120 { #expect(kiln.contains(DemoAccounts.vendor)) }
        #expect(app.model.admin.owners.values.contains(DemoAccounts.vendor))
        #expect(app.line(containing: "Byte Bazaar") != nil)

        await app.press("h")
        #expect(app.model.admin.pane == .users)
    }

    @Test("the role filter narrows the users and sorting orders them")
    func filterAndSort() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.admin, flavor: .admin, width: 120, height: 40)
        await app.press("f")
        #expect(app.screen.contains("role: buyer"))
        let buyers = app.model.admin.users.items
        #expect(!buyers.isEmpty)
        #expect(buyers.allSatisfy { $0.role == .buyer })
        #expect(app.line(containing: DemoAccounts.buyer) != nil)
        #expect(app.line(containing: DemoAccounts.vendor) == nil)

        await app.press("x")
        #expect(app.screen.contains("role: all"))
        await app.press("s")
        #expect(app.screen.contains("sorted by Email ▲"))
        let emails = app.model.admin.visibleRows.map { $0[0] }
        #expect(emails == emails.sorted { $0.compare($1, options: [.caseInsensitive, .numeric]) == .orderedAscending })
        #expect(app.line(containing: "▸")?.contains(emails[0]) == true)
    }
}
