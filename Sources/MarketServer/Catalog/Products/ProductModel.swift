import FluentKit
import Foundation
import MarketModels

/// A product row. `visible` is derived (active, not deleted, shop active) and kept in step
/// by `CatalogService`, so public queries filter on one indexed column. The category path
/// is also stored one column per level, so category facets roll up without a join.
final class ProductModel: Model, @unchecked Sendable {
    static let schema = "products"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "shop_id") var shopID: String
    @Field(key: "title") var title: String
    @Field(key: "description") var description: String
    @Field(key: "price_amount") var priceAmount: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "status") var status: String
    @OptionalField(key: "category") var category: String?
    @OptionalField(key: "category_l1") var categoryL1: String?
    @OptionalField(key: "category_l2") var categoryL2: String?
    @OptionalField(key: "category_l3") var categoryL3: String?
    @Field(key: "tags") var tagsText: String
    @Field(key: "inventory_count") var inventoryCount: Int
    @Field(key: "has_variants") var hasVariants: Bool
    @Field(key: "visible") var visible: Bool
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var productID: ProductID { ProductID(rawValue: id!)! }
    var statusValue: ProductStatus { ProductStatus(rawValue: status) ?? .draft }
    var price: Money { Money(amount: priceAmount, currency: Currency(code: currency) ?? .usd) }

    /// Tags are stored as one string joined by U+001F (a character no tag may contain),
    /// and mirrored into `product_tags` for filtering and facets.
    var tags: [String] {
        get { tagsText.isEmpty ? [] : tagsText.split(separator: Self.tagSeparator, omittingEmptySubsequences: false).map(String.init) }
        set { tagsText = newValue.joined(separator: Self.tagSeparator) }
    }

    static let tagSeparator = "\u{1F}"

    func setCategory(_ path: String?) {
        category = path
        (categoryL1, categoryL2, categoryL3) = Self.categoryLevels(path)
    }

    /// The first, first two and first three levels of a category path.
    static func categoryLevels(_ path: String?) -> (String?, String?, String?) {
        let parts = path.map { $0.split(separator: "/").map(String.init) } ?? []
        return (parts.count >= 1 ? parts[0] : nil, parts.count >= 2 ? parts[0...1].joined(separator: "/") : nil,
                parts.count >= 3 ? parts[0...2].joined(separator: "/") : nil)
    }

    func refreshVisibility(shopActive: Bool) {
        visible = Self.isVisible(status: statusValue, deleted: deletedAt != nil, shopActive: shopActive)
    }

    static func isVisible(status: ProductStatus, deleted: Bool, shopActive: Bool) -> Bool {
        status == .active && !deleted && shopActive
    }

    /// A new product's row.
    convenience init(_ new: NewProduct) {
        self.init()
        id = new.id
        shopID = new.shopID
        title = new.title
        description = new.description
        priceAmount = new.priceAmount
        currency = new.currency
        status = new.status.rawValue
        category = new.category
        (categoryL1, categoryL2, categoryL3) = new.categoryLevels
        tags = new.tags
        inventoryCount = new.inventoryCount
        hasVariants = new.hasVariants
        visible = new.visible
        deletedAt = nil
        createdAt = new.createdAt
        updatedAt = new.createdAt
    }
}

/// A new product's stored fields, from a validated create request: `ProductService.create`
/// turns them into a `ProductModel`, the CSV import's batches (`createBatch`) write them as
/// they are. A Fluent model is a score of allocations and dynamically typed property
/// accesses, which cost more than the database's work at 80,000 products.
struct NewProduct: Sendable {
    let id: String
    let shopID: String
    let title: String
    let description: String
    let priceAmount: Int64
    let currency: String
    let status: ProductStatus
    let category: String?
    let categoryLevels: (String?, String?, String?)
    let tags: [String]
    var inventoryCount: Int
    let hasVariants: Bool
    let visible: Bool
    let createdAt: Date

    var scope: String { ProductService.scope(visible: visible, shopID: shopID) }

    init(id: ProductID, _ request: CreateProductRequest, shop: ShopModel, now: Date) {
        self.id = id.rawValue
        shopID = shop.id!
        title = request.title.trimmingWhitespace()
        description = request.description
        priceAmount = request.price.amount
        currency = request.price.currency.code
        status = request.status ?? .active
        category = request.category.map(CatalogRules.normalizedCategory)
        categoryLevels = ProductModel.categoryLevels(category)
        tags = CatalogRules.normalizedTags(request.tags ?? [])
        inventoryCount = request.inventoryCount ?? 0
        hasVariants = !(request.variants ?? []).isEmpty
        visible = ProductModel.isVisible(status: status, deleted: false, shopActive: shop.isActive)
        createdAt = now
    }
}

final class VariantModel: Model, @unchecked Sendable {
    static let schema = "product_variants"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "product_id") var productID: String
    @Field(key: "shop_id") var shopID: String
    @Field(key: "sku") var sku: String
    /// Upper-cased SKU, unique per shop; a removed variant gets `#id` appended, freeing it.
    @Field(key: "sku_key") var skuKey: String
    @Field(key: "options") var optionsJSON: String
    @OptionalField(key: "price_amount") var priceAmount: Int64?
    @Field(key: "inventory_count") var inventoryCount: Int
    /// The vendor's order of the variants (S, M, L rather than alphabetical).
    @Field(key: "position") var position: Int
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var options: [String: String] {
        get { (try? JSONDecoder().decode([String: String].self, from: Data(optionsJSON.utf8))) ?? [:] }
        set { optionsJSON = Self.json(options: newValue) }
    }

    static func json(options: [String: String]) -> String {
        String(decoding: (try? JSONEncoder.sortedKeys.encode(options)) ?? Data("{}".utf8), as: UTF8.self)
    }

    func dto(productPrice: Money) -> VariantDTO {
        VariantDTO(
            id: VariantID(rawValue: id!)!, sku: sku, options: options,
            price: Money(amount: priceAmount ?? productPrice.amount, currency: productPrice.currency),
            inventoryCount: inventoryCount)
    }
}
