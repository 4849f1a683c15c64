import Foundation
import FluentKit
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// Orders after checkout: who sees what, the state machine, cancel, ship, complete, refunds.
@Suite("Orders")
struct OrderTests {
    /// A shop with a 10.00 product, a buyer who bought `quantity` of it, and the order.
    private func purchase(_ client: any TestClientProtocol, _ name: String, quantity: Int = 2) async throws
        -> (owner: CatalogUser, buyer: CatalogUser, order: OrderDTO, product: ProductDTO) {
        let (owner, shop) = try await client.vendorWithShop("\(name)shop")
        let product = try await client.createProduct(shop, productRequest("Kettle", price: .usd(1000), inventoryCount: 10), as: owner)
        let buyer = try await client.buyer("\(name)buyer")
        try await client.addToCart(product.id, quantity: quantity, as: buyer)
        let result = try await client.checkedOut(as: buyer)
        return (owner, buyer, result.orders[0], product)
    }

    @Test("buyers see their own, vendors their shop's, admins all; anyone else gets 404", arguments: TestDatabase.enabled)
    func visibility(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, buyer, order, _) = try await purchase(client, "vis")
            let other = try await client.buyer("nosy")
            let otherVendor = try await client.vendor("rival")
            let admin = try await app.admin(client)
            for user in [buyer, owner, admin] {
                #expect(try await client.order(order.id, as: user).status == .ok)
            }
            for user in [other, otherVendor] {
                #expect(try await client.order(order.id, as: user).status == .notFound)
                #expect(try await client.orderAction(order.id, "cancel", as: user).status == .notFound)
            }
            let list = { (user: CatalogUser) in try await client.request(.get, "/api/v1/orders", token: user.token).decode(ListPage<OrderDTO>.self) }
            #expect(try await list(buyer).items.map(\.id) == [order.id])
            #expect(try await list(owner).items.map(\.id) == [order.id])
            #expect(try await list(admin).items.map(\.id) == [order.id])
            #expect(try await list(other).items.isEmpty)
            let byShop = try await client.request(.get, "/api/v1/orders?shopId=\(order.shopId)", token: otherVendor.token)
            #expect(byShop.status == .notFound)
        }
    }

    @Test("ship, then complete; forbidden moves are 409 invalid_transition; the timeline says who and when", arguments: TestDatabase.enabled)
    func lifecycle(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, buyer, order, _) = try await purchase(client, "life")
            #expect(try await client.orderAction(order.id, "ship", json: ShipOrderRequest(carrier: "DHL", trackingNumber: "JD0001"), as: buyer).status == .forbidden)
            #expect(try await client.orderAction(order.id, "complete", as: buyer).status == .conflict)
            app.tick()
            var response = try await client.orderAction(order.id, "ship", json: ShipOrderRequest(carrier: "DHL", trackingNumber: "JD0001"), as: owner)
            #expect(response.status == .ok)
            var shipped = try response.decode(OrderDTO.self)
            #expect(shipped.status == .shipped)
            #expect(shipped.carrier == "DHL")
            #expect(shipped.trackingNumber == "JD0001")
            response = try await client.orderAction(order.id, "ship", json: ShipOrderRequest(carrier: "DHL", trackingNumber: "JD0002"), as: owner)
            #expect(response.status == .conflict)
            #expect(try response.errorBody.code == "invalid_transition")
            // A buyer cannot cancel what has shipped.
            response = try await client.orderAction(order.id, "cancel", as: buyer)
            #expect(response.status == .conflict)
            #expect(try response.errorBody.code == "invalid_transition")
            app.tick()
            response = try await client.orderAction(order.id, "complete", as: buyer)
            shipped = try response.decode(OrderDTO.self)
            #expect(shipped.status == .complete)
            #expect(shipped.timeline.map(\.status) == [.pending, .paid, .shipped, .complete])
            #expect(shipped.timeline.map(\.actor) == [.buyer, .system, .vendor, .buyer])
            #expect(shipped.timeline[2].actorId == owner.id)
            #expect(try await client.orderAction(order.id, "cancel", as: owner).status == .conflict)
            // The buyer got a mail per move (paid, shipped, complete) with the tracking number.
            try await app.environment.jobs.runDueJobs(type: SendMailJobHandler.type)
            let mails = try app.outboxFiles().filter { $0.contains("Your MarketMate order") }
            #expect(mails.count == 3)
            #expect(mails.contains { $0.contains("JD0001") })
        }
    }

    @Test("cancel before shipping puts the stock back and refunds in full", arguments: TestDatabase.enabled)
    func cancel(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (_, buyer, order, product) = try await purchase(client, "cancel", quantity: 3)
            #expect(try await client.stock(product.id) == 7)
            app.tick()
            let response = try await client.orderAction(order.id, "cancel", json: CancelOrderRequest(reason: "Changed my mind\u{1B}[31m"), as: buyer)
            #expect(response.status == .ok)
            let cancelled = try response.decode(OrderDTO.self)
            #expect(cancelled.status == .cancelled)
            #expect(cancelled.refunded == cancelled.total)
            #expect(cancelled.timeline.last?.note == "Changed my mind")
            #expect(try await client.stock(product.id) == 10)
            let payment = try await PaymentModel.find(order.paymentId.rawValue, on: app.environment.database)
            #expect(payment?.refundedAmount == order.total.amount)
            #expect(try await client.orderAction(order.id, "cancel", as: buyer).status == .conflict)
        }
    }

    @Test("refunds: partial then the rest; never more than paid; the same key twice refunds once", arguments: TestDatabase.enabled)
    func refunds(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, buyer, order, _) = try await purchase(client, "refund")
            let total = order.total.amount
            #expect(try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(100)), key: "r1", as: buyer).status == .forbidden)
            #expect(try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(100)), as: owner).status == .badRequest)
            var response = try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(100)), key: "r1", as: owner)
            #expect(response.status == .ok)
            #expect(try response.decode(OrderDTO.self).refunded == .usd(100))
            #expect(try response.decode(OrderDTO.self).status == .paid)
            response = try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(100)), key: "r1", as: owner)
            #expect(try response.decode(OrderDTO.self).refunded == .usd(100))
            response = try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(total)), key: "r2", as: owner)
            #expect(response.status == .conflict)
            response = try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .eur(1)), key: "r3", as: owner)
            #expect(response.status == .badRequest)
            response = try await client.orderAction(order.id, "refund", key: "r4", as: owner)
            let refunded = try response.decode(OrderDTO.self)
            #expect(refunded.refunded == .usd(total))
            #expect(refunded.status == .refunded)
            let payment = try await PaymentModel.find(order.paymentId.rawValue, on: app.environment.database)
            #expect(payment?.refundedAmount == total)
            #expect(try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(1)), key: "r5", as: owner).status == .conflict)
        }
    }

    @Test("concurrent refunds of the same order never give back more than was paid", arguments: TestDatabase.enabled)
    func concurrentRefunds(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { app, client in
            let (owner, _, order, _) = try await purchase(client, "refrace")
            let half = order.total.amount / 2 + 1
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        Int(try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(half)), key: "race-\(index)", as: owner).status.code)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            let stored = try await OrderModel.find(order.id.rawValue, on: app.environment.database)
            #expect(stored?.refundedAmount == half)
        }
    }
}

