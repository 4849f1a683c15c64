import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The `catalog-layout` feature flag: fetched at start, it switches the catalog between
/// the table of rows and a grid of cards; the last answer is cached for a start without
/// the server.
@Suite("Buyer: catalog layout flag", .tuiServer)
struct CatalogLayoutTests {
    static func flags(_ value: FlagJSON) -> EvaluatedFlags {
        EvaluatedFlags(flags: [CatalogLayout.flagKey: FlagResult(value: value, variant: "rule-0", reason: .ruleMatch)])
    }

    @Test("the flag's value chooses the layout; anything unknown gives the list")
    func choice() {
        #expect(CatalogLayout(flags: Self.flags("grid")) == .grid)
        #expect(CatalogLayout(flags: Self.flags("list")) == .list)
        #expect(CatalogLayout(flags: EvaluatedFlags()) == .list, "no flag: the default")
        #expect(CatalogLayout(flags: Self.flags("carousel")) == .list, "a value this build does not know")
        #expect(CatalogLayout(flags: Self.flags(true)) == .list, "a value of another type")
        #expect(CatalogLayout(flags: Self.flags(nil)) == .list)
    }

    @Test("grid geometry: columns, rows, moves and clicks")
    func geometry() {
        let grid = CatalogGrid(area: Rect(x: 0, y: 3, width: 78, height: 17))
        #expect(grid.columns == 3)
        #expect(grid.cardWidth == 25)
        #expect(grid.rows == 3, "cards of four lines and a blank one")
        #expect(grid.cardsPerPage == 9)
        #expect(CatalogGrid(area: Rect(x: 0, y: 0, width: 20, height: 2)).columns == 1, "a narrow area still has one column")
        #expect(CatalogGrid(area: Rect(x: 0, y: 0, width: 198, height: 50)).columns == 7)
        // Up and down move a row of cards; at an edge they stay, except down onto a
        // shorter last row, which goes to its last card.
        #expect(CatalogGrid.vertical(from: 1, rows: 1, columns: 3, count: 10) == 4)
        #expect(CatalogGrid.vertical(from: 4, rows: -1, columns: 3, count: 10) == 1)
        #expect(CatalogGrid.vertical(from: 1, rows: -1, columns: 3, count: 10) == nil)
        #expect(CatalogGrid.vertical(from: 8, rows: 1, columns: 3, count: 10) == 9)
        #expect(CatalogGrid.vertical(from: 9, rows: 1, columns: 3, count: 10) == nil)
        // Clicks land on cards, not on the gaps between them.
        #expect(grid.index(x: 0, y: 3, firstRow: 0, count: 20) == 0)
        #expect(grid.index(x: 26, y: 8, firstRow: 0, count: 20) == 4)
        #expect(grid.index(x: 25, y: 8, firstRow: 0, count: 20) == nil, "the gap between columns")
        #expect(grid.index(x: 26, y: 7, firstRow: 0, count: 20) == nil, "the blank line under a card")
        #expect(grid.index(x: 26, y: 8, firstRow: 2, count: 20) == 10)
        #expect(grid.index(x: 52, y: 13, firstRow: 0, count: 8) == nil, "past the last card")
        // The view follows the selection.
        var state = ListState(count: 40, viewportHeight: grid.cardsPerPage)
        #expect(grid.firstRow(state) == 0)
        state.select(14)
        #expect(grid.firstRow(state) == 2)
        #expect(grid.cardArea(14, firstRow: 2) == Rect(x: 52, y: 13, width: 25, height: 4))
        #expect(grid.cardArea(0, firstRow: 2) == nil)
        // A last row with less room than a card is cut to what fits.
        #expect(CatalogGrid(area: Rect(x: 0, y: 0, width: 78, height: 6)).rows == 1)
        #expect(CatalogGrid(area: Rect(x: 0, y: 0, width: 78, height: 2)).cardArea(0, firstRow: 0)?.height == 2)
    }

