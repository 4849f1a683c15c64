import FluentKit
import SQLKit

struct M004CreateCatalog: AsyncMigration {
    var name: String { "M004CreateCatalog" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ShopModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("owner_id", .string, .required, .references(UserModel.schema, "id"))
            .field("slug", .string, .required)
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("currency", .string, .required)
            .field("contact_email", .string)
            .field("status", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "slug", name: "shops_slug_key")
            .create()
        try await database.index(on: ShopModel.schema, name: "shops_owner_idx", columns: ["owner_id", "id"])

        try await database.schema(ProductModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("shop_id", .string, .required, .references(ShopModel.schema, "id"))
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("price_amount", .int64, .required)
            .field("currency", .string, .required)
            .field("status", .string, .required)
            .field("category", .string)
            .field("category_l1", .string)
            .field("category_l2", .string)
            .field("category_l3", .string)
            .field("tags", .string, .required)
            .field("inventory_count", .int, .required)
            .field("has_variants", .bool, .required)
            .field("visible", .bool, .required)
            .field("deleted_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        // Public browsing: newest first, by price, by category level; owners: by shop.
        try await database.index(on: ProductModel.schema, name: "products_visible_id_idx", columns: ["visible", "id"])
        try await database.index(on: ProductModel.schema, name: "products_visible_price_idx", columns: ["visible", "price_amount", "id"])
        try await database.index(on: ProductModel.schema, name: "products_shop_idx", columns: ["shop_id", "id"])
        try await database.index(on: ProductModel.schema, name: "products_cat1_idx", columns: ["category_l1", "visible", "id"])
        try await database.index(on: ProductModel.schema, name: "products_cat2_idx", columns: ["category_l2", "visible", "id"])
        try await database.index(on: ProductModel.schema, name: "products_cat3_idx", columns: ["category_l3", "visible", "id"])

        try await database.schema(VariantModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("product_id", .string, .required, .references(ProductModel.schema, "id"))
            .field("shop_id", .string, .required)
            .field("sku", .string, .required)
            .field("sku_key", .string, .required)
            .field("options", .string, .required)
            .field("price_amount", .int64)
            .field("inventory_count", .int, .required)
            .field("position", .int, .required)
            .field("deleted_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "shop_id", "sku_key", name: "product_variants_sku_key")
            .create()
        try await database.index(on: VariantModel.schema, name: "product_variants_product_idx", columns: ["product_id"])

        try await database.schema("product_tags")
            .field("product_id", .string, .required, .references(ProductModel.schema, "id"))
            .field("tag", .string, .required)
            .compositeIdentifier(over: "tag", "product_id")
            .create()
        try await database.index(on: "product_tags", name: "product_tags_product_idx", columns: ["product_id"])

        // Completions: words of public titles and tags with how many public products use them.
        try await database.schema("search_terms")
            .field("term", .string, .identifier(auto: false))
            .field("doc_count", .int, .required)
            .create()

        // The catalog version (newest product or shop change) is read per cached request.
        try await database.index(on: ChangeLogEntry.schema, name: "change_log_entity_version_idx", columns: ["entity", "version"])

        try await SearchIndexFactory.createStructures(on: database)
    }

    func revert(on database: any Database) async throws {
        try await SearchIndexFactory.dropStructures(on: database)
        for table in ["search_terms", "product_tags", VariantModel.schema, ProductModel.schema, ShopModel.schema] {
            try await database.schema(table).delete()
        }
    }
}
