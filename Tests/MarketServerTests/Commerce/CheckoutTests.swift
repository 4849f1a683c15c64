import Foundation
import FluentKit
import HummingbirdTesting
import MarketModels
import SQLKit
import Testing
@testable import MarketServer

/// `POST /checkout`: stock, money, idempotency, payments, on SQLite and PostgreSQL.
@Suite("Checkout")
struct CheckoutTests {
    @Test("two shops, a platform coupon, tax and shipping: one order per shop, cents that add up, stock taken, cart emptied",
          arguments: TestDatabase.enabled)
    func multiShop(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: { $0.commerce.taxRates = ["US-CA": 725] }) { app, client in
            let (alice, aliceShop) = try await client.vendorWithShop("alice")
            let (bob, bobShop) = try await client.vendorWithShop("bob")
            let mug = try await client.createProduct(aliceShop, productRequest("Mug", price: .usd(999), inventoryCount: 10), as: alice)
            let pen = try await client.createProduct(bobShop, productRequest("Pen", price: .usd(333), inventoryCount: 10), as: bob)
            let admin = try await app.admin(client)
            var response = try await client.request(.post, "/api/v1/coupons", json: CreateCouponRequest(code: "TENOFF", kind: .percentage, value: 1000), token: admin.token)
            #expect(response.status == .created)
            let buyer = try await client.buyer("carol")
            try await client.addToCart(mug.id, quantity: 3, as: buyer)
            try await client.addToCart(pen.id, quantity: 7, as: buyer)

            response = try await client.request(.post, "/api/v1/checkout/quote",
                                                json: CheckoutQuoteRequest(shippingAddress: testAddress, shippingOption: "standard", couponCode: "tenoff"), token: buyer.token)
            let quote = try response.decode(CheckoutQuoteDTO.self)
            let result = try await client.checkedOut(checkoutBody(coupon: "tenoff"), as: buyer)
            #expect(result.payment.status == .succeeded)
            #expect(result.orders.count == 2)
            #expect(result.orders.allSatisfy { $0.status == .paid })
            #expect(Set(result.orders.map(\.shopId)) == [aliceShop.id, bobShop.id])
            // Subtotal 2997 + 2331 = 5328; 10 % off = 532 (rounded down) split 299/233 by largest remainder.
            #expect(result.orders.map(\.discount.amount).reduce(0, +) == 532)
            let total = result.orders.map(\.total.amount).reduce(0, +)
            #expect(total == result.payment.amount.amount)
            #expect(total == quote.total.amount)
            for order in result.orders {
                #expect(order.total.amount == order.subtotal.amount - order.discount.amount + order.tax.amount + order.shipping.amount)
                #expect(order.lines.map(\.total.amount).reduce(0, +) + order.shipping.amount == order.total.amount)
                #expect(order.shipping == .usd(499))
                for line in order.lines {
                    let taxable = Int64(line.quantity) * line.unitPrice.amount - line.discount.amount
                    #expect(line.tax.amount == (taxable * 725 + 5000) / 10000)
                }
                #expect(order.timeline.map(\.status) == [.pending, .paid])
                #expect(order.couponCode == "TENOFF")
                // The answer is built from the rows checkout wrote: it must be what reading them gives.
                #expect(try await client.order(order.id, as: buyer).decode(OrderDTO.self) == order)
            }
            let payment = try await client.request(.get, "/api/v1/payments/\(result.payment.id)", token: buyer.token)
            #expect(try payment.decode(PaymentDTO.self) == result.payment)
            // The change log has the stock moves and, for the buyer and each shop, the orders.
            let changes = try await ChangeLogEntry.query(on: app.environment.database).filter(\.$entity ~~ ["order", "product"]).all()
            #expect(Set(changes.filter { $0.entity == "product" && $0.scope == "public" }.map(\.entityID)).isSuperset(of: [mug.id.rawValue, pen.id.rawValue]))
            for order in result.orders {
                let scopes = Set(changes.filter { $0.entity == "order" && $0.entityID == order.id.rawValue }.compactMap(\.scope))
                #expect(scopes == ["user:\(buyer.id.rawValue)", "shop:\(order.shopId.rawValue)"])
            }
            #expect(try await client.stock(mug.id) == 7)
            #expect(try await client.stock(pen.id) == 3)
            #expect(try await client.cart(buyer).items.isEmpty)
            // The buyer is mailed and notified; the shops hear of the new order.
            try await app.environment.jobs.runDueJobs(type: SendMailJobHandler.type)
            #expect(try app.outboxFiles().filter { $0.contains("Your MarketMate order") }.count == 2)
        }
    }

    @Test("a shop's own shipping options price its order; an option it does not offer is refused, the other shop's defaults apply",
          arguments: TestDatabase.enabled)
    func shopShippingOptions(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (alice, aliceShop) = try await client.vendorWithShop("courier")
            let (bob, bobShop) = try await client.vendorWithShop("plain")
            let options = ShippingOptionsDTO(options: [ShippingOptionDTO(code: "express", name: "Courier", price: .usd(700), estimatedDays: 1)])
            let put = try await client.request(.put, "/api/v1/shops/\(aliceShop.id)/shipping-options", json: options, token: alice.token)
            #expect(put.status == .ok)
            let mug = try await client.createProduct(aliceShop, productRequest("Mug", inventoryCount: 5), as: alice)
            let pen = try await client.createProduct(bobShop, productRequest("Pen", inventoryCount: 5), as: bob)
            let buyer = try await client.buyer("shipper")
            try await client.addToCart(mug.id, as: buyer)
            try await client.addToCart(pen.id, as: buyer)
            let refused = try await client.checkout(checkoutBody(option: "standard"), as: buyer)
            #expect(refused.status == .badRequest)
            #expect(try refused.errorBody.details.first?.code == "not_offered")
            #expect(try await client.stock(mug.id) == 5)
            let result = try await client.checkedOut(checkoutBody(option: "express"), as: buyer)
            let shipping = Dictionary(uniqueKeysWithValues: result.orders.map { ($0.shopId, $0.shipping) })
            #expect(shipping == [aliceShop.id: .usd(700), bobShop.id: .usd(1499)])
            #expect(result.orders.allSatisfy { $0.shippingOption == "express" })
        }
    }

    @Test("same key and body: the first answer again; same key, other body: 409; no key: 400", arguments: TestDatabase.enabled)
    func idempotency(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("idem")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 10), as: owner)
            let buyer = try await client.buyer("idembuyer")
            try await client.addToCart(mug.id, quantity: 2, as: buyer)
            let first = try await client.checkout(key: "key-1", as: buyer)
            #expect(first.status == .created)
            let again = try await client.checkout(key: "key-1", as: buyer)
            #expect(again.status == .created)
            #expect(again.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(try again.decode(CheckoutResultDTO.self) == first.decode(CheckoutResultDTO.self))
            let other = try await client.checkout(checkoutBody(option: "express"), key: "key-1", as: buyer)
            #expect(other.status == .conflict)
            #expect(try other.errorBody.code == "idempotency_conflict")
            let missing = try await client.request(.post, "/api/v1/checkout", json: checkoutBody(), token: buyer.token)
            #expect(missing.status == .badRequest)
            #expect(try await client.stock(mug.id) == 8)
        }
    }

    @Test("ten concurrent submits with one key make one checkout", arguments: TestDatabase.enabled)
    func concurrentSameKey(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { app, client in
            let (owner, shop) = try await client.vendorWithShop("race1")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 50), as: owner)
            let buyer = try await client.buyer("racer")
            try await client.addToCart(mug.id, quantity: 2, as: buyer)
            let answers = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await client.checkout(key: "double-enter", as: buyer)
                        return (Int(response.status.code), response.text)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.0 == 201 }, "\(answers.map(\.0))")
            let ids = Set(try answers.map { try MarketJSON.makeDecoder().decode(CheckoutResultDTO.self, from: Data($0.1.utf8)).checkoutId })
            #expect(ids.count == 1)
            #expect(try await client.stock(mug.id) == 48)
            let payments = try await PaymentModel.query(on: app.environment.database).count()
            #expect(payments == 1)
        }
    }

    @Test("forty buyers race for five units: exactly five orders, stock zero, the rest 409 out_of_stock", arguments: TestDatabase.enabled)
    func lastUnits(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { app, client in
            let (owner, shop) = try await client.vendorWithShop("scarce")
            let lamp = try await client.createProduct(shop, productRequest("Lamp", inventoryCount: 40), as: owner)
            var buyers: [CatalogUser] = []
            for index in 0..<40 {
                let buyer = try await client.buyer("racer\(index)")
                try await client.addToCart(lamp.id, as: buyer)
                buyers.append(buyer)
            }
            // Only five left by the time they check out.
            #expect(try await client.adjustStock(lamp.id, delta: -35, as: owner).status == .ok)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for buyer in buyers {
                    group.addTask { Int(try await client.checkout(as: buyer).status.code) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 5)
            #expect(statuses.filter { $0 == 409 }.count == 35)
            #expect(try await client.stock(lamp.id) == 0)
            #expect(try await OrderModel.query(on: app.environment.database).count() == 5)
        }
    }

    @Test("a short line: 409 naming it, nothing taken from the other lines, nothing charged", arguments: TestDatabase.enabled)
    func shortStock(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("short")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 10), as: owner)
            let pen = try await client.createProduct(shop, productRequest("Pen", inventoryCount: 3), as: owner)
            let buyer = try await client.buyer("shorty")
            try await client.addToCart(mug.id, quantity: 4, as: buyer)
            let cart = try await client.addToCart(pen.id, quantity: 3, as: buyer)
            #expect(try await client.adjustStock(pen.id, delta: -2, as: owner).status == .ok)
            let response = try await client.checkout(as: buyer)
            #expect(response.status == .conflict)
            let error = try response.errorBody
            #expect(error.code == "out_of_stock")
            let penLine = try #require(cart.items.first { $0.productId == pen.id })
            #expect(error.details.map(\.field) == ["items.\(penLine.id)"])
            #expect(try await client.stock(mug.id) == 10)
            #expect(try await client.stock(pen.id) == 1)
            #expect(try await PaymentModel.query(on: app.environment.database).count() == 0)
            #expect(try await client.cart(buyer).items.count == 2)
        }
    }

    @Test("a declined card: 402 payment_declined, stock back, orders cancelled, cart kept", arguments: TestDatabase.enabled)
    func declined(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("decline")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 5), as: owner)
            let buyer = try await client.buyer("broke")
            try await client.addToCart(mug.id, quantity: 2, as: buyer)
            let response = try await client.checkout(checkoutBody(payment: "pm_card_chargeDeclined"), key: "k", as: buyer)
            #expect(response.status.code == 402)
            #expect(try response.errorBody.code == "payment_declined")
            #expect(try await client.stock(mug.id) == 5)
            let orders = try await OrderModel.query(on: app.environment.database).all()
            #expect(orders.map(\.status) == ["cancelled"])
            #expect(try await client.cart(buyer).items.count == 1)
            // The same key answers the same.
            #expect(try await client.checkout(checkoutBody(payment: "pm_card_chargeDeclined"), key: "k", as: buyer).status.code == 402)
            // A card number is refused without being echoed.
            let card = try await client.checkout(checkoutBody(payment: "4242424242424242"), as: buyer)
            #expect(card.status == .badRequest)
            #expect(!card.text.contains("4242"))
        }
    }

    @Test("authentication required: pending until confirmed, then paid", arguments: TestDatabase.enabled)
    func authentication(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("threeds")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 5), as: owner)
            let buyer = try await client.buyer("secure")
            try await client.addToCart(mug.id, as: buyer)
            let result = try await client.checkedOut(checkoutBody(payment: "pm_card_authenticationRequired"), as: buyer)
            #expect(result.payment.status == .requiresAction)
            #expect(result.orders.map(\.status) == [.pending])
            let stranger = try await client.buyer("stranger")
            #expect(try await client.request(.post, "/api/v1/payments/\(result.payment.id)/confirm", token: stranger.token).status == .notFound)
            let confirmed = try await client.request(.post, "/api/v1/payments/\(result.payment.id)/confirm", token: buyer.token)
            #expect(confirmed.status == .ok)
            let after = try confirmed.decode(CheckoutResultDTO.self)
            #expect(after.payment.status == .succeeded)
            #expect(after.orders.map(\.status) == [.paid])
            #expect(try await client.stock(mug.id) == 4)
        }
    }

    @Test("coupons: usage limits hold under concurrency, expiry and minimum spend are checked", arguments: TestDatabase.enabled)
    func couponLimits(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { app, client in
            let (owner, shop) = try await client.vendorWithShop("coupons")
            let mug = try await client.createProduct(shop, productRequest("Mug", price: .usd(1000), inventoryCount: 100), as: owner)
            var response = try await client.request(.post, "/api/v1/coupons", json: CreateCouponRequest(
                code: "FIRST3", kind: .fixed, value: 300, currency: .usd, shopId: shop.id, usageLimit: 3), token: owner.token)
            #expect(response.status == .created)
            response = try await client.request(.post, "/api/v1/coupons", json: CreateCouponRequest(
                code: "BIGSPEND", kind: .percentage, value: 5000, shopId: shop.id, minimumSpend: .usd(5000)), token: owner.token)
            #expect(response.status == .created)
            response = try await client.request(.post, "/api/v1/coupons", json: CreateCouponRequest(code: "PLATFORM", kind: .percentage, value: 100), token: owner.token)
            #expect(response.status == .forbidden)
            var buyers: [CatalogUser] = []
            for index in 0..<8 {
                let buyer = try await client.buyer("coupon\(index)")
                try await client.addToCart(mug.id, as: buyer)
                buyers.append(buyer)
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for buyer in buyers { group.addTask { Int(try await client.checkout(checkoutBody(coupon: "FIRST3"), as: buyer).status.code) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 3)
            #expect(statuses.filter { $0 == 409 }.count == 5)
            let used = try await CouponModel.query(on: app.environment.database).all().first { $0.code == "FIRST3" }?.usedCount
            #expect(used == 3)
            let small = try await client.checkout(checkoutBody(coupon: "BIGSPEND"), as: buyers[7])
            #expect(small.status == .badRequest)
            #expect(try small.errorBody.details.first?.code == "minimum_spend")
            let unknown = try await client.checkout(checkoutBody(coupon: "NOPE123"), as: buyers[7])
            #expect(unknown.status == .badRequest)
        }
    }
}
