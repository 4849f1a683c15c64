/// The "Cart, checkout, orders, payments" section of API.md, as OpenAPI.
extension OpenAPIBuilder {
    static let idempotencyHeader: JSONValue = [
        "name": "Idempotency-Key", "in": "header", "required": true,
        "description": "A random string per attempt: the same key with the same body returns the first answer.",
        "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"],
    ]

    private static let money = ref("Money")
    private static let nullableString = string(nullable: true)
    private static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    private static let integer: JSONValue = ["type": "integer"]

    mutating func addCommercePaths() {
        addCommerceSchemas()
        let tag = "commerce"
        add(Operation(method: "get", path: "/api/v1/cart", tag: tag, summary: "The caller's cart", secured: true,
                      responses: [("200", "The cart", Self.ref("Cart"))]))
        add(Operation(method: "post", path: "/api/v1/cart", tag: tag, summary: "Add to the cart (adds to an existing line)", description: "409 out_of_stock past the stock; 409 conflict for a product in another currency than the cart's.",
                      secured: true,
                      requestSchema: "AddCartItemRequest", responses: [("200", "The cart", Self.ref("Cart"))]))
        add(Operation(method: "patch", path: "/api/v1/cart", tag: tag, summary: "Set a line's quantity; 0 removes it", secured: true,
                      requestSchema: "UpdateCartItemRequest", responses: [("200", "The cart", Self.ref("Cart"))]))
        add(Operation(method: "delete", path: "/api/v1/cart/items/{id}", tag: tag, summary: "Remove a line", secured: true,
                      responses: [("200", "The cart", Self.ref("Cart"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/checkout/quote", tag: tag, summary: "What checkout would charge now (nothing is taken)", secured: true,
                      requestSchema: "CheckoutQuoteRequest", responses: [("200", "The quote", Self.ref("CheckoutQuote"))]))
        add(Operation(method: "post", path: "/api/v1/checkout", tag: tag, summary: "Check out the cart: one order per shop, one payment", description: "409 out_of_stock names the short lines (nothing taken, nothing charged); 402 payment_declined (stock released); 409 idempotency_conflict for a key reused with another body.",
                      secured: true,
                      requestSchema: "CheckoutRequest", responses: [("201", "Checked out", Self.ref("CheckoutResult"))], parameters: [Self.idempotencyHeader]))
        add(Operation(method: "get", path: "/api/v1/payments/{id}", tag: tag, summary: "A payment of the caller's", secured: true,
                      responses: [("200", "The payment", Self.ref("Payment"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/payments/{id}/confirm", tag: tag, summary: "The further confirmation a card needing authentication asks for", secured: true,
                      responses: [("200", "The checkout now", Self.ref("CheckoutResult"))], parameters: [Self.idParameter]))
        add(Operation(method: "get", path: "/api/v1/orders", tag: tag, summary: "Orders the caller may see, newest first", description: "Buyers see their own, vendors also their shops' (shopId narrows to one of theirs), admins all.",
                      secured: true,
                      responses: [("200", "A page of orders", Self.listOf("Order"))],
                      parameters: Self.pagingParameters + [
                          Self.query("status", Self.enumeration(["pending", "paid", "shipped", "complete", "cancelled", "refunded"]), "Only this state"),
                          Self.query("shopId", Self.string(), "Only this shop's (its owner or an admin)"),
                      ]))
        add(Operation(method: "get", path: "/api/v1/orders/{id}", tag: tag, summary: "An order (404 for orders the caller may not see)", secured: true,
                      responses: [("200", "The order", Self.ref("Order"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/orders/{id}/cancel", tag: tag, summary: "Cancel: the buyer before shipping, the shop, an admin", description: "Restocks; a paid order is refunded in full. 409 invalid_transition from other states.",
                      secured: true,
                      requestSchema: "CancelOrderRequest", responses: [("200", "The order", Self.ref("Order"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/orders/{id}/ship", tag: tag, summary: "Ship a paid order (the shop)", secured: true,
                      requestSchema: "ShipOrderRequest", responses: [("200", "The order", Self.ref("Order"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/orders/{id}/complete", tag: tag, summary: "Close a shipped order as received", secured: true,
                      responses: [("200", "The order", Self.ref("Order"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/orders/{id}/refund", tag: tag, summary: "Refund all that is left, or an amount (the shop or an admin)", description: "Never more than was paid (409). Becomes refunded when everything is given back.",
                      secured: true,
                      requestSchema: "RefundOrderRequest", responses: [("200", "The order", Self.ref("Order"))], parameters: [Self.idParameter, Self.idempotencyHeader]))
        add(Operation(method: "get", path: "/api/v1/orders/{id}/invoice", tag: tag, summary: "The order's PDF invoice (buyer, shop, admin)", description: "404 until the invoice job made it (after payment).",
                      secured: true,
                      responses: [("200", "The PDF", ["type": "string", "format": "binary"])], parameters: [Self.idParameter], responseContentType: "application/pdf"))
        add(Operation(method: "post", path: "/api/v1/webhooks/stripe", tag: tag, summary: "Stripe events about payments, applied once per event id",
                      description: "Stripe-Signature (t=<unix>,v1=<hex HMAC-SHA256 of \"t.rawBody\">) is checked on the raw body with MARKETMATE_STRIPE_WEBHOOK_SECRET, 300 s tolerance; a bad signature is 400. 404 when no secret is configured.",
                      requestBody: ["required": true, "content": ["application/json": ["schema": ["type": "object"]]]],
                      responses: [("200", "Received", Self.object([("received", ["type": "boolean"]), ("duplicate", ["type": "boolean"])], required: ["received", "duplicate"]))],
                      parameters: [["name": "Stripe-Signature", "in": "header", "required": true, "schema": ["type": "string"]]]))
        add(Operation(method: "post", path: "/api/v1/coupons", tag: tag, summary: "Make a coupon (a shop's owner; admins platform-wide ones)", secured: true,
                      requestSchema: "CreateCouponRequest", responses: [("201", "Created", Self.ref("Coupon"))]))
        add(Operation(method: "get", path: "/api/v1/coupons", tag: tag, summary: "Coupons of the caller's shops (admins: all)", secured: true,
                      responses: [("200", "Coupons", Self.listOf("Coupon"))], parameters: [Self.query("shopId", Self.string(), "Only this shop's")]))
        add(Operation(method: "delete", path: "/api/v1/coupons/{id}", tag: tag, summary: "Deactivate a coupon", secured: true,
                      responses: [("200", "The coupon", Self.ref("Coupon"))], parameters: [Self.idParameter]))
        add(Operation(method: "get", path: "/api/v1/shops/{id}/shipping-options", tag: tag, summary: "A shop's shipping options and rates",
                      responses: [("200", "Options", Self.ref("ShippingOptions"))], parameters: [Self.idParameter]))
        add(Operation(method: "put", path: "/api/v1/shops/{id}/shipping-options", tag: tag, summary: "Replace a shop's shipping options (its owner)", secured: true,
                      requestSchema: "ShippingOptions", responses: [("200", "Options", Self.ref("ShippingOptions"))], parameters: [Self.idParameter]))
    }

    private mutating func addCommerceSchemas() {
        schema("CartItem", Self.object([
            ("id", Self.string()), ("productId", Self.string()), ("variantId", Self.string()), ("quantity", Self.integer), ("unitPrice", Self.money),
            ("shopId", Self.string()), ("title", Self.string()), ("sku", Self.string()), ("addedUnitPrice", Self.money),
            ("priceChanged", ["type": "boolean"]), ("available", Self.integer), ("notice", Self.string()),
        ], required: ["id", "productId", "quantity", "unitPrice", "shopId", "title", "addedUnitPrice", "priceChanged", "available"]))
        schema("Cart", Self.object([
            ("items", Self.array(Self.ref("CartItem"))), ("subtotal", Self.money),
            ("shops", Self.array(Self.object([("shopId", Self.string()), ("shopName", Self.string()), ("subtotal", Self.money)], required: ["shopId", "shopName", "subtotal"]))),
            ("updatedAt", Self.string(format: "date-time")),
        ], required: ["items", "subtotal", "shops"]))
        schema("AddCartItemRequest", Self.object([
            ("productId", Self.string()), ("variantId", Self.string()), ("quantity", ["type": "integer", "minimum": 1, "maximum": 999]),
        ], required: ["productId", "quantity"]))
        schema("UpdateCartItemRequest", Self.object([("itemId", Self.string()), ("quantity", ["type": "integer", "minimum": 0, "maximum": 999])],
                                                    required: ["itemId", "quantity"]))
        schema("ShippingAddress", Self.object([
            ("name", Self.string(minLength: 1, maxLength: 100)), ("line1", Self.string(minLength: 1, maxLength: 200)), ("line2", Self.string(maxLength: 200)),
            ("city", Self.string(minLength: 1, maxLength: 100)), ("region", Self.string(pattern: "^[A-Za-z0-9]{1,3}$")),
            ("postalCode", Self.string(minLength: 1, maxLength: 20)), ("country", Self.string(pattern: "^[A-Z]{2}$")),
        ], required: ["name", "line1", "city", "postalCode", "country"]))
        schema("CheckoutRequest", Self.object([
            ("shippingAddress", Self.ref("ShippingAddress")), ("shippingOption", Self.string(pattern: "^[a-z0-9-]{1,32}$")),
            ("couponCode", Self.string(pattern: "^[A-Za-z0-9_-]{3,32}$")),
            ("paymentMethod", Self.string(pattern: "^pm_[A-Za-z0-9_]{1,64}$", description: "A payment-method id such as pm_card_visa; never a card number")),
        ], required: ["shippingAddress", "shippingOption", "paymentMethod"]))
        schema("CheckoutQuoteRequest", Self.object([
            ("shippingAddress", Self.ref("ShippingAddress")), ("shippingOption", Self.string(pattern: "^[a-z0-9-]{1,32}$")),
            ("couponCode", Self.string(pattern: "^[A-Za-z0-9_-]{3,32}$")),
        ], required: ["shippingOption"]))
        schema("ShippingOption", Self.object([
            ("code", Self.string(pattern: "^[a-z0-9-]{1,32}$")), ("name", Self.string(minLength: 1, maxLength: 100)), ("price", Self.money),
            ("estimatedDays", ["type": "integer", "minimum": 0, "maximum": 365]),
        ], required: ["code", "name", "price"]))
        schema("ShippingOptions", Self.object([("options", Self.array(Self.ref("ShippingOption")))], required: ["options"]))
        let amounts: [(String, JSONValue)] = [("subtotal", Self.money), ("discount", Self.money), ("shipping", Self.money), ("tax", Self.money), ("total", Self.money)]
        schema("CheckoutQuote", Self.object([
            ("orders", Self.array(Self.object([("shopId", Self.string()), ("shopName", Self.string())] + amounts,
                                              required: ["shopId", "shopName", "subtotal", "discount", "shipping", "tax", "total"]))),
            ("discount", Self.money), ("total", Self.money), ("shippingOptions", Self.array(Self.ref("ShippingOption"))),
            ("problems", Self.array(Self.ref("ErrorDetail"))),
        ], required: ["orders", "discount", "total", "shippingOptions", "problems"]))
        schema("Payment", Self.object([
            ("id", Self.string()), ("status", Self.enumeration(["processing", "requires_action", "succeeded", "failed", "cancelled"])),
            ("amount", Self.money), ("refunded", Self.money), ("provider", Self.string()), ("declineCode", Self.string()), ("message", Self.string()),
        ], required: ["id", "status", "amount", "refunded", "provider"]))
        schema("OrderLine", Self.object([
            ("id", Self.string()), ("productId", Self.string()), ("variantId", Self.string()), ("title", Self.string()), ("sku", Self.string()),
            ("quantity", Self.integer), ("unitPrice", Self.money), ("discount", Self.money), ("tax", Self.money), ("total", Self.money),
        ], required: ["id", "productId", "title", "quantity", "unitPrice", "discount", "tax", "total"]))
        let states = Self.enumeration(["pending", "paid", "shipped", "complete", "cancelled", "refunded"])
        schema("OrderEvent", Self.object([
            ("status", states), ("from", states), ("actor", Self.enumeration(["buyer", "vendor", "admin", "system"])), ("actorId", Self.string()),
            ("note", Self.string()), ("at", Self.string(format: "date-time")),
        ], required: ["status", "actor", "at"]))
        schema("Order", Self.object([
            ("id", Self.string(pattern: "^ord_[0-9A-HJKMNP-TV-Z]{26}$")), ("checkoutId", Self.string()), ("paymentId", Self.string()), ("buyerId", Self.string()),
            ("shopId", Self.string()), ("shopName", Self.string()), ("status", states), ("lines", Self.array(Self.ref("OrderLine"))),
        ] + amounts + [
            ("refunded", Self.money), ("shippingOption", Self.string()), ("shippingAddress", Self.ref("ShippingAddress")), ("couponCode", Self.string()),
            ("carrier", Self.string()), ("trackingNumber", Self.string()), ("invoiceAvailable", ["type": "boolean"]),
            ("timeline", Self.array(Self.ref("OrderEvent"))), ("createdAt", Self.string(format: "date-time")), ("updatedAt", Self.string(format: "date-time")),
        ], required: ["id", "checkoutId", "paymentId", "buyerId", "shopId", "shopName", "status", "lines", "subtotal", "discount", "shipping", "tax",
                      "total", "refunded", "shippingOption", "shippingAddress", "invoiceAvailable", "timeline", "createdAt", "updatedAt"]))
        schema("CheckoutResult", Self.object([("checkoutId", Self.string()), ("orders", Self.array(Self.ref("Order"))), ("payment", Self.ref("Payment"))],
                                            required: ["checkoutId", "orders", "payment"]))
        schema("ShipOrderRequest", Self.object([("carrier", Self.string(minLength: 1, maxLength: 60)), ("trackingNumber", Self.string(pattern: "^[A-Za-z0-9 -]{1,64}$"))],
                                              required: ["carrier", "trackingNumber"]))
        schema("RefundOrderRequest", Self.object([("amount", Self.money), ("reason", Self.string(maxLength: 500))]))
        schema("CancelOrderRequest", Self.object([("reason", Self.string(maxLength: 500))]))
        let couponFields: [(String, JSONValue)] = [
            ("code", Self.string(pattern: "^[A-Za-z0-9_-]{3,32}$")), ("kind", Self.enumeration(["percentage", "fixed"])),
            ("value", ["type": "integer", "format": "int64", "description": "Basis points for percentage coupons, minor units for fixed ones"]),
            ("currency", Self.string(pattern: "^[A-Z]{3}$")), ("shopId", Self.string()), ("minimumSpend", Self.money),
            ("expiresAt", Self.string(format: "date-time")), ("usageLimit", ["type": "integer", "minimum": 1]),
        ]
        schema("CreateCouponRequest", Self.object(couponFields, required: ["code", "kind", "value"]))
        schema("Coupon", Self.object([("id", Self.string())] + couponFields + [
            ("usedCount", Self.integer), ("active", ["type": "boolean"]), ("createdAt", Self.string(format: "date-time")),
        ], required: ["id", "code", "kind", "value", "usedCount", "active", "createdAt"]))
    }
}