/// The PDF invoice of a paid order.
@Suite("Order invoices")
struct OrderInvoiceTests {
    @Test("made by a job once paid; the buyer and the shop download it, text extractable; others get 404", arguments: TestDatabase.enabled)
    func invoice(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("invoicer", shopName: "Kiln & Co")
            let product = try await client.createProduct(shop, productRequest("Stoneware Mug", price: .usd(1850), inventoryCount: 9), as: owner)
            let buyer = try await client.buyer("invoicebuyer")
            try await client.addToCart(product.id, quantity: 2, as: buyer)
            let order = try await client.checkedOut(as: buyer).orders[0]
            #expect(try await client.request(.get, "/api/v1/orders/\(order.id)/invoice", token: buyer.token).status == .notFound)
            try await app.environment.jobs.runDueJobs(type: InvoiceJobHandler.type)
            #expect(try await client.order(order.id, as: buyer).decode(OrderDTO.self).invoiceAvailable)
            let stranger = try await client.buyer("invoicestranger")
            #expect(try await client.request(.get, "/api/v1/orders/\(order.id)/invoice", token: stranger.token).status == .notFound)
            #expect(try await client.request(.get, "/api/v1/orders/\(order.id)/invoice", token: owner.token).status == .ok)
            let response = try await client.request(.get, "/api/v1/orders/\(order.id)/invoice", token: buyer.token)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/pdf")
            let text = try InvoiceFixtures.text(of: Array(response.body.readableBytesView))
            for expected in ["INV-\(order.id)", "Kiln & Co", "Stoneware Mug", "18.50 USD", order.total.formatted] {
                #expect(text.contains(expected), "missing \(expected)")
            }
        }
    }
}
