import Foundation
import MarketClient
import MarketModels
import Testing

/// The commerce calls against a scripted transport: what goes over the wire (paths, the
/// caller's Idempotency-Key, retries that keep it), the invoice download, and which
/// failures are a server's final word.
@Suite("Commerce client")
struct CommerceClientTests {
    static let session = Session(
        accessToken: "token", refreshToken: "refresh", expiresAt: Date().addingTimeInterval(3600),
        user: UserDTO(id: .generate(), email: "bea@example.test", name: "Bea", role: .buyer, verified: true, locale: nil, createdAt: Date(), updatedAt: Date()))

    static func client(_ transport: ScriptedTransport) -> APIClient {
        var configuration = APIClient.Configuration(endpoint: RetryAndErrorTests.endpoint)
        configuration.retry = RetryPolicy(random: { 0.5 })
        return APIClient(configuration: configuration, sessionStore: InMemorySessionStore(Self.session), transport: transport, sleep: { _ in })
    }

    static func json(_ value: some Encodable, status: Int = 200) -> TransportResponse {
        TransportResponse(status: status, headers: ["Content-Type": "application/json"], body: try! MarketJSON.encode(value))
    }

    static let result = CheckoutResultDTO(
        checkoutId: .generate(), orders: [],
        payment: PaymentDTO(id: .generate(), status: .succeeded, amount: Money(amount: 2900, currency: .usd), refunded: Money(amount: 0, currency: .usd),
                            provider: "simulated", declineCode: nil, message: nil))

    static let request = CheckoutRequest(
        shippingAddress: ShippingAddress(name: "Bea", line1: "1 Road", city: "Town", postalCode: "12345", country: "US"),
        shippingOption: "standard", paymentMethod: "pm_card_visa")

