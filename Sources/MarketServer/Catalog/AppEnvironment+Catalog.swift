import FluentKit
import MarketModels

/// Catalog writes for trusted callers in this process (seeding, the CLI), going through the
/// same services, validation, index and change log as the HTTP routes.
extension AppEnvironment {
    public func createShop(_ request: CreateShopRequest, ownerID: UserID) async throws -> ShopDTO {
        try await catalog.shops.create(request, owner: Principal(userID: ownerID, role: .vendor, tokenVersion: 0))
    }

    public func createProduct(shopID: ShopID, _ request: CreateProductRequest, ownerID: UserID) async throws -> ProductDTO {
        try await catalog.products.create(shopID: shopID.rawValue, request, principal: Principal(userID: ownerID, role: .vendor, tokenVersion: 0))
    }

    public func shop(slug: String) async throws -> ShopDTO? {
        try await ShopModel.query(on: database).filter(\.$slug == slug).first()?.dto
    }
}
