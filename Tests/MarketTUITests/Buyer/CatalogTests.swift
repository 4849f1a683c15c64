import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The catalog as a buyer browses it: the demo store's ~200 products over the cursor
/// API, search as you type, sort and facet filters. Nothing in this suite adds products,
/// so the demo counts hold.
@Suite("Buyer: catalog", .tuiServer)
struct CatalogTests {
    /// Every active product of the demo store, as the public API lists them.
    static func activeProductCount() async throws -> Int {
        let client = try TUIFixtures.client()
        var count = 0
        var query = ProductQuery()
        query.limit = 100
        while true {
            let page = try await client.products(query)
            count += page.items.count
            guard let cursor = page.nextCursor else { return count }
            query.cursor = cursor
        }
    }

    /// The list's count line: "50+ products", "204 products for “mug”".
    static func countLine(_ app: AppHarness) -> String? {
        app.lines.first { $0.firstMatch(of: /^(\d+\+? products|No products)/) != nil }
    }

    /// What the count line says for what is loaded: "100+ products" while pages remain.
    static func loadedCount(_ app: AppHarness) -> String {
        "\(app.model.catalog.items.count)\(app.model.catalog.nextCursor == nil ? "" : "+") products"
    }

    /// The product rows on screen: the lines under the column header, up to the footer.
    static func productRows(_ app: AppHarness) -> [String] {
        let lines = app.lines
        guard let header = lines.firstIndex(where: { $0.contains("Product") && $0.contains("Price") }) else { return [] }
        return Array(lines[(header + 1)..<(lines.count - 1)]).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// "12.50 USD" → 1250, from a row's price column.
    static func price(in row: String) -> Int64? {
        guard let match = row.firstMatch(of: /(\d[\d,]*)\.(\d\d) [A-Z]{3}/) else { return nil }
        return Int64(match.1.replacingOccurrences(of: ",", with: "") + match.2)
    }

    @Test("products are listed with shop, price and stock; the header lines up with the rows", arguments: BuyerSizes.standard + [(200, 60)])
    func listing(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        let screen = app.snapshot("catalog-\(width)x\(height)")
        // A first page of 50, and the next one too when the first fills the screen to
        // within the prefetch distance (at 120x40 and larger).
        let prefetched = height - 5 + CatalogScreen.prefetchDistance >= 50
        #expect(Self.countLine(app) == (prefetched ? "100+ products" : "50+ products"))
        #expect(screen.contains("sort: newest"))
        let header = try #require(app.line(containing: "Product"))
        for column in ["Shop", "Price", "Stock"] { #expect(header.contains(column)) }
        let rows = Self.productRows(app)
        #expect(rows.count == app.model.catalog.list.viewportHeight)
        let first = try #require(app.model.catalog.items.first)
        let firstRow = try #require(rows.first)
        #expect(firstRow.hasPrefix("▸ " + first.title))
        #expect(firstRow.contains(first.shop.name))
        #expect(firstRow.contains(first.price.formatted))
        #expect(firstRow.contains(CatalogView.stockLabel(first.inventoryCount).0))
        // Every row ends with a stock figure ("12", "3 left" or "sold out") and the price.
        for row in rows {
            #expect(row.firstMatch(of: /(\d+|\d+ left|sold out) +\d[\d,]*\.\d\d [A-Z]{3}$/) != nil, "no stock and price in \(row)")
        }
        // Titles stand under "Product" and shop names under "Shop".
        // (Characters are columns here: the demo titles have no wide characters.)
        let shopColumn = header.distance(from: header.startIndex, to: try #require(header.range(of: "Shop")).lowerBound)
        let shopInRow = firstRow.distance(from: firstRow.startIndex, to: try #require(firstRow.range(of: first.shop.name)).lowerBound)
        #expect(shopColumn == shopInRow)
        #expect(header.hasPrefix("  Product"))
        if width >= 120, let category = first.category {
            #expect(header.contains("Shop · category"))
            #expect(firstRow.contains("\(first.shop.name) · \(category)"))
        }
    }

    @Test("j, k, G and g move the selection", arguments: BuyerSizes.standard)
    func movement(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        let items = app.model.catalog.items
        #expect(app.model.catalog.list.selected == 0)
        await app.press("j", "j")
        #expect(app.model.catalog.list.selected == 2)
        #expect(app.line(containing: "▸")?.hasPrefix("▸ " + items[2].title) == true)
        await app.press("k")
        #expect(app.model.catalog.list.selected == 1)
        #expect(app.line(containing: "▸")?.contains(items[1].title) == true)
        await app.press("G")
        let last = app.model.catalog.list.selected
        #expect(last == items.count - 1)
        #expect(app.line(containing: "▸")?.contains(items[items.count - 1].title) == true)
        await app.press("g")
        #expect(app.model.catalog.list.selected == 0)
        #expect(app.line(containing: "▸")?.contains(items[0].title) == true)
    }

    @Test("G keeps loading the next page until the whole catalog is there")
    func infiniteScrollWithG() async throws {
        let total = try await Self.activeProductCount()
        #expect(total > 150)
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        var counts = [try #require(Self.countLine(app))]
        for _ in 0..<10 where app.model.catalog.nextCursor != nil {
            await app.press("G")
            counts.append(try #require(Self.countLine(app)))
        }
        let pages = (total + 49) / 50
        let expected = (1..<pages).map { "\($0 * 50)+ products" } + ["\(total) products"]
        #expect(counts == expected)
        #expect(app.model.catalog.items.count == total)
        #expect(Set(app.model.catalog.items.map(\.id)).count == total)
        // The bottom is the last product of the last page.
        await app.press("G")
        #expect(app.model.catalog.list.selected == total - 1)
        #expect(app.line(containing: "▸")?.contains(app.model.catalog.items[total - 1].title) == true)
    }

    @Test("page down scrolls into the next pages as well", arguments: [(120, 40)])
    func infiniteScrollWithPageDown(width: Int, height: Int) async throws {
        let total = try await Self.activeProductCount()
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        let page = app.model.catalog.list.viewportHeight
        await app.press("pgdn")
        #expect(app.model.catalog.list.selected == page)
        var presses = 1
        while app.model.catalog.nextCursor != nil, presses < 60 {
            await app.press("pgdn")
            presses += 1
        }
        #expect(app.model.catalog.items.count == total)
        #expect(Self.countLine(app) == "\(total) products")
        // Paging only fetched what scrolling reached: about one page ahead of the selection.
        #expect(presses > total / page / 2)
    }

    @Test("search as you type: one request for fast typing, results for the words, Enter keeps them, Esc clears", arguments: BuyerSizes.standard)
    func searchAsYouType(width: Int, height: Int) async throws {
        let transport = RecordingTransport()
        let client = try BuyerFixtures.client(transport: transport)
        try await client.login(email: DemoAccounts.buyer, password: DemoAccounts.password)
        let app = try await AppHarness.start(client: client, width: width, height: height)
        transport.reset()

        await app.press("/")
        #expect(app.model.catalog.isSearchFocused)
        await app.type("mug")
        let results = app.snapshot("catalog-search-mug-\(width)x\(height)")
        // Three keys inside the debounce: one search, for the whole word.
        #expect(transport.productSearches == ["mug"])
        // While typing, the line under the field offers completions.
        #expect(app.model.catalog.suggestions.isEmpty || results.contains("Suggestions: "))
        #expect(app.model.catalog.loadedQuery?.q == "mug")
        let items = app.model.catalog.items
        #expect(!items.isEmpty)
        for product in items {
            let text = ([product.title, product.description, product.category ?? ""] + product.tags).joined(separator: " ").lowercased()
            #expect(text.contains("mug"), "\(product.title) does not mention mugs")
        }
        #expect(results.contains("sort: relevance"))
        #expect(app.line(containing: "Search")?.contains("mug") == true)
        let rows = Self.productRows(app)
        #expect(rows.count == min(items.count, app.model.catalog.list.viewportHeight))
        #expect(rows.allSatisfy { row in items.contains { row.contains($0.title) } })

        // Moving the cursor in the field is no new query.
        await app.press("left", "left", "right")
        #expect(transport.productSearches == ["mug"])
        #expect(app.model.catalog.search.text == "mug")

        // Enter leaves the field and keeps the results (nothing new to ask).
        await app.press("enter")
        #expect(!app.model.catalog.isSearchFocused)
        #expect(app.model.catalog.search.text == "mug")
        #expect(Self.countLine(app) == "\(items.count) products for “mug”")
        #expect(transport.productSearches == ["mug"])

        // Esc in the field clears the search and lists everything again.
        await app.press("/")
        await app.press("esc")
        #expect(!app.model.catalog.isSearchFocused)
        #expect(app.model.catalog.search.text.isEmpty)
        #expect(app.model.catalog.loadedQuery?.q == nil)
        #expect(Self.countLine(app) == Self.loadedCount(app))
        #expect(app.model.catalog.nextCursor != nil)
        #expect(!app.screen.contains("“mug”"))
        #expect(transport.productSearches == ["mug", ""])
    }

    @Test("Enter right after typing searches at once, and the pending debounce sends nothing more")
    func enterBeatsTheDebounce() async throws {
        let transport = RecordingTransport()
        let client = try BuyerFixtures.client(transport: transport)
        try await client.login(email: DemoAccounts.buyer, password: DemoAccounts.password)
        let app = try await AppHarness.start(client: client)
        transport.reset()
        app.process([.key(.char("/")), .key(.char("t")), .key(.char("e")), .key(.char("n")), .key(.char("t")), .key(KeyPress(.enter))])
        await app.settle()
        #expect(transport.productSearches == ["tent"])
        #expect(app.model.catalog.loadedQuery?.q == "tent")
        #expect(app.screen.contains("products for “tent”"))
        #expect(app.model.catalog.items.allSatisfy { "\($0.title) \($0.description) \($0.tags)".lowercased().contains("tent") })
    }

    @Test("s cycles the sort order; price ↑ lists ascending prices", arguments: BuyerSizes.standard)
    func sortCycles(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        let newest = app.model.catalog.items.map(\.id)
        await app.press("s")
        let screen = app.snapshot("catalog-price-up-\(width)x\(height)")
        #expect(screen.contains("sort: price ↑"))
        let ascending = app.model.catalog.items.map(\.price.amount)
        #expect(ascending == ascending.sorted())
        #expect(app.model.catalog.items.map(\.id) != newest)
        // And so it reads on screen.
        let shown = Self.productRows(app).compactMap(Self.price(in:))
        #expect(shown.count == app.model.catalog.list.viewportHeight)
        #expect(shown == shown.sorted())
        #expect(app.model.catalog.list.selected == 0)

        await app.press("s")
        #expect(app.screen.contains("sort: price ↓"))
        let descending = app.model.catalog.items.map(\.price.amount)
        #expect(descending == descending.sorted(by: >))
        await app.press("s")
        #expect(app.screen.contains("sort: relevance"))
        await app.press("s")
        #expect(app.screen.contains("sort: newest"))
        #expect(app.model.catalog.items.map(\.id) == newest)
    }

    @Test("the filter panel: a category facet narrows the list, x clears it", arguments: BuyerSizes.standard)
    func categoryFacet(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer, width: width, height: height)
        await app.press("f")
        #expect(app.model.catalog.isFilterPanelOpen)
        let panel = app.snapshot("catalog-filters-\(width)x\(height)")
        #expect(panel.contains("Filters"))
        #expect(panel.contains("[ ] In stock only"))
        let entries = app.model.catalog.facetEntries
        let categoryIndex = try #require(entries.firstIndex { $0.kind == .category })
        let category = entries[categoryIndex]
        let count = try #require(category.count)
        #expect(app.line(containing: "[ ] \(category.label)") != nil)

        // Enter toggles the filter here: the footer does not offer opening a product.
        #expect(app.lines.last?.contains("enter toggle") == true)
        #expect(app.lines.last?.contains("open") == false)
        for _ in 0..<categoryIndex { await app.press("j") }
        await app.press("enter")
        let narrowed = app.snapshot("catalog-filtered-\(width)x\(height)")
        // The panel lists the new facets, with the cursor still on the toggled entry and
        // reaching exactly to the end of the new list.
        let after = app.model.catalog.facetEntries
        #expect(app.model.catalog.filterList.count == after.count)
        #expect(app.model.catalog.filterList.selected.map { after[$0].value } == category.value)
        #expect(app.line(containing: "▸ [x] \(category.label)") != nil)
        await app.press("G")
        #expect(app.model.catalog.filterList.selected == after.count - 1)
        await app.press("g")
        for _ in 0..<(after.firstIndex { $0.value == category.value } ?? 0) { await app.press("j") }
        #expect(app.model.catalog.filterList.selected.map { after[$0].value } == category.value)
        #expect(app.model.catalog.filters.category == category.value)
        #expect(app.line(containing: "[x] \(category.label)") != nil)
        #expect(narrowed.contains("filters: category: \(category.value)"))
        let items = app.model.catalog.items
        #expect(!items.isEmpty)
        #expect(items.allSatisfy { $0.category == category.value || $0.category?.hasPrefix(category.value + "/") == true })
        #expect(items.count == min(count, 50))
        #expect(Self.countLine(app)?.hasPrefix(count > 50 ? "50+ products" : "\(count) products") == true)

        await app.press("x")
        #expect(app.model.catalog.filters.isEmpty)
        #expect(!app.screen.contains("filters:"))
        #expect(Self.countLine(app) == Self.loadedCount(app))
        #expect(app.model.catalog.items.count >= 50)
        #expect(app.line(containing: "[ ] \(category.label)") != nil)
        // f closes the panel again; the list has the keys back.
        await app.press("f", "j")
        #expect(!app.model.catalog.isFilterPanelOpen)
        #expect(app.model.catalog.list.selected == 1)
    }
}
