import Hummingbird
import MarketModels

/// `/api/v1/cart` (API.md): the caller's cart.
struct CartController {
    let cart: CartService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("cart") { _, context in
            try Response.json(try await cart.cart(for: try context.requirePrincipal().userID), headers: [.cacheControl: "private, no-store"])
        }
        group.post("cart") { request, context in
            let body = try await request.decode(as: AddCartItemRequest.self, context: context)
            return try Response.json(try await cart.add(body, user: try context.requirePrincipal().userID))
        }
        group.patch("cart") { request, context in
            let body = try await request.decode(as: UpdateCartItemRequest.self, context: context)
            return try Response.json(try await cart.update(body, user: try context.requirePrincipal().userID))
        }
        group.delete("cart/items/:id") { _, context in
            try Response.json(try await cart.remove(itemID: try context.parameters.require("id"), user: try context.requirePrincipal().userID))
        }
    }
}
