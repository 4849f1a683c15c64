import FluentKit
import Foundation
import HummingbirdTesting
import MarketModels
import NIOConcurrencyHelpers
import Testing
@testable import MarketServer

/// A provider that is down until told otherwise, then behaves like the simulated one.
final class OutageProvider: PaymentProvider, @unchecked Sendable {
    let down = NIOLockedValueBox(true)
    let charges = NIOLockedValueBox([String]())
    private let simulated = SimulatedPaymentProvider()
    var name: String { "simulated" }

    func charge(_ request: PaymentRequest) async throws(PaymentProviderError) -> PaymentOutcome {
        charges.withLockedValue { $0.append(request.idempotencyKey) }
        if down.withLockedValue({ $0 }) { throw .unavailable("connection refused") }
        return try await simulated.charge(request)
    }
    func confirm(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentOutcome {
        try await simulated.confirm(intentID: intentID, idempotencyKey: idempotencyKey)
    }
    func cancel(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) {}
    func refund(intentID: String, amount: Int, idempotencyKey: String) async throws(PaymentProviderError) -> RefundOutcome {
        if down.withLockedValue({ $0 }) { throw .unavailable("connection refused") }
        return try await simulated.refund(intentID: intentID, amount: amount, idempotencyKey: idempotencyKey)
    }
}

/// What happens when the payment provider cannot be reached, or a request dies half way.
@Suite("Payment recovery")
struct PaymentRecoveryTests {
    @Test("provider down: the order waits as pending, the settle job pays it later with the same key, once", arguments: TestDatabase.enabled)
    func providerDown(database: TestDatabase) async throws {
        let provider = OutageProvider()
        try await TestApp.run(database, overrides: { $0.paymentProvider = provider }) { app, client in
            let (owner, shop) = try await client.vendorWithShop("outage")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 5), as: owner)
            let buyer = try await client.buyer("patient")
            try await client.addToCart(mug.id, quantity: 2, as: buyer)
            let result = try await client.checkedOut(key: "k1", as: buyer)
            #expect(result.payment.status == .processing)
            #expect(result.orders.map(\.status) == [.pending])
            #expect(try await client.stock(mug.id) == 3)
            // A retry of the request answers the same; it does not take stock again.
            #expect(try await client.checkout(key: "k1", as: buyer).status == .created)
            #expect(try await client.stock(mug.id) == 3)

            // Before its delay the settle job does nothing; after it, it pays.
            #expect(try await app.environment.jobs.runDueJobs(type: PaymentSettleJobHandler.type).isEmpty)
            provider.down.withLockedValue { $0 = false }
            app.clock.advance(by: 61)
            try await app.environment.jobs.runDueJobs(type: PaymentSettleJobHandler.type)
            let order = try await client.order(result.orders[0].id, as: buyer).decode(OrderDTO.self)
            #expect(order.status == .paid)
            #expect(Set(provider.charges.withLockedValue { $0 }) == [result.payment.id.rawValue])
            #expect(try await client.cart(buyer).items.isEmpty)

            // Provider up: a checkout settled outside its first transaction (a provider over
            // the network) answers paid, with what reading the order and payment gives.
            try await client.addToCart(mug.id, quantity: 1, as: buyer)
            let paid = try await client.checkedOut(key: "k2", as: buyer)
            #expect(paid.payment.status == .succeeded)
            #expect(paid.orders.map(\.timeline).map { $0.map(\.status) } == [[.pending, .paid]])
            #expect(try await client.order(paid.orders[0].id, as: buyer).decode(OrderDTO.self) == paid.orders[0])
            #expect(try await client.request(.get, "/api/v1/payments/\(paid.payment.id)", token: buyer.token).decode(PaymentDTO.self) == paid.payment)
            #expect(try await client.stock(mug.id) == 2)
        }
    }

    @Test("a refund while the provider is down stays reserved and the refund job finishes it", arguments: TestDatabase.enabled)
    func refundLater(database: TestDatabase) async throws {
        let provider = OutageProvider()
        provider.down.withLockedValue { $0 = false }
        try await TestApp.run(database, overrides: { $0.paymentProvider = provider }) { app, client in
            let (owner, shop) = try await client.vendorWithShop("refundlater")
            let mug = try await client.createProduct(shop, productRequest("Mug", price: .usd(1000), inventoryCount: 5), as: owner)
            let buyer = try await client.buyer("waiting")
            try await client.addToCart(mug.id, as: buyer)
            let order = try await client.checkedOut(as: buyer).orders[0]
            provider.down.withLockedValue { $0 = true }
            let response = try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(300)), key: "r", as: owner)
            #expect(response.status == .ok)
            #expect(try response.decode(OrderDTO.self).refunded == .usd(300))  // reserved
            // Another refund cannot pass the total meanwhile.
            let tooMuch = try await client.orderAction(order.id, "refund", json: RefundOrderRequest(amount: .usd(order.total.amount - 299)), key: "r2", as: owner)
            #expect(tooMuch.status == .conflict)
            provider.down.withLockedValue { $0 = false }
            app.clock.advance(by: 61)
            try await app.environment.jobs.runDueJobs(type: RefundJobHandler.type)
            let payment = try await PaymentModel.find(order.paymentId.rawValue, on: app.environment.database)
            #expect(payment?.refundedAmount == 300)
            let refunds = try await RefundModel.query(on: app.environment.database).all()
            #expect(refunds.map(\.status) == ["succeeded"])
        }
    }
}
