import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// One product, opened from the catalog: what it shows, the variants table, adding to
/// the cart; and text from the server that tries to talk to the terminal. Each test makes
/// products of its own with a word no other product has, and searches for it.
@Suite("Buyer: product detail", .tuiServer)
struct ProductDetailTests {
    /// Searches the catalog for `word` (Enter searches at once) and waits for the results.
    static func search(_ app: AppHarness, for word: String) async {
        await app.press("/")
        await app.type(word)
        await app.press("enter")
    }

    @Test("enter opens title, shop, price, stock, description and variants; a adds to the cart; esc goes back to the same row", arguments: BuyerSizes.standard)
    func detailAndCart(width: Int, height: Int) async throws {
        let (vendor, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Glaze Lab")
        let word = BuyerFixtures.uniqueWord()
        try await TUIFixtures.product("\(word) Plain Bowl", price: 1200, stock: 9, in: shop, client: vendor)
        let mugTitle = "\(word) Variant Mug"
        try await TUIFixtures.product(mugTitle, price: 1800, stock: 0, variants: [
            VariantInput(sku: "GL-MUG-S", options: ["size": "S", "colour": "oat"], inventoryCount: 3),
            VariantInput(sku: "GL-MUG-L", options: ["size": "L", "colour": "slate"], price: Money(amount: 2200, currency: .usd), inventoryCount: 0),
        ], in: shop, client: vendor)

        let (buyer, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: buyer, width: width, height: height)
        #expect(app.lines[0].contains("Cart 0"))
        await Self.search(app, for: word)
        let items = app.model.catalog.items
        #expect(items.count == 2)
        let index = try #require(items.firstIndex { $0.title == mugTitle })
        for _ in 0..<index { await app.press("j") }

        await app.press("enter")
        let detail = app.snapshot("detail-variants-\(width)x\(height)")
        #expect(app.model.detail?.isLoading == false)
        #expect(app.line(containing: mugTitle) != nil)
        #expect(app.line(containing: "by Glaze Lab") != nil)
        let priceLine = try #require(app.line(containing: "18.00 USD"))
        // Three on hand, all of the small size: the low-stock wording.
        #expect(priceLine.contains("Stock: 3 left"))
        #expect(detail.contains("\(mugTitle), made for a test."))
        #expect(detail.contains("Variants"))
        let columns = try #require(app.line(containing: "SKU"))
        for name in ["Colour", "Size", "Price", "Stock"] { #expect(columns.contains(name)) }
        let small = try #require(app.line(containing: "GL-MUG-S"))
        #expect(small.contains("oat"))
        #expect(small.contains("18.00 USD"))
        #expect(small.contains("3 left"))
        let large = try #require(app.line(containing: "GL-MUG-L"))
        #expect(large.contains("slate"))
        #expect(large.contains("22.00 USD"))
        #expect(large.contains("sold out"))
        #expect(app.screen.contains("a add to cart"))

        await app.press("a")
        #expect(app.model.cartCount == 1)
        #expect(app.lines[0].contains("Cart 1"))
        #expect(app.model.toasts.visible.map(\.message) == ["Added \(mugTitle) to the cart (1 item)."])

        await app.press("esc")
        #expect(app.model.detail == nil)
        #expect(app.model.catalog.list.selected == index)
        #expect(app.line(containing: "▸")?.contains(mugTitle) == true)
        #expect(app.model.catalog.search.text == word)
        #expect(app.lines[0].contains("Cart 1"))
    }

    @Test("a product without variants has no variants table; a sold-out one cannot be added")
    func plainAndSoldOut() async throws {
        let (vendor, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Plain Goods")
        let word = BuyerFixtures.uniqueWord()
        try await TUIFixtures.product("\(word) Sold Out Jug", price: 4500, stock: 0, in: shop, client: vendor)
        let (buyer, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: buyer)
        await Self.search(app, for: word)
        #expect(app.line(containing: "\(word) Sold Out Jug")?.contains("sold out") == true)
        await app.press("enter")
        let detail = app.snapshot("detail-sold-out-80x24")
        #expect(detail.contains("Stock: sold out"))
        #expect(!detail.contains("Variants"))
        #expect(!detail.contains("add to cart"))
        await app.press("a")
        #expect(app.model.cartCount == 0)
        #expect(app.lines[0].contains("Cart 0"))
    }

    /// Escape sequences in everything a seller controls. The API refuses control
    /// characters in titles, descriptions, tags, shop names and variant options, so they
    /// reach the app through a transport that rewrites the server's answers, as an older
    /// server or a database edited by hand would send them.
    @Test("escape sequences from the server never reach a cell of the screen", arguments: BuyerSizes.standard + [(200, 60)])
    func untrustedText(width: Int, height: Int) async throws {
        let word = BuyerFixtures.uniqueWord()
        let (vendor, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Shop \(word)shp")

        // The server is the first line: it refuses the title outright.
        await #expect(throws: ClientError.self) {
            try await vendor.createProduct(shopId: shop.id, CreateProductRequest(
                title: "Evil\u{1B}]0;pwned\u{07} Mug", description: "Fine", price: Money(amount: 100, currency: .usd), inventoryCount: 1))
        }
        await #expect(throws: ClientError.self) {
            try await vendor.createProduct(shopId: shop.id, CreateProductRequest(
                title: "Mug", description: "Fine", price: Money(amount: 100, currency: .usd), inventoryCount: nil,
                variants: [VariantInput(sku: "EVIL-0", options: ["colour": "oat\u{1B}[2J"], inventoryCount: 1)]))
        }

        _ = try await vendor.createProduct(shopId: shop.id, CreateProductRequest(
            title: "Evil\(word)ttl Mug", description: "Find \(word) here. \(word)cls Then the rest.",
            price: Money(amount: 1500, currency: .usd), inventoryCount: nil, category: "kitchen/mugs", tags: ["hot\(word)tag", "mug"],
            status: .active,
            variants: [
                VariantInput(sku: "EVIL-1", options: ["colour": "oat\(word)opv", "fin\(word)opkish": "matte\(word)bel"], inventoryCount: 4),
            ]))

        let transport = RecordingTransport(replacing: [
            ("\(word)ttl", "\\u001b]0;pwned\\u0007"),
            ("\(word)cls", "\\u001b[2J"),
            ("\(word)tag", "\\u009b31m"),
            ("\(word)shp", "\\u001b[5m"),
            ("\(word)opv", "\\u001b[2J"),
            ("\(word)opk", "\\u009b31m"),
            ("\(word)bel", "\\u0007"),
        ])
        let client = try BuyerFixtures.client(transport: transport)
        try await BuyerFixtures.buyer(on: client)
        let app = try await AppHarness.start(client: client, width: width, height: height)
        await Self.search(app, for: word)

        let product = try #require(app.model.catalog.items.first)
        #expect(app.model.catalog.items.count == 1)
        #expect(product.title == "Evil Mug")
        #expect(app.line(containing: "1 product for “\(word)”") != nil)
        let catalog = app.snapshot("untrusted-catalog-\(width)x\(height)")
        #expect(app.cellsWithControls.isEmpty, "control characters in cells: \(app.cellsWithControls)")
        #expect(app.line(containing: "Evil Mug") != nil)
        #expect(!catalog.contains("pwned"))
        #expect(app.line(containing: "Evil Mug")?.contains("Shop") == true)

        // The facets carry the tag and the shop name too.
        await app.press("f")
        #expect(app.cellsWithControls.isEmpty, "control characters in cells: \(app.cellsWithControls)")
        #expect(app.screen.contains("#hot"))
        #expect(!app.screen.contains("31m"))
        await app.press("f")

        await app.press("enter")
        let detail = app.snapshot("untrusted-detail-\(width)x\(height)")
        #expect(app.model.detail?.product?.title == "Evil Mug")
        #expect(app.cellsWithControls.isEmpty, "control characters in cells: \(app.cellsWithControls)")
        #expect(app.line(containing: "Evil Mug") != nil)
        #expect(detail.contains("Find \(word) here."))
        #expect(detail.contains("Then the rest."))
        #expect(!detail.contains("[2J"))
        #expect(!detail.contains("pwned"))
        #expect(app.line(containing: "#hot")?.contains("#mug") == true)
        #expect(!detail.contains("31m"))
        let variant = try #require(app.line(containing: "EVIL-1"))
        #expect(variant.contains("oat"))
        #expect(variant.contains("matte"))
        #expect(app.line(containing: "SKU")?.contains("Finish") == true)

        await app.press("a")
        #expect(app.model.toasts.visible.map(\.message) == ["Added Evil Mug to the cart (1 item)."])
        #expect(app.cellsWithControls.isEmpty, "control characters in cells: \(app.cellsWithControls)")
    }
}
