import FluentKit
import Foundation
import MarketModels

/// Rows to DTOs: one query each for the page's variants, images and shops, however many
/// products the page holds.
struct ProductAssembler: Sendable {
    func detail(_ product: ProductModel, shop: ShopModel, on db: any Database) async throws -> ProductDTO {
        try await list([product], knownShops: [shop.id!: shop], on: db)[0]
    }

    func list(_ products: [ProductModel], knownShops: [String: ShopModel] = [:], on db: any Database) async throws -> [ProductDTO] {
        guard !products.isEmpty else { return [] }
        let ids = products.map { $0.id! }
        let variants = try await VariantModel.query(on: db)
            .filter(\.$productID ~~ ids)
            .filter(\.$deletedAt == nil)
            .sort(\.$position).sort(\.$id)
            .all()
        let variantsByProduct = Dictionary(grouping: variants, by: \.productID)
        let images = try await ProductImageModel.query(on: db)
            .filter(\.$productID ~~ ids)
            .sort(\.$position)
            .all()
        let imagesByProduct = Dictionary(grouping: images, by: \.productID)
        var shops = knownShops
        let missing = Set(products.map(\.shopID)).subtracting(shops.keys)
        if !missing.isEmpty {
            for shop in try await ShopModel.query(on: db).filter(\.$id ~~ Array(missing)).all() { shops[shop.id!] = shop }
        }
        return products.map { product in
            let shop = shops[product.shopID]
            let summary = ShopSummary(
                id: ShopID(rawValue: product.shopID)!, slug: shop?.slug ?? "", name: shop?.name ?? "")
            return ProductDTO(
                id: product.productID, shopId: summary.id, shop: summary, title: product.title, description: product.description,
                price: product.price, status: product.statusValue, category: product.category, tags: product.tags,
                inventoryCount: product.inventoryCount,
                variants: (variantsByProduct[product.id!] ?? []).map { $0.dto(productPrice: product.price) },
                images: (imagesByProduct[product.id!] ?? []).map(\.dto), createdAt: product.createdAt, updatedAt: product.updatedAt)
        }
    }
}