    // One case at a time: each puts the one flag, naming its own buyer.
    @Test("a buyer the server's flag targets sees the grid; arrows move by card and by row", .serialized, arguments: [(80, 24), (200, 60)])
    func gridFromServer(width: Int, height: Int) async throws {
        let client = try TUIFixtures.client()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let buyer = try await client.register(RegisterRequest(email: "grid-\(tag)@example.test", password: "tui-test-password", name: "Grid Buyer", role: .buyer))
        let admin = try await TUIFixtures.signedIn(DemoAccounts.admin)
        // Only this buyer: the suite's other tests keep the list.
        let definition = FlagDefinition(type: .string, default: "list", rules: [FlagRule(userIds: [buyer.id.rawValue], value: "grid")])
        _ = try await admin.putFlag(CatalogLayout.flagKey, definition)

        let app = try await AppHarness.start(client: client, width: width, height: height)
        #expect(app.model.catalog.layout == .grid)
        let screen = app.snapshot("catalog-grid-\(width)x\(height)")
        #expect(screen.contains("grid · sort: newest"))
        #expect(app.line(containing: "Price") == nil, "no table header over cards")
        let items = app.model.catalog.items
        let columns = app.model.catalog.gridColumns
        #expect(width >= 200 ? columns >= 7 : columns == 3)
        // The first row of cards, side by side on one line, the first one marked.
        let firstWord = { (product: ProductDTO) in String(product.title.split(separator: " ")[0]) }
        let titleLine = try #require(app.line(containing: "▸ " + firstWord(items[0])))
        #expect(titleLine.contains(firstWord(items[1])))
        #expect(screen.contains(items[0].price.formatted))

        await app.press("right")
        #expect(app.model.catalog.list.selected == 1)
        await app.press("down")
        #expect(app.model.catalog.list.selected == 1 + columns)
        await app.press("left")
        await app.press("up")
        #expect(app.model.catalog.list.selected == 0)
        // j and k (the keymap's down and up) go by rows of cards too.
        await app.press("j")
        #expect(app.model.catalog.list.selected == columns)
        await app.press("k")
        #expect(app.model.catalog.list.selected == 0)
        // The help lists only the arrows for moving by card: h and l stay back and open.
        if height >= 60 {  // at 24 rows the help's "Moving around" is below its fold
            await app.press("?")
            let help = try #require(app.line(containing: "Next card"))
            #expect(help.contains("right") && !help.contains("l/"))
            await app.press("esc")
        }
        // Enter opens the card's product, as a row does.
        await app.press("down", "enter")
        #expect(app.model.detail?.productID == items[columns].id)
    }

    @Test("everyone else keeps the list, the default")
    func listByDefault() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        #expect(app.model.catalog.layout == .list)
        #expect(app.model.flags.flags[CatalogLayout.flagKey]?.value == "list")
        #expect(!app.screen.contains("grid ·"))
        #expect(app.line(containing: "Price") != nil)
    }

    @Test("without the server the last flags fetched choose the layout; the cache file survives a bad write")
    func offlineCache() async throws {
        let directory = NSTemporaryDirectory() + "mm-flag-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = FlagCache(path: directory + "/flags.json")
        #expect(cache.load("x") == nil)
        // Nothing listens on port 9 of loopback (discard is not served here).
        let dead = APIClient(configuration: {
            var configuration = APIClient.Configuration(endpoint: ServerEndpoint("http://127.0.0.1:9")!)
            configuration.retry = .never
            configuration.connectTimeout = 2
            return configuration
        }(), sessionStore: InMemorySessionStore())
        let key = FlagCache.key(server: dead.endpoint.baseURL.absoluteString, userID: nil)
        cache.save(Self.flags("grid"), key)
        cache.save(Self.flags("list"), FlagCache.key(server: "http://elsewhere.test", userID: nil))
        #expect(FlagCache(path: directory + "/flags.json").load(key) == Self.flags("grid"), "kept on disk, per server")

        let app = try await AppHarness.start(client: dead, flagCache: cache)
        #expect(app.model.catalog.layout == .grid)
        // A cache file that does not decode is empty, and the next save replaces it.
        try Data("not json".utf8).write(to: URL(fileURLWithPath: directory + "/flags.json"))
        #expect(cache.load(key) == nil)
        cache.save(Self.flags("grid"), key)
        #expect(cache.load(key) == Self.flags("grid"))
    }
}
