import FluentKit
import Hummingbird
import MarketModels

/// `/api/v1/products` and `/api/v1/search/suggest`.
struct ProductsController {
    let products: ProductService
    let browser: ProductBrowser
    let shops: ShopService
    let cache: CatalogResponseCache

    /// A public response from the cache when the catalog has not changed since it was made.
    private func cached(_ request: Request, cacheControl: String, compute: () async throws -> some Encodable) async throws -> Response {
        let key = CatalogResponseCache.key(path: request.uri.path, query: request.uri.query)
        let context = products.context
        let version = try await cache.version { try await CatalogResponseCache.version(on: context.sql(context.quickDatabase())) }
        if let hit = cache.get(key, version: version) {
            return ConditionalResponse.body(hit.body, etag: hit.etag, request: request, cacheControl: cacheControl)
        }
        let data = try MarketJSON.makeEncoder().encode(try await compute())
        let entry = CatalogResponseCache.Entry(version: version, body: data, etag: ConditionalResponse.etag(for: data))
        cache.put(key, entry)
        return ConditionalResponse.body(data, etag: entry.etag, request: request, cacheControl: cacheControl)
    }

    func addRoutes(public group: RouterGroup<AppRequestContext>, authenticated: RouterGroup<AppRequestContext>) {
        group.get("products") { request, context in
            let query = try ProductQuery(request)
            // Owners (and admins) listing one shop also see its drafts and archived products.
            var includeHidden = false
            if let shopID = query.shopID, let principal = context.principal {
                let shop = try? await shops.find(shopID, principal: principal)
                includeHidden = shop.map { CatalogAccess.canManage(shop: $0, principal: principal) } ?? false
            }
            if query.status != nil && !includeHidden {
                throw AppError.validation(field: "status", code: "not_allowed", "Only a shop's owner can filter its products by status.")
            }
            if includeHidden {
                return try ConditionalResponse.json(try await browser.list(query, includeHidden: true), request: request, cacheControl: "private, no-cache")
            }
            return try await cached(request, cacheControl: "public, max-age=10") { try await browser.list(query, includeHidden: false) }
        }
        group.get("products/:id") { request, context in
            let id = try context.parameters.require("id")
            let db = products.context.readDatabase()
            let (product, shop) = try await products.load(id, on: db)
            guard product.visible || CatalogAccess.canManage(shop: shop, principal: context.principal) else { throw ProductService.notFound }
            let dto = try await products.assembler.detail(product, shop: shop, on: db)
            return try ConditionalResponse.json(dto, request: request, cacheControl: product.visible ? "public, max-age=30" : "private, no-cache")
        }
        group.get("search/suggest") { request, _ in
            let q = request.uri.queryParameters["q"].map(String.init) ?? ""
            return try await cached(request, cacheControl: "public, max-age=60") { SuggestResponse(suggestions: try await browser.suggest(q)) }
        }
        authenticated.patch("products/:id") { request, context in
            let body = try await request.decode(as: UpdateProductRequest.self, context: context)
            return try Response.json(try await products.update(try context.parameters.require("id"), body, principal: try context.requirePrincipal()))
        }
        authenticated.delete("products/:id") { _, context in
            try await products.delete(try context.parameters.require("id"), principal: try context.requirePrincipal())
            return Response.noContent()
        }
        authenticated.post("products/:id/stock") { request, context in
            let body = try await request.decode(as: StockAdjustmentRequest.self, context: context)
            return try Response.json(try await products.adjustStock(try context.parameters.require("id"), body, principal: try context.requirePrincipal()))
        }
    }
}
