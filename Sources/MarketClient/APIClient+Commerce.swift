import Foundation
import MarketModels

/// The cart, shipping options, checkout and its payment, and orders.
///
/// Writes that must not happen twice (`checkout`, `confirmPayment`, `refundOrder`) take the
/// caller's `idempotencyKey`: the caller makes one per attempt and sends the same key again
/// when it retries, so the server answers a repeat with the first result. Carrying a key
/// also lets the pipeline retry them by itself after a dropped connection or a 503
/// (`RetryPolicy.mayRepeat`).
extension APIClient {
    // MARK: Cart

    /// The caller's cart, with current prices, stock and notices.
    public func cart() async throws(ClientError) -> CartDTO {
        try Self.decode(CartDTO.self, from: try await perform(Call(method: "GET", path: "cart", auth: .required)))
    }

    /// Adds to the line of this product (and variant), or makes one. 409 `out_of_stock`
    /// past the stock, 409 `conflict` for a product in another currency than the cart's.
    public func addToCart(_ request: AddCartItemRequest) async throws(ClientError) -> CartDTO {
        try Self.decode(CartDTO.self, from: try await perform(Call(method: "POST", path: "cart", json: request, auth: .required)))
    }

    /// Sets a line's quantity; 0 removes the line.
    public func updateCartItem(_ request: UpdateCartItemRequest) async throws(ClientError) -> CartDTO {
        try Self.decode(CartDTO.self, from: try await perform(Call(method: "PATCH", path: "cart", json: request, auth: .required)))
    }

    public func removeCartItem(_ id: CartItemID) async throws(ClientError) -> CartDTO {
        try Self.decode(CartDTO.self, from: try await perform(Call(method: "DELETE", path: "cart/items/\(id.rawValue)", auth: .required)))
    }

    // MARK: Shipping options

    public func shippingOptions(shopId: ShopID) async throws(ClientError) -> ShippingOptionsDTO {
        try Self.decode(ShippingOptionsDTO.self, from: try await perform(Call(method: "GET", path: "shops/\(shopId.rawValue)/shipping-options", auth: .optional)))
    }

    /// Replaces the shop's options (its owner only).
    public func setShippingOptions(shopId: ShopID, _ options: ShippingOptionsDTO) async throws(ClientError) -> ShippingOptionsDTO {
        let call = try Call(method: "PUT", path: "shops/\(shopId.rawValue)/shipping-options", json: options, auth: .required)
        return try Self.decode(ShippingOptionsDTO.self, from: try await perform(call))
    }

    // MARK: Checkout and payment

    /// What checking out the cart as it is would cost, per shop, without taking anything.
    public func checkoutQuote(_ request: CheckoutQuoteRequest) async throws(ClientError) -> CheckoutQuoteDTO {
        try Self.decode(CheckoutQuoteDTO.self, from: try await perform(Call(method: "POST", path: "checkout/quote", json: request, auth: .required)))
    }

    /// Places one order per shop of the cart and pays for them. `payment.status` says what
    /// happened: `succeeded`, `requires_action` (call `confirmPayment`) or `processing`.
    /// Fails with 402 `payment_declined`, 409 `out_of_stock` (details name the cart lines as
    /// `items.<cartItemId>`) or 409 `idempotency_conflict` (the key came with another body).
    public func checkout(_ request: CheckoutRequest, idempotencyKey: String) async throws(ClientError) -> CheckoutResultDTO {
        var call = try Call(method: "POST", path: "checkout", json: request, auth: .required)
        call.idempotencyKey = idempotencyKey
        return try Self.decode(CheckoutResultDTO.self, from: try await perform(call))
    }

    /// Completes a payment that needed the buyer's authentication.
    public func confirmPayment(_ id: PaymentID, idempotencyKey: String) async throws(ClientError) -> CheckoutResultDTO {
        var call = Call(method: "POST", path: "payments/\(id.rawValue)/confirm", auth: .required)
        call.idempotencyKey = idempotencyKey
        return try Self.decode(CheckoutResultDTO.self, from: try await perform(call))
    }

