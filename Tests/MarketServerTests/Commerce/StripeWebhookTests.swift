import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import NIOCore
import SQLKit
import Testing
@testable import MarketServer

/// `POST /webhooks/stripe`: signatures on the raw bytes, events applied once.
@Suite("Stripe webhooks")
struct StripeWebhookTests {
    static let secret = "whsec_test_secret"

    static func event(_ id: String, type: String, object: String) -> String {
        #"{"id": "\#(id)", "object": "event", "type": "\#(type)", "created": 1763700000, "data": {"object": \#(object)}}"#
    }

    func post(_ client: any TestClientProtocol, _ body: String, signature: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let signature { headers[HTTPField.Name("Stripe-Signature")!] = signature }
        return try await client.execute(uri: "/api/v1/webhooks/stripe", method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    func sign(_ body: String, at date: Date, secret: String = Self.secret) -> String {
        StripeSignature.header(payload: Array(body.utf8), secret: secret, timestamp: date)
    }

    @Test("valid, tampered, stale, wrong secret, missing header; a succeeded intent pays the waiting order, five copies at once apply once",
          arguments: TestDatabase.enabled)
    func signaturesAndOnce(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live, configure: { $0.payments.stripeWebhookSecret = SecretString(Self.secret) }) { app, client in
            let (owner, shop) = try await client.vendorWithShop("hooks")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 5), as: owner)
            let buyer = try await client.buyer("hookbuyer")
            try await client.addToCart(mug.id, as: buyer)
            let result = try await client.checkedOut(checkoutBody(payment: "pm_card_authenticationRequired"), as: buyer)
            #expect(result.payment.status == .requiresAction)
            let payment = try await PaymentModel.find(result.payment.id.rawValue, on: app.environment.database)
            let intent = try #require(payment?.intentID)
            let body = Self.event("evt_1", type: "payment_intent.succeeded",
                                  object: #"{"id": "\#(intent)", "object": "payment_intent", "status": "succeeded", "metadata": {"checkoutId": "\#(result.checkoutId)"}}"#)
            let now = app.clock.now()

            #expect(try await post(client, body, signature: nil).status == .badRequest)
            #expect(try await post(client, body + " ", signature: sign(body, at: now)).status == .badRequest)
            #expect(try await post(client, body, signature: sign(body, at: now.addingTimeInterval(-301))).status == .badRequest)
            #expect(try await post(client, body, signature: sign(body, at: now, secret: "whsec_other")).status == .badRequest)
            // Several v1 signatures: any may match (Stripe sends one per active secret).
            let good = sign(body, at: now)
            let mixed = "t=\(Int(now.timeIntervalSince1970)),v1=\(String(repeating: "0", count: 64)),\(good.split(separator: ",").last!)"
            #expect(try await client.order(result.orders[0].id, as: buyer).decode(OrderDTO.self).status == .pending)

            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<5 {
                    group.addTask { Int(try await post(client, body, signature: index == 0 ? mixed : good).status.code) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == [200, 200, 200, 200, 200])
            let order = try await client.order(result.orders[0].id, as: buyer).decode(OrderDTO.self)
            #expect(order.status == .paid)
            #expect(order.timeline.filter { $0.status == .paid }.count == 1)
            #expect(try await WebhookEventCount.count(app) == 1)

            // Refunded in full at Stripe: the order follows.
            let refund = Self.event("evt_2", type: "charge.refunded", object: #"""
                {"id": "ch_1", "object": "charge", "amount_refunded": \#(result.payment.amount.amount), "payment_intent": "\#(intent)", "metadata": {}}
                """#)
            #expect(try await post(client, refund, signature: sign(refund, at: now)).status == .ok)
            #expect(try await client.order(result.orders[0].id, as: buyer).decode(OrderDTO.self).status == .refunded)
        }
    }

    @Test("a failed intent cancels the waiting order and restocks; without a configured secret the route is 404", arguments: TestDatabase.enabled)
    func failedIntent(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: { $0.payments.stripeWebhookSecret = SecretString(Self.secret) }) { app, client in
            let (owner, shop) = try await client.vendorWithShop("failhook")
            let mug = try await client.createProduct(shop, productRequest("Mug", inventoryCount: 5), as: owner)
            let buyer = try await client.buyer("failbuyer")
            try await client.addToCart(mug.id, quantity: 2, as: buyer)
            let result = try await client.checkedOut(checkoutBody(payment: "pm_card_authenticationRequired"), as: buyer)
            #expect(try await client.stock(mug.id) == 3)
            let body = Self.event("evt_f", type: "payment_intent.payment_failed", object: #"""
                {"id": "pi_x", "object": "payment_intent", "status": "requires_payment_method", "metadata": {"checkoutId": "\#(result.checkoutId)"},
                 "last_payment_error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds", "message": "Insufficient funds."}}
                """#)
            let signature = sign(body, at: app.clock.now())
            #expect(try await post(client, body, signature: signature).status == .ok)
            #expect(try await client.order(result.orders[0].id, as: buyer).decode(OrderDTO.self).status == .cancelled)
            #expect(try await client.stock(mug.id) == 5)
        }
        try await TestApp.run(database) { app, client in
            let body = Self.event("evt_n", type: "payment_intent.succeeded", object: #"{"id": "pi_n", "metadata": {}}"#)
            let signature = sign(body, at: app.clock.now())
            let response = try await post(client, body, signature: signature)
            #expect(response.status == .notFound)
        }
    }
}

enum WebhookEventCount {
    static func count(_ app: TestApp) async throws -> Int {
        try await (app.environment.database as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM webhook_events").first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
