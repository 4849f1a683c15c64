import Foundation
import MarketClient
import MarketModels
import Testing

/// The commerce calls against a real server: the cart's edits, a quote, a checkout retried
/// with its key (one order), payment authentication, the order's life from both sides and
/// the invoice file.
@Suite("Commerce client (live)", .liveServer(jobs: true))
struct CommerceLiveTests {
    static let address = ShippingAddress(name: "Bea Buyer", line1: "12 Harbour Road", city: "Springfield", region: "CA", postalCode: "94110", country: "US")

    /// A vendor with a shop and one product (`stock` at 12.00 USD), and a new buyer.
    static func setUp(stock: Int = 5) async throws -> (vendor: TestClient, shop: ShopDTO, product: ProductDTO, buyer: TestClient) {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let vendor = try TestClient()
        try await vendor.client.register(RegisterRequest(email: "shop-\(tag)@example.com", password: "long enough password", name: "Vee", role: .vendor))
        let shop = try await vendor.client.createShop(CreateShopRequest(name: "Commerce \(tag)", description: "Mugs.", currency: .usd))
        let product = try await vendor.client.createProduct(shopId: shop.id, CreateProductRequest(
            title: "Oat mug \(tag)", description: "A mug.", price: Money(amount: 1200, currency: .usd), inventoryCount: stock))
        let buyer = try TestClient()
        try await buyer.client.register(RegisterRequest(email: "buy-\(tag)@example.com", password: "long enough password", name: "Bea", role: .buyer))
        return (vendor, shop, product, buyer)
    }

    @Test("cart edits, a quote, and a checkout sent twice with one key make one order; the shop sees it, ships it, refunds part")
    func purchase() async throws {
        let (vendor, shop, product, buyer) = try await Self.setUp()
        var cart = try await buyer.client.addToCart(AddCartItemRequest(productId: product.id, quantity: 1))
        let line = try #require(cart.items.first)
        cart = try await buyer.client.updateCartItem(UpdateCartItemRequest(itemId: line.id, quantity: 3))
        #expect(cart.items.map(\.quantity) == [3])
        #expect(cart.subtotal == Money(amount: 3600, currency: .usd))
        let refused = await #expect(throws: ClientError.self) {
            try await buyer.client.updateCartItem(UpdateCartItemRequest(itemId: line.id, quantity: 6))
        }
        #expect(refused?.code == .outOfStock)
        #expect(refused?.isDefinitiveAnswer == true)

        let quote = try await buyer.client.checkoutQuote(CheckoutQuoteRequest(shippingAddress: Self.address, shippingOption: "standard"))
        #expect(quote.orders.map(\.shopId) == [shop.id])
        #expect(quote.shippingOptions.map(\.code).contains("express"))

        let request = CheckoutRequest(shippingAddress: Self.address, shippingOption: "standard", paymentMethod: "pm_card_visa")
        let first = try await buyer.client.checkout(request, idempotencyKey: "purchase-\(line.id)")
        let again = try await buyer.client.checkout(request, idempotencyKey: "purchase-\(line.id)")
        #expect(first.checkoutId == again.checkoutId)
        #expect(first.payment.status == .succeeded)
        #expect(first.payment.amount == quote.total)
        let order = try #require(first.orders.first)
        #expect(try await buyer.client.orders().items.map(\.id) == [order.id])
        #expect(try await buyer.client.cart().items.isEmpty)

        #expect(try await vendor.client.orders(shopId: shop.id).items.map(\.id) == [order.id])
        #expect(try await vendor.client.orders(status: .shipped, shopId: shop.id).items.isEmpty)
        let shipped = try await vendor.client.shipOrder(order.id, ShipOrderRequest(carrier: "UPS", trackingNumber: "1Z999"))
        #expect(shipped.status == .shipped && shipped.carrier == "UPS")
        let refundRequest = RefundOrderRequest(amount: Money(amount: 500, currency: .usd))
        let refunded = try await vendor.client.refundOrder(order.id, refundRequest, idempotencyKey: "refund-\(order.id)")
        let repeated = try await vendor.client.refundOrder(order.id, refundRequest, idempotencyKey: "refund-\(order.id)")
        #expect(refunded.refunded == Money(amount: 500, currency: .usd))
        #expect(repeated.refunded == Money(amount: 500, currency: .usd))
        let completed = try await buyer.client.completeOrder(order.id)
        #expect(completed.status == .complete)
        #expect(completed.timeline.map(\.status) == [.pending, .paid, .shipped, .complete])
    }

    @Test("authentication: requires_action, then confirm pays; a declined card is 402 and takes nothing")
    func paymentOutcomes() async throws {
        let (_, _, product, buyer) = try await Self.setUp()
        _ = try await buyer.client.addToCart(AddCartItemRequest(productId: product.id, quantity: 1))
        let declined = CheckoutRequest(shippingAddress: Self.address, shippingOption: "standard", paymentMethod: "pm_card_chargeDeclined")
        let error = await #expect(throws: ClientError.self) { try await buyer.client.checkout(declined, idempotencyKey: UUID().uuidString) }
        #expect(error?.code == .paymentDeclined)

        _ = try await buyer.client.addToCart(AddCartItemRequest(productId: product.id, quantity: 1))
        let strong = CheckoutRequest(shippingAddress: Self.address, shippingOption: "express", paymentMethod: "pm_card_authenticationRequired")
        let pending = try await buyer.client.checkout(strong, idempotencyKey: UUID().uuidString)
        #expect(pending.payment.status == .requiresAction)
        let confirmed = try await buyer.client.confirmPayment(pending.payment.id, idempotencyKey: UUID().uuidString)
        #expect(confirmed.payment.status == .succeeded)
        #expect(confirmed.orders.map(\.status) == [.paid])
    }

    @Test("the invoice downloads as a PDF once the job has made it; a buyer cancels a paid order")
    func invoiceAndCancel() async throws {
        let (vendor, _, product, buyer) = try await Self.setUp()
        _ = try await buyer.client.addToCart(AddCartItemRequest(productId: product.id, quantity: 2))
        let request = CheckoutRequest(shippingAddress: Self.address, shippingOption: "standard", paymentMethod: "pm_card_visa")
        let order = try #require(try await buyer.client.checkout(request, idempotencyKey: UUID().uuidString).orders.first)
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !buyer.client.order(order.id).invoiceAvailable {
            guard ContinuousClock.now < deadline else { throw FixtureError("no invoice within 20 s") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let file = URL(fileURLWithPath: TestClient.temporaryDirectory()).appendingPathComponent("invoice.pdf")
        try await buyer.client.downloadInvoice(order.id, to: file)
        #expect(try Data(contentsOf: file).starts(with: Data("%PDF".utf8)))

        let cancelled = try await buyer.client.cancelOrder(order.id, CancelOrderRequest(reason: "changed my mind"))
        #expect(cancelled.status == .cancelled)
        #expect(try await vendor.client.product(product.id).inventoryCount == 5)
        let again = await #expect(throws: ClientError.self) { try await buyer.client.completeOrder(order.id) }
        #expect(again?.code == .invalidTransition)
    }
}
