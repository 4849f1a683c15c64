import Foundation

public enum ProductStatus: String, Codable, Sendable, CaseIterable {
    case draft, active, archived
}

/// One sellable version of a product (size M, colour blue), with its own SKU, price and stock.
public struct VariantDTO: Codable, Hashable, Sendable {
    public var id: VariantID
    public var sku: String
    public var options: [String: String]
    public var price: Money
    public var inventoryCount: Int

    public init(id: VariantID, sku: String, options: [String: String], price: Money, inventoryCount: Int) {
        self.id = id
        self.sku = sku
        self.options = options
        self.price = price
        self.inventoryCount = inventoryCount
    }
}

/// A product as browsing and detail show it. `inventoryCount` is the sum of the variants'
/// when there are variants.
public struct ProductDTO: Codable, Hashable, Sendable {
    public var id: ProductID
    public var shopId: ShopID
    public var shop: ShopSummary
    public var title: String
    public var description: String
    public var price: Money
    public var status: ProductStatus
    public var category: String?
    public var tags: [String]
    public var inventoryCount: Int
    public var inStock: Bool
    public var variants: [VariantDTO]
    public var images: [ProductImageDTO]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ProductID, shopId: ShopID, shop: ShopSummary, title: String, description: String, price: Money,
                status: ProductStatus, category: String?, tags: [String], inventoryCount: Int, variants: [VariantDTO],
                images: [ProductImageDTO], createdAt: Date, updatedAt: Date) {
        self.id = id
        self.shopId = shopId
        self.shop = shop
        self.title = title
        self.description = description
        self.price = price
        self.status = status
        self.category = category
        self.tags = tags
        self.inventoryCount = inventoryCount
        self.inStock = inventoryCount > 0
        self.variants = variants
        self.images = images
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A variant as written by the shop owner. Without a price it sells at the product's.
public struct VariantInput: Codable, Hashable, Sendable {
    public var sku: String
    public var options: [String: String]
    public var price: Money?
    public var inventoryCount: Int

    public init(sku: String, options: [String: String] = [:], price: Money? = nil, inventoryCount: Int) {
        self.sku = sku
        self.options = options
        self.price = price
        self.inventoryCount = inventoryCount
    }

    private enum CodingKeys: String, CodingKey { case sku, options, price, inventoryCount }

    /// `options` may be left out (a variant told apart by SKU alone).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sku = try container.decode(String.self, forKey: .sku)
        options = try container.decodeIfPresent([String: String].self, forKey: .options) ?? [:]
        price = try container.decodeIfPresent(Money.self, forKey: .price)
        inventoryCount = try container.decode(Int.self, forKey: .inventoryCount)
    }
}

/// `POST /shops/:shopId/products`.
public struct CreateProductRequest: Codable, Hashable, Sendable {
    public var title: String
    public var description: String
    public var price: Money
    public var inventoryCount: Int?
    public var category: String?
    public var tags: [String]?
    public var status: ProductStatus?
    public var variants: [VariantInput]?

    public init(title: String, description: String, price: Money, inventoryCount: Int? = nil, category: String? = nil,
                tags: [String]? = nil, status: ProductStatus? = nil, variants: [VariantInput]? = nil) {
        self.title = title
        self.description = description
        self.price = price
        self.inventoryCount = inventoryCount
        self.category = category
        self.tags = tags
        self.status = status
        self.variants = variants
    }

    public func validate() -> [ErrorDetail] {
        var details = CatalogRules.title(title) + CatalogRules.description(description, limit: 5000) + CatalogRules.price(price, field: "price")
        if let inventoryCount { details += CatalogRules.inventory(inventoryCount, field: "inventoryCount") }
        if let category { details += CatalogRules.category(category) }
        if let tags { details += CatalogRules.tags(tags) }
        if let variants { details += CatalogRules.variants(variants, currency: price.currency) }
        return details
    }
}

/// `PATCH /products/:id`. `variants`, when present, is the complete new set: variants are
/// matched by SKU, missing ones are removed, new ones added.
public struct UpdateProductRequest: Codable, Hashable, Sendable {
    public var title: String?
    public var description: String?
    public var price: Money?
    public var inventoryCount: Int?
    public var category: String?
    public var tags: [String]?
    public var status: ProductStatus?
    public var variants: [VariantInput]?

    public init(title: String? = nil, description: String? = nil, price: Money? = nil, inventoryCount: Int? = nil,
                category: String? = nil, tags: [String]? = nil, status: ProductStatus? = nil, variants: [VariantInput]? = nil) {
        self.title = title
        self.description = description
        self.price = price
        self.inventoryCount = inventoryCount
        self.category = category
        self.tags = tags
        self.status = status
        self.variants = variants
    }

    public func validate(currency: Currency) -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if let title { details += CatalogRules.title(title) }
        if let description { details += CatalogRules.description(description, limit: 5000) }
        if let price { details += CatalogRules.price(price, field: "price") }
        if let inventoryCount { details += CatalogRules.inventory(inventoryCount, field: "inventoryCount") }
        if let category, !category.isEmpty { details += CatalogRules.category(category) }
        if let tags { details += CatalogRules.tags(tags) }
        if let variants { details += CatalogRules.variants(variants, currency: price?.currency ?? currency) }
        return details
    }
}

/// `POST /products/:id/stock`: add or take stock atomically (never below zero).
public struct StockAdjustmentRequest: Codable, Hashable, Sendable {
    public var variantId: VariantID?
    public var delta: Int
    public init(variantId: VariantID? = nil, delta: Int) {
        self.variantId = variantId
        self.delta = delta
    }
}
