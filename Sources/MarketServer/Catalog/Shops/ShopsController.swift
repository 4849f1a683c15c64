import Hummingbird
import MarketModels

/// `/api/v1/shops`: onboarding, settings, and the shop's product creation.
struct ShopsController {
    let shops: ShopService
    let products: ProductService

    func addRoutes(public group: RouterGroup<AppRequestContext>, authenticated: RouterGroup<AppRequestContext>) {
        group.get("shops") { request, context in
            let owner = request.uri.queryParameters["ownerId"].map(String.init)
            if let owner, UserID(rawValue: owner) == nil { throw AppError.validation(field: "ownerId", code: "invalid_value", "Not a user id.") }
            let page = try await shops.list(page: try PageRequest(request), ownerID: owner, principal: context.principal)
            return try Response.json(page, headers: [.cacheControl: owner == nil ? "public, max-age=30" : "private, no-cache"])
        }
        group.get("shops/:id") { request, context in
            let shop = try await shops.find(try context.parameters.require("id"), principal: context.principal)
            return try ConditionalResponse.json(shop.dto, request: request, cacheControl: shop.isActive ? "public, max-age=60" : "private, no-cache")
        }
        authenticated.group().add(middleware: RequireRole(.vendor)).post("shops") { request, context in
            let body = try await request.decode(as: CreateShopRequest.self, context: context)
            return try Response.json(try await shops.create(body, owner: try context.requirePrincipal()), status: .created)
        }
        authenticated.patch("shops/:id") { request, context in
            let body = try await request.decode(as: UpdateShopRequest.self, context: context)
            return try Response.json(try await shops.update(try context.parameters.require("id"), body, principal: try context.requirePrincipal()))
        }
        authenticated.post("shops/:id/products") { request, context in
            let body = try await request.decode(as: CreateProductRequest.self, context: context)
            let product = try await products.create(shopID: try context.parameters.require("id"), body, principal: try context.requirePrincipal())
            return try Response.json(product, status: .created, headers: [.location: "/api/v1/products/\(product.id)"])
        }
    }
}
