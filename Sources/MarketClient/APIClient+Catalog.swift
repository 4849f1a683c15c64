import Foundation
import MarketModels

/// Shops, products, search suggestions, and the admin user list.
extension APIClient {
    // MARK: Products

    /// A page of products, with facet counts when `query.facets` asks for them.
    public func products(_ query: ProductQuery = ProductQuery()) async throws(ClientError) -> ProductListResponse {
        try Self.decode(ProductListResponse.self, from: try await perform(Call(method: "GET", path: "products", query: query.queryItems, auth: .optional)))
    }

    /// One product with its variants, images and shop. Revalidated with `If-None-Match`:
    /// when the server answers 304 the copy from the last visit is returned.
    public func product(_ id: ProductID) async throws(ClientError) -> ProductDTO {
        let key = "products/\(id.rawValue)"
        var call = Call(method: "GET", path: key, auth: .optional)
        let cached = etags.get(key)
        if let cached { call.headers["If-None-Match"] = cached.etag }
        let response: TransportResponse
        do throws(ClientError) {
            response = try await perform(call)
        } catch {
            if error.code == .notFound { etags.remove(key) }
            throw error
        }
        if response.status == 304, let cached {
            return try Self.decode(ProductDTO.self, from: cached.body, requestId: response.header("X-Request-Id"))
        }
        let product = try Self.decode(ProductDTO.self, from: response)
        if let etag = response.header("ETag") { etags.put(key, ETagCache.Entry(etag: etag, body: response.body)) }
        return product
    }

    /// Completions for what the user is typing in the search box.
    public func suggest(prefix: String) async throws(ClientError) -> SuggestResponse {
        try Self.decode(SuggestResponse.self, from: try await perform(Call(method: "GET", path: "search/suggest", query: [("q", prefix)], auth: .none)))
    }

    /// Adds a product to one of the caller's shops.
    public func createProduct(shopId: ShopID, _ request: CreateProductRequest) async throws(ClientError) -> ProductDTO {
        try Self.decode(ProductDTO.self, from: try await perform(Call(method: "POST", path: "shops/\(shopId.rawValue)/products", json: request, auth: .required)))
    }

    /// Changes a product (shop owner or admin). `variants`, when given, is the full new set.
    public func updateProduct(_ id: ProductID, _ request: UpdateProductRequest) async throws(ClientError) -> ProductDTO {
        let product = try Self.decode(ProductDTO.self, from: try await perform(Call(method: "PATCH", path: "products/\(id.rawValue)", json: request, auth: .required)))
        etags.remove("products/\(id.rawValue)")
        return product
    }

    public func deleteProduct(_ id: ProductID) async throws(ClientError) {
        _ = try await perform(Call(method: "DELETE", path: "products/\(id.rawValue)", auth: .required))
        etags.remove("products/\(id.rawValue)")
    }

    /// Adds (`delta` > 0) or takes away stock atomically; the server never lets it go below
    /// zero. Products with variants must name the variant.
    public func adjustStock(_ id: ProductID, variantId: VariantID? = nil, delta: Int) async throws(ClientError) -> ProductDTO {
        let call = try Call(method: "POST", path: "products/\(id.rawValue)/stock", json: StockAdjustmentRequest(variantId: variantId, delta: delta), auth: .required)
        let product = try Self.decode(ProductDTO.self, from: try await perform(call))
        etags.remove("products/\(id.rawValue)")
        return product
    }

    // MARK: Shops

    /// Active shops, oldest first; with `ownerId`, that vendor's shops (their own suspended
    /// ones too, when the caller is that vendor or an admin).
    public func shops(ownerId: UserID? = nil, limit: Int? = nil, cursor: String? = nil) async throws(ClientError) -> ListPage<ShopDTO> {
        let call = Call(method: "GET", path: "shops", query: Self.pageItems(limit: limit, cursor: cursor, ["ownerId": ownerId?.rawValue]), auth: .optional)
        return try Self.decode(ListPage<ShopDTO>.self, from: try await perform(call))
    }

    public func shop(_ id: ShopID) async throws(ClientError) -> ShopDTO {
        try Self.decode(ShopDTO.self, from: try await perform(Call(method: "GET", path: "shops/\(id.rawValue)", auth: .optional)))
    }

    /// Opens a shop (vendors only).
    public func createShop(_ request: CreateShopRequest) async throws(ClientError) -> ShopDTO {
        try Self.decode(ShopDTO.self, from: try await perform(Call(method: "POST", path: "shops", json: request, auth: .required)))
    }

    public func updateShop(_ id: ShopID, _ request: UpdateShopRequest) async throws(ClientError) -> ShopDTO {
        try Self.decode(ShopDTO.self, from: try await perform(Call(method: "PATCH", path: "shops/\(id.rawValue)", json: request, auth: .required)))
    }

    // MARK: Admin

    /// Every account, oldest first (admins only; others get `.server` with `forbidden`).
    public func adminUsers(role: Role? = nil, limit: Int? = nil, cursor: String? = nil) async throws(ClientError) -> ListPage<UserDTO> {
        let call = Call(method: "GET", path: "admin/users", query: Self.pageItems(limit: limit, cursor: cursor, ["role": role?.rawValue]), auth: .required)
        return try Self.decode(ListPage<UserDTO>.self, from: try await perform(call))
    }

    static func pageItems(limit: Int?, cursor: String?, _ filters: KeyValuePairs<String, String?>) -> [(name: String, value: String)] {
        var items: [(name: String, value: String)] = filters.compactMap { name, value in value.map { (name, $0) } }
        if let limit { items.append(("limit", String(limit))) }
        if let cursor { items.append(("cursor", cursor)) }
        return items
    }
}
