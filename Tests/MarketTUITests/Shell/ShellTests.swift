import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The shell around the screens: help overlay, command palette, tabs, the too-small
/// notice, toasts and quitting, driven with keys against a real server.
@Suite("Shell", .tuiServer)
struct ShellTests {
    @Test("? lists this screen's keys; esc closes it", arguments: BuyerSizes.standard)
    func helpOverlay(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        await app.press("?")
        let help = app.snapshot("shell-help-catalog-\(width)x\(height)")
        guard case .help = app.model.overlay else {
            Issue.record("no help overlay")
            return
        }
        #expect(help.contains("Keys: Catalog"))
        #expect(app.line(containing: "Search the catalog")?.contains("/") == true)
        #expect(app.line(containing: "Change the sort order")?.contains("s") == true)
        #expect(app.line(containing: "Open the selected product")?.contains("enter") == true)
        // Keys go to the overlay while it is open: G scrolls it (at 80x24 the moving
        // keys are below its fold), and the list stays where it was.
        await app.press("G")
        #expect(app.model.catalog.list.selected == 0)
        #expect(app.screen.contains("Moving around"))
        #expect(app.line(containing: "Move down")?.contains("j/down") == true)
        #expect(app.line(containing: "Quit at once")?.contains("ctrl-c") == true)
        await app.press("esc")
        #expect(app.model.overlay == nil)
        #expect(!app.screen.contains("Keys: Catalog"))
        #expect(app.screen.contains("products"))

        // Another screen, other keys.
        await app.press("2", "?")
        #expect(app.screen.contains("Keys: Account"))
        #expect(app.screen.contains("Sign out everywhere"))
        #expect(!app.screen.contains("Search the catalog"))
        await app.press("?")
        #expect(app.model.overlay == nil)
    }

    @Test(": opens the palette; typing sort and enter changes the sort order", arguments: BuyerSizes.standard)
    func paletteRunsACommand(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        await app.press(":")
        let palette = app.snapshot("shell-palette-\(width)x\(height)")
        guard case .palette(let state) = app.model.overlay else {
            Issue.record("no palette")
            return
        }
        #expect(palette.contains("Commands"))
        #expect(palette.contains("Search the catalog"))
        #expect(state.results.count == state.entries.count)
        await app.type("sort")
        guard case .palette(let filtered) = app.model.overlay else {
            Issue.record("the palette closed while typing")
            return
        }
        #expect(filtered.selectedEntry?.title == "Change the sort order")
        #expect(app.line(containing: "›")?.contains("sort") == true)
        // The palette shows the key too.
        #expect(app.line(containing: "Change the sort order")?.contains(" s │") == true)
        await app.press("enter")
        #expect(app.model.overlay == nil)
        #expect(app.model.catalog.filters.sort == .price)
        #expect(app.screen.contains("sort: price ↑"))
    }