    // MARK: Orders

    /// A page of orders, newest first: a buyer's own; a vendor's purchases and their shops'
    /// orders (`shopId` narrows to one of their shops); every order for an admin.
    public func orders(status: OrderStatus? = nil, shopId: ShopID? = nil, limit: Int? = nil, cursor: String? = nil) async throws(ClientError) -> ListPage<OrderDTO> {
        let query = Self.pageItems(limit: limit, cursor: cursor, ["status": status?.rawValue, "shopId": shopId?.rawValue])
        return try Self.decode(ListPage<OrderDTO>.self, from: try await perform(Call(method: "GET", path: "orders", query: query, auth: .required)))
    }

    /// One order with its timeline.
    public func order(_ id: OrderID) async throws(ClientError) -> OrderDTO {
        try Self.decode(OrderDTO.self, from: try await perform(Call(method: "GET", path: "orders/\(id.rawValue)", auth: .required)))
    }

    public func cancelOrder(_ id: OrderID, _ request: CancelOrderRequest = CancelOrderRequest()) async throws(ClientError) -> OrderDTO {
        try await orderAction(id, "cancel", json: request)
    }

    /// Marks a paid order shipped (its shop's owner).
    public func shipOrder(_ id: OrderID, _ request: ShipOrderRequest) async throws(ClientError) -> OrderDTO {
        try await orderAction(id, "ship", json: request)
    }

    /// Closes a shipped order as received.
    public func completeOrder(_ id: OrderID) async throws(ClientError) -> OrderDTO {
        try Self.decode(OrderDTO.self, from: try await perform(Call(method: "POST", path: "orders/\(id.rawValue)/complete", auth: .required)))
    }

    /// Gives money back (shop owner or admin); without an amount, whatever is left.
    public func refundOrder(_ id: OrderID, _ request: RefundOrderRequest, idempotencyKey: String) async throws(ClientError) -> OrderDTO {
        var call = try Call(method: "POST", path: "orders/\(id.rawValue)/refund", json: request, auth: .required)
        call.idempotencyKey = idempotencyKey
        return try Self.decode(OrderDTO.self, from: try await perform(call))
    }

    /// Saves the order's PDF invoice at `fileURL` (written whole or not at all) and returns
    /// it. 404 until the server has made the invoice; `.unwritableFile` when the file
    /// cannot be written, and then nothing is left behind.
    @discardableResult
    public func downloadInvoice(_ id: OrderID, to fileURL: URL) async throws(ClientError) -> URL {
        var call = Call(method: "GET", path: "orders/\(id.rawValue)/invoice", auth: .required)
        call.headers["Accept"] = "application/pdf"
        let response = try await perform(call)
        do {
            try FileManager.default.createDirectory(at: fileURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try response.body.write(to: fileURL, options: .atomic)
        } catch {
            throw .unwritableFile(path: fileURL.path)
        }
        return fileURL
    }

    private func orderAction(_ id: OrderID, _ verb: String, json: some Encodable) async throws(ClientError) -> OrderDTO {
        let call = try Call(method: "POST", path: "orders/\(id.rawValue)/\(verb)", json: json, auth: .required)
        return try Self.decode(OrderDTO.self, from: try await perform(call))
    }
}

extension ClientError {
    /// True when the server has given its final word on a write: it did it (no error) or
    /// refused it for good (a 4xx other than 408 and 429). A lost connection, a timeout,
    /// a 5xx or a throttle leave it open whether the write happened, so a retry must carry
    /// the same `Idempotency-Key`.
    public var isDefinitiveAnswer: Bool {
        guard case .server(let failure) = self else { return false }
        return (400..<500).contains(failure.status) && failure.status != 408 && failure.status != 429
    }
}
