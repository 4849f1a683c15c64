import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The Inbox tab and the unread count in the header. The notifications are real: each
/// test runs imports of its own (the server's worker writes "Import finished" when done).
@Suite("Shell: notifications", .tuiServerWithJobs)
struct NotificationsTests {
    static let sizes = [(80, 24), (200, 60)]

    /// Imports `titles` into `shop` one file at a time, each leaving a notification.
    static func importProducts(_ titles: [String], into shop: ShopDTO, client: APIClient) async throws {
        for title in titles {
            let file = try ImportScreenTests.file("title,price\n\(title),4.00\n")
            let accepted = try await client.uploadProductsCSV(shopID: shop.id, fileURL: file)
            let deadline = ContinuousClock.now + .seconds(20)
            while try await !client.jobStatus(id: accepted.jobId).state.isFinished {
                guard ContinuousClock.now < deadline else { throw TUIFixtureError("the import of \(title) did not finish") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    @Test("the header counts the unread; N lists them newest first; enter and r mark one, R all", arguments: sizes)
    func inbox(width: Int, height: Int) async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Bell Works")
        try await Self.importProducts(["Brass bell", "Tin whistle", "Oak drum"], into: shop, client: client)
        let app = try await AppHarness.start(client: client, width: width, height: height)
        #expect(app.model.notifications.unreadCount == 3)
        #expect(app.lines[0].contains("Cart 0 · 3 unread"))
        #expect(app.lines[0].contains("Inbox"))

        await app.press("N")
        let inbox = app.snapshot("inbox-\(width)x\(height)")
        #expect(app.model.tab == .inbox)
        #expect(app.lines[1].hasSuffix("3 unread · 3 notifications"))
        let rows = app.lines.filter { $0.contains("● Import finished") }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.contains("1 product imported.") })
        #expect(app.line(containing: "▸ ● Import finished") != nil)
        let items = app.model.notifications.page.items
        #expect(zip(items, items.dropFirst()).allSatisfy { $0.createdAt >= $1.createdAt })
        // The selected one in full, below the list.
        #expect(inbox.contains("╭─ Import finished"))
        #expect(app.screen.contains("r mark read"))
        #expect(app.screen.contains("R mark all read"))

        await app.press("enter")
        #expect(app.model.notifications.page.items[0].read)
        #expect(app.model.notifications.unreadCount == 2)
        #expect(app.lines[0].contains("2 unread"))
        #expect(app.line(containing: "▸ ● ") == nil, "the dot goes once read")
        // An already read one offers no marking.
        #expect(!app.screen.contains("r mark read"))

        await app.press("j", "r")
        #expect(app.model.notifications.page.items[1].read)
        #expect(app.lines[0].contains("1 unread"))

        await app.press("R")
        let after = app.snapshot("inbox-all-read-\(width)x\(height)")
        #expect(app.model.notifications.unreadCount == 0)
        #expect(!app.lines[0].contains("unread"))
        #expect(after.contains("Every notification is marked read."))
        #expect(!after.contains("●"))
        #expect(try await client.notifications(unreadOnly: true).items.isEmpty)
    }

    @Test("the count comes at start, then from the tick twice a minute; an idle app asks nothing in between")
    func periodicCount() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Tick Tock")
        let app = try await AppHarness.start(client: client)
        #expect(app.model.notifications.unreadCount == 0)
        #expect(!app.lines[0].contains("unread"))
        let next = try #require(app.model.notifications.nextCountCheck)
        #expect(next > ContinuousClock.now + .seconds(25))
        // Idle: the tick has nothing to do until the next check is due.
        #expect(app.runtime.program.tick(app.model) == nil)

        try await Self.importProducts(["Cuckoo clock"], into: shop, client: client)
        // Thirty seconds later, the tick asks again.
        var due = app.model
        due.notifications.nextCountCheck = ContinuousClock.now - .seconds(1)
        guard case .notifications(.checkCount)? = app.runtime.program.tick(due) else {
            Issue.record("no count check when due")
            return
        }
        app.runtime.send(.notifications(.checkCount))
        await app.settle()
        #expect(app.model.notifications.unreadCount == 1)
        #expect(app.lines[0].contains("1 unread"))
    }

    @Test("the palette and the tab keys reach the Inbox; an empty one says what lands there")
    func reachingTheInbox() async throws {
        let (client, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: client)
        await app.press(":")
        await app.type("notif")
        guard case .palette(let palette) = app.model.overlay else {
            Issue.record("no palette")
            return
        }
        #expect(palette.selectedEntry?.title == "Show your notifications (the Inbox)")
        await app.press("enter")
        #expect(app.model.tab == .inbox)
        let empty = app.snapshot("inbox-empty-80x24")
        #expect(empty.contains("No notifications yet. Finished imports and order updates land here."))
        #expect(app.lines[1].hasSuffix("0 unread · 0 notifications"))
        #expect(!app.screen.contains("mark all read"))
        // A buyer's third tab.
        await app.press("1", "3")
        #expect(app.model.tab == .inbox)
    }
}
