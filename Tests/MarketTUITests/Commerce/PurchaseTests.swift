import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// Buying in the terminal app against the suite's real server: the product page's `a`, the
/// cart's edits, the checkout's steps with each test payment method, and what the server
/// holds afterwards. Each test has a shop, products and a buyer of its own.
@Suite("Commerce: buying", .tuiServerWithJobs)
struct PurchaseTests {
    /// A shop with one product of `stock` at 12.00 USD, titled with a word of its own.
    static func product(stock: Int = 5, shopName: String = "Kiln Test") async throws -> (vendor: APIClient, shop: ShopDTO, product: ProductDTO, word: String) {
        let (vendor, _, shop) = try await TUIFixtures.vendorWithShop(shopName: shopName)
        let word = BuyerFixtures.uniqueWord()
        let product = try await TUIFixtures.product("\(word) Oat Mug", price: 1200, stock: stock, in: shop, client: vendor)
        return (vendor, shop, product, word)
    }

    /// Finds the product by its word, opens it and presses `a`.
    static func addFromCatalog(_ app: AppHarness, word: String) async {
        await ProductDetailTests.search(app, for: word)
        await app.press("enter", "a", "esc")
    }

    /// From the cart: `c`, the address typed in, the shipping option, the payment method at
    /// `method` in the list, on to the confirm step.
    static func checkoutToConfirm(_ app: AppHarness, method: Int = 0) async {
        await app.press("c")
        await app.press("tab")
        await app.type("12 Harbour Road")
        await app.press("tab", "tab")
        await app.type("Springfield")
        await app.press("tab")
        await app.type("CA")
        await app.press("tab")
        await app.type("94110")
        await app.press("tab", "enter")  // the country is US already
        await app.press("enter")  // standard shipping
        for _ in 0..<method { await app.press("j") }
        await app.press("enter", "enter")  // the payment method, then the review
    }

    /// A new buyer with the product in the cart, on the catalog.
    static func buyerWithProduct(word: String) async throws -> (AppHarness, APIClient) {
        let (buyer, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: buyer)
        await addFromCatalog(app, word: word)
        return (app, buyer)
    }

    /// A new buyer whose requests are recorded, with the product in the cart, on the
    /// checkout's confirm step.
    static func atConfirm(word: String, method: Int = 0) async throws -> (AppHarness, APIClient, RecordingTransport) {
        let transport = RecordingTransport()
        let client = try BuyerFixtures.client(transport: transport)
        try await BuyerFixtures.buyer(on: client)
        let app = try await AppHarness.start(client: client)
        await addFromCatalog(app, word: word)
        await app.press("c")
        await checkoutToConfirm(app, method: method)
        return (app, client, transport)
    }

    @Test("add to cart → checkout → success → the order is listed, and the server has it", arguments: [(80, 24), (200, 60)])
    func endToEnd(width: Int, height: Int) async throws {
        let (vendor, shop, product, word) = try await Self.product()
        let (buyer, _) = try await BuyerFixtures.buyer()
        let app = try await AppHarness.start(client: buyer, width: width, height: height)
        #expect(app.lines[0].contains("Cart 0"))
        await Self.addFromCatalog(app, word: word)
        #expect(app.lines[0].contains("Cart 1 · 12.00 USD"))

        await app.press("c")
        #expect(app.model.tab == .cart)
        app.snapshot("cart-\(width)x\(height)")
        #expect(app.line(containing: "\(word) Oat Mug")?.contains("12.00 USD") == true)
        await app.press("+")
        #expect(app.lines[0].contains("Cart 2 · 24.00 USD"))
        #expect(try await buyer.cart().items.map(\.quantity) == [2])

        await Self.checkoutToConfirm(app)
        let confirm = app.snapshot("checkout-confirm-\(width)x\(height)")
        #expect(app.model.cart.checkout?.step == .confirm)
        #expect(confirm.contains("Kiln Test"))
        #expect(confirm.contains("Grand total"))
        #expect(confirm.contains("Press enter to place the order"))

        await app.press("enter")
        let done = app.snapshot("checkout-done-\(width)x\(height)")
        #expect(app.model.cart.checkout?.step == .done)
        #expect(done.contains("Thank you: your order is placed and paid"))
        let placed = try #require(app.model.cart.checkout?.result?.orders.first)
        #expect(done.contains(OrderText.number(placed.id)))
        #expect(app.lines[0].contains("Cart 0"))
        #expect(try await buyer.cart().items.isEmpty)

        await app.press("enter")
        let orders = app.snapshot("orders-after-purchase-\(width)x\(height)")
        #expect(app.model.tab == .orders)
        let row = try #require(app.line(containing: OrderText.number(placed.id)))
        #expect(row.contains("Kiln Test"))
        #expect(row.contains("paid"))
        #expect(orders.contains("1 order"))
        let mine = try await buyer.orders()
        #expect(mine.items.map(\.id) == [placed.id])
        #expect(mine.items[0].lines.map(\.quantity) == [2])
        #expect(try await vendor.product(product.id).inventoryCount == 3)
        #expect(try await vendor.orders(shopId: shop.id).items.map(\.id) == [placed.id])
    }

