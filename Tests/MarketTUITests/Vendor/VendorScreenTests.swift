import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The vendor's "My shops" tab, driven through the whole app with keys, against a real
/// server. Tests that change data use a vendor of their own (`TUIFixtures.vendorWithShop`).
@Suite("Vendor screens", .tuiServer)
struct VendorScreenTests {
    static let sizes = [(80, 24), (120, 40)]

    @Test("a vendor sees their own shops, and a shop's products in every status", arguments: sizes)
    func ownShops(width: Int, height: Int) async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.vendor, width: width, height: height)
        #expect(app.lines[0].contains("My shops"))
        await app.press("2")
        let shops = app.snapshot("vendor-shops-\(width)x\(height)")
        #expect(shops.contains("My shops"))
        #expect(app.line(containing: "Kiln & Co.")?.contains("kiln-and-co") == true)
        #expect(app.line(containing: "Northwind Outfitters")?.contains("USD") == true)
        // Other vendors' shops are not listed.
        #expect(!shops.contains("Byte Bazaar"))
        #expect(!shops.contains("Thread Theory"))

        await app.press("enter")
        let table = app.snapshot("vendor-products-demo-\(width)x\(height)")
        #expect(table.contains("Kiln & Co."))
        #expect(table.contains("36 products"))
        #expect(app.line(containing: "Title")?.contains("Status") == true)
        let products = try #require(app.model.vendor.products)
        #expect(products.products.count == 36)
        // The owner sees drafts, which the public catalog hides.
        #expect(products.products.contains { $0.status == .draft })
        // Sorted by status, descending: the drafts come first.
        await app.press("s", "s", "s", "s")
        #expect(app.screen.contains("sorted by Status ▼"))
        #expect(app.line(containing: "Tea Bowl Prototype")?.contains("draft") == true)

        // Back walks up to the shops.
        await app.press("esc")
        #expect(app.screen.contains("kiln-and-co"))
        #expect(app.model.vendor.products == nil)
    }

    @Test("a buyer does not get the My shops tab")
    func buyerHasNoShopsTab() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        #expect(app.lines[0].contains("Catalog"))
        #expect(app.lines[0].contains("Account"))
        #expect(!app.screen.contains("My shops"))
        #expect(!app.model.tabs.contains(.shops))
        // The second tab is the account, not a vendor screen.
        await app.press("2")
        #expect(app.model.tab == .account)
        #expect(app.screen.contains("Your account"))
    }

    @Test("creating a product with two variants: it shows up in the table and on the server", arguments: sizes)
    func createProductWithVariants(width: Int, height: Int) async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Clay Corner")
        let app = try await AppHarness.start(client: client, width: width, height: height)
        await app.press("2", "enter")
        #expect(app.screen.contains("No products yet. Press n to add the first one."))

        await app.press("n")
        #expect(app.screen.contains("New product in Clay Corner"))
        await app.type("Speckled mug")
        await app.press("tab")
        await app.type("Wheel-thrown stoneware")
        await app.press("tab")
        await app.type("12.50")
        await app.press("tab", "tab")  // stock: the variants carry it
        await app.type("kitchen/mugs")
        await app.press("tab")
        await app.type("mug, speckled")
        await app.press("tab")  // status: active by default
        await app.press("tab")  // on to the variants list
        #expect(app.screen.contains("n add · e edit · d remove"))

        await app.press("n")
        #expect(app.screen.contains("New variant"))
        await app.type("MUG-S")
        await app.press("tab")
        await app.type("size=S, colour=oat")
        await app.press("tab", "tab")  // no price of its own
        await app.type("4")
        await app.press("enter")
        await app.press("n")
        await app.type("MUG-L")
        await app.press("tab")
        await app.type("size=L, colour=oat")
        await app.press("tab")
        await app.type("14")
        await app.press("tab")
        await app.type("6")
        await app.press("enter")
        let editor = app.snapshot("vendor-editor-\(width)x\(height)")
        #expect(editor.contains("Variants (2)"))
        #expect(app.line(containing: "MUG-S")?.contains("size=S, colour=oat") == true)
        #expect(app.line(containing: "MUG-L")?.contains("14.00 USD") == true)
        #expect(app.line(containing: "Price (USD)")?.contains("12.50") == true)

        await app.press("ctrl-o")
        let table = app.snapshot("vendor-products-\(width)x\(height)")
        #expect(app.model.vendor.editor == nil)
        #expect(table.contains("Added “Speckled mug”."))
        let row = try #require(app.line(containing: "Speckled mug"))
        #expect(row.contains("active"))
        #expect(row.contains("12.50 USD"))
        #expect(row.hasSuffix("10"))
        #expect(app.line(containing: "└ MUG-S")?.hasSuffix("4") == true)
        #expect(app.line(containing: "└ MUG-L")?.contains("14.00 USD") == true)

        let saved = try await client.products(ProductQuery(shopId: shop.id))
        let product = try #require(saved.items.first { $0.title == "Speckled mug" })
        #expect(product.price == Money(amount: 1250, currency: .usd))
        #expect(product.category == "kitchen/mugs")
        #expect(product.tags == ["mug", "speckled"])
        #expect(product.variants.map(\.sku) == ["MUG-S", "MUG-L"])
        #expect(product.variants[0].options == ["size": "S", "colour": "oat"])
        #expect(product.variants[1].price == Money(amount: 1400, currency: .usd))
        #expect(product.inventoryCount == 10)
    }

    @Test("a save the server refuses keeps what was typed and shows its message beside the field")
    func serverValidationKeepsTypedValues() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Currency Swap")
        let app = try await AppHarness.start(client: client)
        await app.press("2", "enter", "n")
        await app.type("Linen napkin")
        await app.press("tab")
        await app.type("Stonewashed linen")
        await app.press("tab")
        await app.type("9.50")
        await app.press("tab")
        await app.type("12")
        // Behind the editor's back the shop switches to euros, so the server refuses a
        // price in dollars, a rule the editor could not check.
        _ = try await client.updateShop(shop.id, UpdateShopRequest(currency: .eur))
        await app.press("ctrl-o")

        let screen = app.snapshot("vendor-editor-server-error-80x24")
        #expect(app.model.vendor.editor != nil)
        #expect(screen.contains("Not saved"))
        #expect(screen.contains("This shop sells in EUR."))
        #expect(app.line(containing: "Title")?.contains("Linen napkin") == true)
        #expect(app.line(containing: "Description")?.contains("Stonewashed linen") == true)
        #expect(app.line(containing: "Price (USD)")?.contains("9.50") == true)
        #expect(app.line(containing: "Stock")?.contains("12") == true)
        // The message sits under the price field.
        let priceRow = try #require(app.lines.firstIndex { $0.contains("Price (USD)") })
        #expect(app.lines[priceRow + 1].contains("This shop sells in EUR."))
        #expect(try await client.products(ProductQuery(shopId: shop.id)).items.isEmpty)
    }

    @Test("editing: a SKU the shop already uses is refused, the edit survives, and a fix saves")
    func editKeepsTypedValuesOnConflict() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop()
        try await TUIFixtures.product("Blue mug", price: 1800, stock: 0, variants: [VariantInput(sku: "MUG-1", inventoryCount: 2)], in: shop, client: client)
        let red = try await TUIFixtures.product("Red mug", price: 1600, stock: 5, in: shop, client: client)
        let app = try await AppHarness.start(client: client)
        await app.press("2", "enter")
        // Newest first: the red mug is the first row.
        #expect(app.model.vendor.products?.selectedProduct?.id == red.id)
        await app.press("e")
        #expect(app.screen.contains("Edit “Red mug”"))
        await app.press("ctrl-u")
        await app.type("Red mug, large")
        await app.press("shift-tab")  // from the first field back round to the variants
        await app.press("n")
        await app.type("MUG-1")
        await app.press("tab", "tab", "tab")
        await app.type("3")
        await app.press("enter", "ctrl-o")

        let refused = app.snapshot("vendor-editor-sku-conflict-80x24")
        #expect(app.model.vendor.editor != nil)
        #expect(refused.contains("SKUs are unique per shop."))
        #expect(app.line(containing: "Title")?.contains("Red mug, large") == true)
        #expect(app.line(containing: "MUG-1") != nil)
        #expect(try await client.product(red.id).title == "Red mug")

        // Fix the SKU in the variant and save again.
        await app.press("e", "ctrl-u")
        await app.type("MUG-2")
        await app.press("ctrl-o")  // keeps the variant and saves
        #expect(app.model.vendor.editor == nil)
        #expect(app.line(containing: "Red mug, large")?.hasSuffix("3") == true)
        let saved = try await client.product(red.id)
        #expect(saved.title == "Red mug, large")
        #expect(saved.variants.map(\.sku) == ["MUG-2"])
    }

    @Test("esc in the editor asks before throwing changes away")
    func discardAsks() async throws {
        let (client, _, _) = try await TUIFixtures.vendorWithShop()
        let app = try await AppHarness.start(client: client)
        await app.press("2", "enter", "n")
        await app.type("Half-typed")
        await app.press("esc")
        #expect(app.screen.contains("Discard changes"))
        await app.press("esc")  // keeps editing
        #expect(app.line(containing: "Title")?.contains("Half-typed") == true)
        await app.press("esc", "d")
        #expect(app.model.vendor.editor == nil)
        #expect(app.screen.contains("No products yet"))
    }

    @Test("+ and - change stock at once and settle on the server's answer; a failure reverts", arguments: sizes)
    func stockReconciles(width: Int, height: Int) async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop()
        let jar = try await TUIFixtures.product("Honey jar", price: 900, stock: 5, in: shop, client: client)
        let app = try await AppHarness.start(client: client, width: width, height: height)
        await app.press("2", "enter")
        #expect(app.line(containing: "Honey jar")?.hasSuffix("5") == true)

        // Three presses go out at once; the table shows 8 before any answer is in.
        let plus = try #require(KeyChordSyntax.parse("+"))
        app.process([.key(plus), .key(plus), .key(plus)])
        #expect(app.line(containing: "Honey jar")?.hasSuffix("8") == true)
        await app.settle()
        #expect(app.line(containing: "Honey jar")?.hasSuffix("8") == true)
        #expect(try await client.product(jar.id).inventoryCount == 8)

        // Someone else adds ten meanwhile; the next answer brings that in.
        _ = try await client.adjustStock(jar.id, delta: 10)
        app.process([.key(try #require(KeyChordSyntax.parse("-")))])
        #expect(app.line(containing: "Honey jar")?.hasSuffix("7") == true)
        await app.settle()
        #expect(app.line(containing: "Honey jar")?.hasSuffix("17") == true)

        // Set stock: the difference goes out as one change.
        await app.press("=")
        #expect(app.screen.contains("Stock of “Honey jar”"))
        await app.press("ctrl-u")
        await app.type("3")
        await app.press("enter")
        #expect(app.line(containing: "Honey jar")?.hasSuffix("3") == true)
        #expect(try await client.product(jar.id).inventoryCount == 3)

        // The product goes away behind the table's back: the change fails and reverts.
        try await client.deleteProduct(jar.id)
        await app.press("+")
        let screen = app.snapshot("vendor-stock-failed-\(width)x\(height)")
        #expect(app.line(containing: "Honey jar")?.hasSuffix("3") == true)
        #expect(screen.contains("Stock of “Honey jar” was not changed"))
    }

    @Test("stock of a product with variants changes per variant")
    func variantStock() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop()
        let tee = try await TUIFixtures.product("Tee", price: 2500, stock: 0, variants: [
            VariantInput(sku: "TEE-S", options: ["size": "S"], inventoryCount: 1),
            VariantInput(sku: "TEE-M", options: ["size": "M"], inventoryCount: 2),
        ], in: shop, client: client)
        let app = try await AppHarness.start(client: client)
        await app.press("2", "enter")
        // On the product row itself, + explains where to go.
        await app.press("+")
        #expect(app.screen.contains("“Tee” has variants: select one of the"))
        await app.press("j", "j", "+", "+")
        #expect(app.line(containing: "└ TEE-M")?.hasSuffix("4") == true)
        #expect(app.line(containing: "Tee ")?.hasSuffix("5") == true)
        let saved = try await client.product(tee.id)
        #expect(saved.variants.first { $0.sku == "TEE-M" }?.inventoryCount == 4)
        #expect(saved.inventoryCount == 5)
    }

    @Test("delete asks first; cancelling keeps the product, confirming removes it")
    func deleteConfirms() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop()
        try await TUIFixtures.product("Keeper", price: 500, stock: 1, in: shop, client: client)
        let goner = try await TUIFixtures.product("Goner", price: 700, stock: 2, in: shop, client: client)
        let app = try await AppHarness.start(client: client)
        await app.press("2", "enter")
        #expect(app.model.vendor.products?.selectedProduct?.id == goner.id)

        await app.press("d")
        let dialog = app.snapshot("vendor-delete-dialog-80x24")
        #expect(dialog.contains("Delete product"))
        #expect(dialog.contains("Delete “Goner”?"))
        await app.press("esc")
        #expect(!app.screen.contains("Delete product"))
        #expect(app.screen.contains("Goner"))

        await app.press("d", "d")
        #expect(!app.screen.contains("Goner  "))
        #expect(app.screen.contains("Deleted “Goner”."))
        #expect(app.screen.contains("Keeper"))
        await #expect(throws: ClientError.self) { try await client.product(goner.id) }
    }

    @Test("a shop's products page in as the selection nears the end")
    func productsPage() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop()
        for index in 1...60 {
            try await TUIFixtures.product("Item \(index)", price: 100 * Int64(index), stock: index, in: shop, client: client)
        }
        let app = try await AppHarness.start(client: client, width: 120, height: 40)
        await app.press("2", "enter")
        #expect(app.screen.contains("50+ products"))
        await app.press("G")
        #expect(app.screen.contains("60 products"))
        #expect(app.model.vendor.products?.products.count == 60)
        #expect(Set(app.model.vendor.products?.products.map(\.title) ?? []).count == 60)
    }

    @Test("a new shop: checks as you go, then it opens and is listed")
    func newShop() async throws {
        let client = try TUIFixtures.client()
        let tag = UUID().uuidString.prefix(8).lowercased()
        try await client.register(RegisterRequest(email: "shopless-\(tag)@example.test", password: "tui-test-password", name: "New Vendor", role: .vendor))
        let app = try await AppHarness.start(client: client)
        await app.press("2")
        #expect(app.screen.contains("You have no shop yet."))
        await app.press("n")
        #expect(app.screen.contains("Open a new shop"))
        await app.type("X")
        await app.press("tab")
        #expect(app.screen.contains("At least 2 characters."))
        await app.press("shift-tab", "ctrl-u")
        await app.type("Glaze Lab \(tag)")
        await app.press("tab", "tab", "ctrl-u")
        await app.type("xyz")
        await app.press("tab")
        #expect(app.screen.contains("XYZ is not a currency MarketMate knows"))
        await app.press("shift-tab", "ctrl-u")
        await app.type("eur")
        await app.press("tab")
        await app.type("hello@glaze.example")
        await app.press("enter")
        #expect(app.model.vendor.shopForm == nil)
        #expect(app.line(containing: "Glaze Lab \(tag)")?.contains("EUR") == true)
        let me = try #require(await client.currentUser)
        #expect(try await client.shops(ownerId: me.id).items.map(\.name) == ["Glaze Lab \(tag)"])
    }

    @Test("a click on a column header sorts by it; the palette reaches variant commands from a field")
    func mouseAndPalette() async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop()
        try await TUIFixtures.product("Plenty", price: 500, stock: 40, in: shop, client: client)
        try await TUIFixtures.product("Scarce", price: 900, stock: 2, in: shop, client: client)
        let app = try await AppHarness.start(client: client)
        await app.press("2", "enter")
        let header = try #require(app.lines.firstIndex { $0.contains("Title") && $0.contains("Stock") })
        let column = try #require(app.lines[header].range(of: "Stock")).lowerBound.utf16Offset(in: app.lines[header])
        await app.click(x: column + 1, y: header)
        #expect(app.screen.contains("sorted by Stock ▲"))
        #expect(app.lines[header + 1].contains("Scarce"))
        await app.click(x: column + 1, y: header)
        #expect(app.screen.contains("sorted by Stock ▼"))
        #expect(app.lines[header + 1].contains("Plenty"))

        // In a field, letters are text; the palette still finds "Add a variant".
        await app.press("n", "ctrl-p")
        await app.type("add a variant")
        await app.press("enter")
        #expect(app.screen.contains("New variant"))
    }
}