    @Test("checkout carries the caller's key, and a 503 or a dropped connection is retried with the same key and request id")
    func checkoutRetriesWithTheSameKey() async throws {
        let transport = ScriptedTransport([
            .response(RetryAndErrorTests.envelope(.serviceUnavailable, status: 503)), .failure(URLError(.networkConnectionLost)),
            .response(Self.json(Self.result, status: 201)),
        ])
        let answer = try await Self.client(transport).checkout(Self.request, idempotencyKey: "attempt-1")
        #expect(answer == Self.result)
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.method == "POST" && $0.url.path == "/api/v1/checkout" })
        #expect(transport.requests.map { $0.header("Idempotency-Key") } == ["attempt-1", "attempt-1", "attempt-1"])
        #expect(Set(transport.requests.compactMap { $0.header("X-Request-Id") }).count == 1)
        #expect(transport.requests.allSatisfy { $0.header("Authorization") == "Bearer token" })
        let sent = try MarketJSON.decode(CheckoutRequest.self, from: try #require(transport.requests.first?.body))
        #expect(sent == Self.request)
    }

    @Test("confirm and refund carry their keys; cart, orders and actions go to their paths")
    func paths() async throws {
        let buyer = UserID.generate()
        let order = OrderDTO(
            id: .generate(), checkoutId: .generate(), paymentId: .generate(), buyerId: buyer, shopId: .generate(), shopName: "Shop", status: .paid,
            lines: [], subtotal: Money(amount: 0, currency: .usd), discount: Money(amount: 0, currency: .usd), shipping: Money(amount: 0, currency: .usd),
            tax: Money(amount: 0, currency: .usd), total: Money(amount: 0, currency: .usd), refunded: Money(amount: 0, currency: .usd),
            shippingOption: "standard", shippingAddress: Self.request.shippingAddress, couponCode: nil, carrier: nil, trackingNumber: nil,
            invoiceAvailable: false, timeline: [], createdAt: Date(), updatedAt: Date())
        let cart = CartDTO(items: [], subtotal: Money(amount: 0, currency: .usd), shops: [], updatedAt: nil)
        let transport = ScriptedTransport([
            .response(Self.json(Self.result)), .response(Self.json(order)), .response(Self.json(cart)), .response(Self.json(cart)),
            .response(Self.json(ListPage(items: [order], nextCursor: nil))), .response(Self.json(order)), .response(Self.json(order)),
        ])
        let client = Self.client(transport)
        let paymentID = Self.result.payment.id
        _ = try await client.confirmPayment(paymentID, idempotencyKey: "confirm-1")
        _ = try await client.refundOrder(order.id, RefundOrderRequest(amount: Money(amount: 500, currency: .usd)), idempotencyKey: "refund-1")
        _ = try await client.updateCartItem(UpdateCartItemRequest(itemId: .generate(), quantity: 2))
        let line = CartItemID.generate()
        _ = try await client.removeCartItem(line)
        let shop = ShopID.generate()
        _ = try await client.orders(status: .paid, shopId: shop, limit: 10)
        _ = try await client.shipOrder(order.id, ShipOrderRequest(carrier: "UPS", trackingNumber: "1Z"))
        _ = try await client.completeOrder(order.id)
        let sent = transport.requests
        #expect(sent.map { "\($0.method) \($0.url.path)" } == [
            "POST /api/v1/payments/\(paymentID)/confirm", "POST /api/v1/orders/\(order.id)/refund", "PATCH /api/v1/cart",
            "DELETE /api/v1/cart/items/\(line)", "GET /api/v1/orders", "POST /api/v1/orders/\(order.id)/ship", "POST /api/v1/orders/\(order.id)/complete",
        ])
        #expect(sent[0].header("Idempotency-Key") == "confirm-1")
        #expect(sent[1].header("Idempotency-Key") == "refund-1")
        #expect(sent[2].header("Idempotency-Key") == nil)
        #expect(sent[4].url.query == "status=paid&shopId=\(shop)&limit=10")
    }

    @Test("the invoice is asked for as a PDF and written whole; a file that cannot be written is a sentence, and nothing is left")
    func invoice() async throws {
        let pdf = Data("%PDF-1.7 test".utf8)
        let transport = ScriptedTransport([
            .response(TransportResponse(status: 200, headers: ["Content-Type": "application/pdf"], body: pdf)),
            .response(TransportResponse(status: 200, headers: ["Content-Type": "application/pdf"], body: pdf)),
        ])
        let client = Self.client(transport)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-invoice-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let id = OrderID.generate()
        let file = directory.appendingPathComponent("nested/invoice.pdf")
        #expect(try await client.downloadInvoice(id, to: file) == file)
        #expect(try Data(contentsOf: file) == pdf)
        #expect(transport.requests.first?.header("Accept") == "application/pdf")
        #expect(transport.requests.first?.url.path == "/api/v1/orders/\(id)/invoice")

        // A directory where the file should go cannot be replaced by it.
        let blocked = directory.appendingPathComponent("blocked.pdf")
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let error = await #expect(throws: ClientError.self) { try await client.downloadInvoice(id, to: blocked) }
        #expect(error == .unwritableFile(path: blocked.path))
        #expect(error?.userMessage.hasPrefix("Can't save \(blocked.path)") == true)
    }

    @Test("a 4xx is the server's final word on a write (a new key next time); a lost connection, a 5xx, 408 and 429 are not")
    func definitiveAnswers() {
        #expect(RetryAndErrorTests.failure(.paymentDeclined, status: 402).isDefinitiveAnswer)
        #expect(RetryAndErrorTests.failure(.outOfStock, status: 409).isDefinitiveAnswer)
        #expect(RetryAndErrorTests.failure(.idempotencyConflict, status: 409).isDefinitiveAnswer)
        #expect(RetryAndErrorTests.failure(.validationFailed, status: 400).isDefinitiveAnswer)
        #expect(!RetryAndErrorTests.failure(.rateLimited, status: 429).isDefinitiveAnswer)
        #expect(!RetryAndErrorTests.failure(.internalError, status: 500).isDefinitiveAnswer)
        #expect(!RetryAndErrorTests.failure(.serviceUnavailable, status: 503).isDefinitiveAnswer)
        #expect(!ClientError.timedOut(server: RetryAndErrorTests.endpoint.baseURL).isDefinitiveAnswer)
        #expect(!ClientError.unreachable(server: RetryAndErrorTests.endpoint.baseURL).isDefinitiveAnswer)
    }
}

extension RetryAndErrorTests {
    static func failure(_ code: APIErrorCode, status: Int) -> ClientError {
        .server(ServerFailure(status: status, body: APIErrorBody(code: code, requestId: nil)))
    }
}