    @Test("ctrl-p opens the palette too, and esc closes it without running anything")
    func ctrlPOpensThePalette() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        await app.press("ctrl-p")
        guard case .palette = app.model.overlay else {
            Issue.record("ctrl-p did not open the palette")
            return
        }
        #expect(app.screen.contains("Commands"))
        await app.type("sort")
        await app.press("esc")
        #expect(app.model.overlay == nil)
        #expect(app.model.catalog.filters.sort == nil)
        #expect(app.screen.contains("sort: newest"))
    }

    @Test("tab, shift-tab and the digits switch tabs", arguments: BuyerSizes.standard)
    func switchingTabs(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        #expect(app.model.tab == .catalog)
        await app.press("tab")
        #expect(app.model.tab == .account)
        #expect(app.screen.contains("Your account"))
        await app.press("tab")
        #expect(app.model.tab == .inbox)
        // The cart and the orders come after the tabs that were there before them.
        await app.press("tab")
        #expect(app.model.tab == .cart)
        await app.press("tab")
        #expect(app.model.tab == .orders)
        await app.press("tab")
        #expect(app.model.tab == .catalog)
        #expect(app.screen.contains("products"))
        await app.press("shift-tab")
        #expect(app.model.tab == .orders)
        await app.press("1")
        #expect(app.model.tab == .catalog)
        await app.press("2")
        #expect(app.model.tab == .account)
        #expect(app.screen.contains("Your account"))
        await app.press("3")
        #expect(app.model.tab == .inbox)
        await app.press("4")
        #expect(app.model.tab == .cart)
        await app.press("5")
        #expect(app.model.tab == .orders)
        // There is no sixth tab for a buyer.
        await app.press("6")
        #expect(app.model.tab == .orders)

        // A vendor has six: 2 is My shops, and the Inbox comes after the account.
        let vendor = try await AppHarness.start(signedInAs: DemoAccounts.vendor, width: width, height: height)
        await vendor.press("2")
        #expect(vendor.model.tab == .shops)
        await vendor.press("3")
        #expect(vendor.model.tab == .account)
        await vendor.press("tab")
        #expect(vendor.model.tab == .inbox)
        await vendor.press("tab", "tab", "tab")
        #expect(vendor.model.tab == .catalog)
        await vendor.press("shift-tab")
        #expect(vendor.model.tab == .orders)
        await vendor.press("6")
        #expect(vendor.model.tab == .orders)
    }

    @Test("too small a window says so, and the screen comes back after enlarging it")
    func tooSmall() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        await app.press("j")
        await app.resize(width: 50, height: 12)
        let notice = app.snapshot("shell-too-small-50x12")
        #expect(notice.contains("Please enlarge the window"))
        #expect(notice.contains("to at least 60x16"))
        #expect(notice.contains("(now 50x12)"))
        #expect(!notice.contains("products"))
        // Keys still work while it is too small, and nothing is lost.
        await app.press("j")
        await app.resize(width: 120, height: 40)
        #expect(!app.screen.contains("Please enlarge the window"))
        #expect(app.screen.contains("50+ products"))
        #expect(app.model.catalog.list.selected == 2)
        #expect(app.line(containing: "▸")?.contains(app.model.catalog.items[2].title) == true)
        // The list pages by what is visible now.
        #expect(app.model.catalog.list.viewportHeight == 40 - 2 - 3)
        await app.resize(width: 80, height: 24)
        #expect(app.model.catalog.list.viewportHeight == 24 - 2 - 3)
        #expect(app.screen.contains("50+ products"))
    }

    @Test("a toast shows, ticks keep it while it lasts, and it goes when its time is up")
    func toastsExpire() async throws {
        let app = try await AppHarness.start(client: try TUIFixtures.client(), width: 120, height: 40)
        await app.type(DemoAccounts.buyer)
        await app.press("tab")
        await app.type(DemoAccounts.password)
        await app.press("enter")
        let message = "Signed in as \(DemoAccounts.buyer)."
        #expect(app.screen.contains(message))
        // The runtime ticks while a toast is up (it would stop ticking once idle).
        #expect(app.runtime.program.tick(app.model) != nil)
        let ticks = app.model.tick
        await app.tick()
        #expect(app.model.tick == ticks + 1)
        #expect(app.screen.contains(message))
        // Success toasts last three seconds.
        try await Task.sleep(for: .milliseconds(3100))
        await app.tick()
        #expect(app.model.toasts.isEmpty)
        #expect(!app.screen.contains(message))
        #expect(app.runtime.program.tick(app.model) == nil)
    }

    @Test("q quits from the catalog and from the account tab")
    func quitting() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        await app.press("q")
        #expect(app.model.isFinished)
        #expect(app.runtime.program.isFinished(app.model))

        let other = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        await other.press("2", "q")
        #expect(other.model.isFinished)
    }

    @Test("q is text in the search field, not quit")
    func qWhileSearching() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        await app.press("/", "q")
        #expect(!app.model.isFinished)
        #expect(app.model.catalog.search.text == "q")
    }
}

/// A server that goes away while the app runs: its own suite, since the test stops it.
@Suite("Shell: server gone", .tuiServer)
struct ServerGoneTests {
    @Test("the catalog says the server can't be reached, keeps the search text, and does not crash")
    func serverStops() async throws {
        let server = try TUIServer.current
        let (client, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: client, width: 120, height: 40)
        let before = app.model.catalog.items
        #expect(!before.isEmpty)

        await server.stop()
        await app.press("/")
        await app.type("tent")
        let screen = app.snapshot("shell-server-gone-120x40")
        let sentence = ClientError.unreachable(server: server.baseURL).userMessage
        #expect(sentence.hasPrefix("Can't reach the server at http://127.0.0.1:"))
        #expect(app.model.catalog.errorMessage == sentence)
        #expect(app.line(containing: "Can't reach the server") != nil)
        #expect(screen.contains("Is it running?"))
        #expect(app.model.catalog.search.text == "tent")
        #expect(app.line(containing: "Search")?.contains("tent") == true)
        // The error also shows as a toast, and nothing crashed: keys still work.
        #expect(app.model.toasts.visible.contains { $0.message == sentence && $0.kind == .error })
        // The old rows stay, but their next page is not fetched for the new query.
        #expect(app.model.catalog.items.map(\.id) == before.map(\.id))
        #expect(app.model.catalog.nextCursor == nil)
        await app.press("enter")
        #expect(app.model.catalog.search.text == "tent")
        await app.press("G")
        #expect(app.model.catalog.list.selected == before.count - 1)
        #expect(app.model.catalog.items.count == before.count)
        await app.press("ctrl-r")
        #expect(app.model.catalog.errorMessage == sentence)
        await app.press("2")
        #expect(app.screen.contains("Your account"))
        await app.press("1", "q")
        #expect(app.model.isFinished)
    }
}