    @Test("a double Enter on the confirm step sends one checkout with one key, and one order is made")
    func doubleEnter() async throws {
        let (_, _, _, word) = try await Self.product()
        let (app, client, transport) = try await Self.atConfirm(word: word)
        app.process([.key(KeyPress(.enter)), .key(KeyPress(.enter))])
        await app.settle()
        #expect(app.model.cart.checkout?.step == .done)
        let checkouts = transport.sentRequests.filter { $0.method == "POST" && $0.url.path.hasSuffix("/checkout") }
        #expect(checkouts.count == 1)
        #expect(checkouts.first?.header("Idempotency-Key") != nil)
        #expect(try await client.orders().items.count == 1)
    }

    @Test("a declined card says so and stays on the payment step; Visa then goes through under a new key")
    func declined() async throws {
        let (vendor, _, product, word) = try await Self.product()
        let (app, client, transport) = try await Self.atConfirm(word: word, method: 3)
        #expect(app.model.cart.checkout?.paymentMethod == "pm_card_chargeDeclined")
        await app.press("enter")
        let declined = app.snapshot("checkout-declined-80x24")
        #expect(app.model.cart.checkout?.step == .payment)
        #expect(declined.contains("Declined: The payment was declined; try another payment method."))
        #expect(try await client.orders().items.allSatisfy { $0.status == .cancelled })
        #expect(try await vendor.product(product.id).inventoryCount == 5)

        await app.press("g", "enter", "enter", "enter")  // Visa, review, place
        #expect(app.model.cart.checkout?.step == .done)
        let keys = transport.sentRequests.filter { $0.url.path.hasSuffix("/checkout") }.compactMap { $0.header("Idempotency-Key") }
        #expect(keys.count == 2)
        #expect(Set(keys).count == 2)
    }

    @Test("a card that needs authentication gets the 'Confirm payment (authentication)' step, then is paid")
    func authentication() async throws {
        let (_, _, _, word) = try await Self.product()
        let (app, buyer) = try await Self.buyerWithProduct(word: word)
        await app.press("c")
        await Self.checkoutToConfirm(app, method: 2)
        await app.press("enter")
        let screen = app.snapshot("checkout-authenticate-80x24")
        #expect(app.model.cart.checkout?.step == .authenticate)
        #expect(screen.contains("Confirm payment (authentication)"))
        #expect(screen.contains("enter confirm payment"))
        #expect(try await buyer.orders().items.map(\.status) == [.pending])
        await app.press("enter")
        #expect(app.model.cart.checkout?.step == .done)
        #expect(try await buyer.orders().items.map(\.status) == [.paid])
    }

    @Test("short stock at checkout: nothing is ordered, back to the cart with the line marked")
    func outOfStock() async throws {
        let (vendor, _, product, word) = try await Self.product(stock: 2)
        let (app, buyer) = try await Self.buyerWithProduct(word: word)
        await app.press("c", "+")
        #expect(app.lines[0].contains("Cart 2"))
        await Self.checkoutToConfirm(app)
        // Someone else bought one meanwhile.
        _ = try await vendor.adjustStock(product.id, delta: -1)
        await app.press("enter")
        let screen = app.snapshot("checkout-out-of-stock-80x24")
        #expect(app.model.cart.checkout == nil)
        #expect(app.model.tab == .cart)
        #expect(app.model.toasts.visible.map(\.message).contains("One item is short of stock: nothing was ordered. Adjust the marked lines and check out again."))
        #expect(screen.contains("One item is short of"))
        #expect(app.model.cart.problems.count == 1)
        #expect(app.line(containing: "\(word) Oat Mug") != nil)
        #expect(try await buyer.orders().items.isEmpty)
    }

    @Test("cart edits: past the stock is refused and put back with a toast; d removes the line")
    func cartEdits() async throws {
        let (_, _, _, word) = try await Self.product(stock: 1)
        let (app, buyer) = try await Self.buyerWithProduct(word: word)
        await app.press("c")
        // Shown at once, before the server answers.
        app.process([.key(.char("+"))])
        #expect(app.model.cart.selectedLine?.quantity == 2)
        await app.settle()
        #expect(app.model.cart.selectedLine?.quantity == 1)
        #expect(app.lines[0].contains("Cart 1"))
        #expect(app.model.toasts.visible.contains { $0.message.contains("was not changed") })
        await app.press("d")
        let empty = app.snapshot("cart-empty-80x24")
        #expect(empty.contains("Your cart is empty."))
        #expect(app.lines[0].contains("Cart 0"))
        #expect(try await buyer.cart().items.isEmpty)
    }
}
