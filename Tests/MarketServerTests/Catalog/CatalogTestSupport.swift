import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import SQLKit
import Testing
@testable import MarketServer

/// Someone signed in: the user and a bearer token.
struct CatalogUser: Sendable {
    let user: UserDTO
    let token: String
    var id: UserID { user.id }
}

extension Money {
    static func usd(_ amount: Int64) -> Money { Money(amount: amount, currency: .usd) }
    static func eur(_ amount: Int64) -> Money { Money(amount: amount, currency: .eur) }
}

/// `?a=1&b=x%20y`: every value percent-encoded strictly (only unreserved characters stay),
/// so hostile text such as `&`, `%`, `#` or a NUL byte reaches the server as one value.
func catalogQuery(_ path: String, _ parameters: [(String, String)]) -> String {
    guard !parameters.isEmpty else { return path }
    var allowed = CharacterSet()
    allowed.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    let pairs = parameters.map { name, value in
        name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
    return path + "?" + pairs.joined(separator: "&")
}

/// A product body with sensible defaults (USD 10.00, 5 in stock, active).
func productRequest(
    _ title: String, description: String = "A fine thing.", price: Money = .usd(1000), inventoryCount: Int? = 5,
    category: String? = nil, tags: [String]? = nil, status: ProductStatus? = nil, variants: [VariantInput]? = nil
) -> CreateProductRequest {
    CreateProductRequest(title: title, description: description, price: price, inventoryCount: inventoryCount,
                         category: category, tags: tags, status: status, variants: variants)
}

extension TestClientProtocol {
    func vendor(_ name: String) async throws -> CatalogUser {
        let auth = try await register("\(name)@example.com", name: name, role: .vendor)
        return CatalogUser(user: auth.user, token: auth.accessToken)
    }

    func buyer(_ name: String) async throws -> CatalogUser {
        let auth = try await register("\(name)@example.com", name: name, role: .buyer)
        return CatalogUser(user: auth.user, token: auth.accessToken)
    }

    /// `POST /shops`, expecting 201.
    func createShop(_ owner: CatalogUser, name: String = "Test Shop", currency: Currency = .usd, slug: String? = nil) async throws -> ShopDTO {
        let response = try await request(.post, "/api/v1/shops",
                                         json: CreateShopRequest(name: name, description: "We sell things.", currency: currency, slug: slug),
                                         token: owner.token)
        guard response.status == .created else { throw ResponseError(response) }
        return try response.decode(ShopDTO.self)
    }

    /// A new vendor with one USD shop.
    func vendorWithShop(_ name: String, shopName: String? = nil, currency: Currency = .usd) async throws -> (CatalogUser, ShopDTO) {
        let owner = try await vendor(name)
        return (owner, try await createShop(owner, name: shopName ?? "\(name)'s shop", currency: currency))
    }

    /// `POST /shops/:id/products`, expecting 201.
    @discardableResult
    func createProduct(_ shop: ShopDTO, _ body: CreateProductRequest, as owner: CatalogUser) async throws -> ProductDTO {
        let response = try await request(.post, "/api/v1/shops/\(shop.id)/products", json: body, token: owner.token)
        guard response.status == .created else { throw ResponseError(response) }
        return try response.decode(ProductDTO.self)
    }

    func patchProduct(_ id: ProductID, _ body: UpdateProductRequest, as user: CatalogUser) async throws -> TestResponse {
        try await request(.patch, "/api/v1/products/\(id)", json: body, token: user.token)
    }

    func adjustStock(_ id: ProductID, delta: Int, variant: VariantID? = nil, as user: CatalogUser) async throws -> TestResponse {
        try await request(.post, "/api/v1/products/\(id)/stock", json: StockAdjustmentRequest(variantId: variant, delta: delta), token: user.token)
    }

    func getProduct(_ id: ProductID, as user: CatalogUser? = nil, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(.get, "/api/v1/products/\(id)", token: user?.token, headers: headers)
    }

    /// `GET /products` with the given parameters, expecting 200.
    func listProducts(_ parameters: [(String, String)] = [], as user: CatalogUser? = nil) async throws -> ProductListResponse {
        let response = try await request(.get, catalogQuery("/api/v1/products", parameters), token: user?.token)
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(ProductListResponse.self)
    }

    /// Every page of a listing, following `nextCursor`; `between` runs after each page.
    func allPages(
        _ parameters: [(String, String)], limit: Int, as user: CatalogUser? = nil,
        between: (Int) async throws -> Void = { _ in }
    ) async throws -> [ProductDTO] {
        var items: [ProductDTO] = []
        var cursor: String?
        var pages = 0
        repeat {
            var query = parameters + [("limit", String(limit))]
            if let cursor { query.append(("cursor", cursor)) }
            let page = try await listProducts(query, as: user)
            #expect(page.items.count <= limit)
            items += page.items
            cursor = page.nextCursor
            pages += 1
            if pages > 200 { throw TestFailure("paging does not end") }
            if cursor != nil { try await between(pages) }
        } while cursor != nil
        return items
    }

    /// `GET /search/suggest?q=`, expecting 200.
    func suggestions(_ q: String) async throws -> [String] {
        let response = try await request(.get, catalogQuery("/api/v1/search/suggest", [("q", q)]))
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(SuggestResponse.self).suggestions
    }

    /// Titles found by `q` (public search, relevance order).
    func search(_ q: String, limit: Int = 100) async throws -> [String] {
        try await listProducts([("q", q), ("limit", String(limit))]).items.map(\.title)
    }
}

extension TestApp {
    /// A provisioned admin, signed in.
    func admin(_ client: any TestClientProtocol, email: String = "root@example.com") async throws -> CatalogUser {
        _ = try await auth.provisionUser(email: email, password: "admin password", name: "Root", role: .admin)
        let auth = try await client.login(email, password: "admin password")
        return CatalogUser(user: auth.user, token: auth.accessToken)
    }

    /// Moves the manual clock on, so IDs and timestamps of what comes next sort after
    /// what came before.
    func tick() { clock.advance(by: 0.002) }

    var changeLog: ChangeLog { ChangeLog(engine: environment.storage.engine, clock: clock) }

    /// Change log entries for `entity` written after `version`.
    func changes(after version: Int, entity: String) async throws -> [ChangeLogEntry] {
        try await changeLog.entries(after: version, limit: 10_000, on: environment.database).filter { $0.entity == entity }
    }

    func latestChange() async throws -> Int {
        try await changeLog.latestVersion(on: environment.database)
    }
}

extension TestResponse {
    /// The `field`s of a validation error's details.
    var errorFields: [String] {
        get throws { try errorBody.details.compactMap(\.field) }
    }
}

