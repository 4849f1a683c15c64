import Hummingbird
import MarketModels

/// `POST /checkout`, `POST /checkout/quote`, `/payments/:id`, coupons and shipping options.
struct CheckoutController {
    let checkout: CheckoutService
    let payments: PaymentService
    let coupons: CouponService
    let shipping: ShippingOptionStore

    func addRoutes(public group: RouterGroup<AppRequestContext>, authenticated: RouterGroup<AppRequestContext>) {
        authenticated.post("checkout/quote") { request, context in
            let body = try await request.decode(as: CheckoutQuoteRequest.self, context: context)
            return try Response.json(try await checkout.quote(body, user: try context.requirePrincipal().userID))
        }
        authenticated.post("checkout") { request, context in
            let principal = try context.requirePrincipal()
            let key = try IdempotencyKeys.key(from: request, required: true)!
            let body = try await request.decode(as: CheckoutRequest.self, context: context)
            return try await checkout.checkout(body, key: key, user: principal.userID).replay()
        }
        authenticated.get("payments/:id") { _, context in
            try Response.json(try await payments.find(try context.parameters.require("id"), principal: try context.requirePrincipal()))
        }
        authenticated.post("payments/:id/confirm") { request, context in
            _ = try IdempotencyKeys.key(from: request, required: false)  // checked when sent; confirming twice is harmless
            return try Response.json(try await payments.confirm(try context.parameters.require("id"), principal: try context.requirePrincipal()))
        }
        authenticated.post("coupons") { request, context in
            let body = try await request.decode(as: CreateCouponRequest.self, context: context)
            return try Response.json(try await coupons.create(body, principal: try context.requirePrincipal()), status: .created)
        }
        authenticated.get("coupons") { request, context in
            let shopID = request.uri.queryParameters["shopId"].map(String.init)
            return try Response.json(ListPage(items: try await coupons.list(shopID: shopID, principal: try context.requirePrincipal()), nextCursor: nil))
        }
        authenticated.delete("coupons/:id") { _, context in
            try Response.json(try await coupons.deactivate(try context.parameters.require("id"), principal: try context.requirePrincipal()))
        }
        group.get("shops/:id/shipping-options") { _, context in
            try Response.json(try await shipping.list(shopID: try context.parameters.require("id"), principal: context.principal))
        }
        authenticated.put("shops/:id/shipping-options") { request, context in
            let body = try await request.decode(as: ShippingOptionsDTO.self, context: context)
            return try Response.json(try await shipping.replace(shopID: try context.parameters.require("id"), with: body, principal: try context.requirePrincipal()))
        }
    }
}
