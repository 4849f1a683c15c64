import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// Orders after the purchase, on the real server: the buyer's Orders tab (cancel, received,
/// invoice) and a shop's queue in My shops (ship, refund), each offered only when the
/// order's state allows it.
@Suite("Commerce: orders", .tuiServerWithJobs)
struct OrderScreensTests {
    /// An order of two mugs placed through the API by a new buyer, paid with Visa.
    static func placedOrder() async throws -> (vendor: APIClient, shop: ShopDTO, buyer: APIClient, order: OrderDTO, product: ProductDTO) {
        let (vendor, shop, product, _) = try await PurchaseTests.product(stock: 5, shopName: "Queue Pottery")
        let (buyer, _) = try await BuyerFixtures.buyer(name: "Bea Buyer")
        _ = try await buyer.addToCart(AddCartItemRequest(productId: product.id, quantity: 2))
        let request = CheckoutRequest(shippingAddress: CommerceFixtures.address, shippingOption: "standard", paymentMethod: "pm_card_visa")
        let result = try await buyer.checkout(request, idempotencyKey: UUID().uuidString)
        let order = try #require(result.orders.first)
        return (vendor, shop, buyer, order, product)
    }

    /// Polls until the invoice job has made the order's PDF.
    static func invoiceReady(_ id: OrderID, client: APIClient) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !client.order(id).invoiceAvailable {
            guard ContinuousClock.now < deadline else { throw TUIFixtureError("no invoice for \(id) within 20 s") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test("the buyer cancels a paid order (asked first); the stock goes back", arguments: [(80, 24), (200, 60)])
    func buyerCancels(width: Int, height: Int) async throws {
        let (vendor, _, buyer, order, product) = try await Self.placedOrder()
        let app = try await AppHarness.start(client: buyer, width: width, height: height)
        await app.press("t")
        #expect(app.model.tab == .orders)
        let row = try #require(app.line(containing: OrderText.number(order.id)))
        #expect(row.contains("Queue Pottery") && row.contains("paid"))
        await app.press("enter")
        let detail = app.snapshot("buyer-order-\(width)x\(height)")
        #expect(detail.contains("Order \(OrderText.number(order.id))"))
        #expect(detail.contains("Ship to: Bea Buyer, 12 Harbour Road, 94110 Springfield CA, US"))
        #expect(detail.contains("Not shipped yet."))
        #expect(app.line(containing: "by MarketMate")?.contains("paid") == true)
        #expect(detail.contains("X cancel order"))
        #expect(!detail.contains("received"))

        await app.press("X")
        #expect(app.screen.contains("Cancel order \(OrderText.number(order.id))?"))
        await app.press("c")
        #expect(app.model.orders.detail?.order.status == .cancelled)
        #expect(app.model.toasts.visible.map(\.message).contains("Order \(OrderText.number(order.id)) cancelled."))
        #expect(app.lines.contains { $0.contains("cancelled") && $0.contains("by the buyer") })
        #expect(!app.screen.contains("cancel order"))
        #expect(try await buyer.order(order.id).status == .cancelled)
        #expect(try await vendor.product(product.id).inventoryCount == 5)
    }

    @Test("the shop ships from its queue; the buyer sees the tracking, marks it received and saves the invoice; the shop refunds the rest")
    func shipReceiveInvoiceRefund() async throws {
        let (vendor, _, buyer, order, _) = try await Self.placedOrder()
        let shopApp = try await AppHarness.start(client: vendor, width: 200, height: 60)
        await shopApp.press("2", "t")
        let queue = shopApp.snapshot("shop-queue-200x60")
        #expect(queue.contains("Orders of Queue Pottery"))
        let row = try #require(shopApp.line(containing: OrderText.number(order.id)))
        #expect(row.contains("Bea Buyer") && row.contains("paid"))
        #expect(queue.contains("S ship") && queue.contains("$ refund") && queue.contains("X cancel order"))

        // Only paid orders, then all again.
        await shopApp.press("f", "f")
        #expect(shopApp.model.vendor.shopOrders?.statusFilter == .paid)
        #expect(shopApp.line(containing: OrderText.number(order.id)) != nil)
        await shopApp.press("f")
        #expect(shopApp.line(containing: OrderText.number(order.id)) == nil)
        for _ in 0..<4 { await shopApp.press("f") }
        #expect(shopApp.model.vendor.shopOrders?.statusFilter == nil)

        await shopApp.press("S")
        await shopApp.type("UPS")
        await shopApp.press("tab")
        await shopApp.type("1Z999AA10123456784")
        await shopApp.press("enter")
        #expect(shopApp.model.vendor.shopOrders?.page.items.first?.status == .shipped)
        #expect(shopApp.line(containing: OrderText.number(order.id))?.contains("shipped") == true)
        #expect(!shopApp.screen.contains("S ship"))

        let downloads = NSTemporaryDirectory() + "mm-invoices-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: downloads) }
        let buyerApp = try await AppHarness.start(client: buyer, downloadsDirectory: downloads)
        try await Self.invoiceReady(order.id, client: buyer)
        await buyerApp.press("t", "enter")
        let shipped = buyerApp.snapshot("buyer-order-shipped-80x24")
        #expect(shipped.contains("Shipped with UPS, tracking number 1Z999AA10123456784"))
        #expect(shipped.contains("m received"))
        #expect(!shipped.contains("cancel order"))
        await buyerApp.press("m")
        #expect(buyerApp.model.orders.detail?.order.status == .complete)
        #expect(buyerApp.lines.contains { $0.contains("received") && $0.contains("by the buyer") })

        await buyerApp.press("I")
        let file = downloads + "/invoice-\(OrderText.number(order.id).dropFirst()).pdf"
        #expect(buyerApp.model.toasts.visible.map(\.message).contains("Invoice of order \(OrderText.number(order.id)) saved to \(file)."))
        let pdf = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        #expect(buyerApp.screen.contains("Invoice saved to"))

        // The shop refunds what is left (the form starts with it), with one key.
        await shopApp.press("ctrl-r")
        await shopApp.press("$")
        let form = shopApp.snapshot("shop-refund-200x60")
        #expect(form.contains("Up to \(order.total.formatted) is left to refund."))
        await shopApp.press("enter", "enter")
        #expect(shopApp.model.vendor.shopOrders?.dialog == nil)
        let refunded = try await vendor.order(order.id)
        #expect(refunded.refunded == order.total)
        #expect(refunded.status == .refunded)
        #expect(shopApp.model.toasts.visible.map(\.message).contains("Order \(OrderText.number(order.id)): \(order.total.formatted) refunded in all."))
        await shopApp.press("esc")
        #expect(shopApp.model.vendor.shopOrders == nil)
    }
}
