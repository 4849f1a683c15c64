import FluentKit
import Foundation
import MarketModels
import SQLKit

extension ProductService {
    /// Rows per multi-row INSERT: at most 18 binds a row, well under SQLite's 32,766 and
    /// PostgreSQL's 65,535.
    static let batchRowsPerStatement = 500

    /// Creates many new products in ONE transaction (the CSV import's batches). It writes
    /// what `create` writes (rows, variants, tags, search index, completion counts, change
    /// log), but set-wise, a few multi-row statements per table instead of a dozen
    /// statements per product: the difference between hundreds and thousands of rows a
    /// second. `ProductImportImporterTests` checks the result through the API on both engines.
    ///
    /// For trusted callers only: the requests must already have passed
    /// `CreateProductRequest.validate()` and the caller must have checked the shop's owner.
    /// The caller picks the IDs (new ones), so a retried import can tell which products it
    /// already wrote. A SKU clash rolls the whole batch back with the same 409 `create` throws.
    func createBatch(_ items: [(id: ProductID, request: CreateProductRequest)], in shop: ShopModel) async throws {
        guard !items.isEmpty else { return }
        let now = context.clock.now()
        var products: [ProductModel] = []
        var variants: [VariantModel] = []
        for (id, request) in items {
            let product = newProduct(id: id, request, shop: shop, now: now)
            let inputs = request.variants ?? []
            // What `replaceVariants` does for a product that has none yet, and its stock sum.
            for (position, input) in inputs.enumerated() {
                let variant = VariantModel()
                variant.id = VariantID.generate(at: now).rawValue
                variant.productID = product.id!
                variant.shopID = product.shopID
                variant.sku = input.sku
                variant.skuKey = input.sku.uppercased()
                variant.options = input.options
                variant.priceAmount = input.price?.amount
                variant.inventoryCount = input.inventoryCount
                variant.position = position
                variant.createdAt = now
                variant.updatedAt = now
                variants.append(variant)
            }
            if !inputs.isEmpty { product.inventoryCount = inputs.reduce(0) { $0 + $1.inventoryCount } }
            products.append(product)
        }
        let rowsPerStatement = Self.batchRowsPerStatement
        try await write(context.database()) { [products, variants] tx in
            let sql = context.sql(tx)
            // Raw multi-row INSERTs: Fluent's batch `create` reflects over every model's
            // properties, which cost more than the database's own work here.
            for start in stride(from: 0, to: products.count, by: rowsPerStatement) {
                let rows = products[start..<min(start + rowsPerStatement, products.count)].map { p -> SQLQueryString in
                    """
                    (\(bind: p.id!), \(bind: p.shopID), \(bind: p.title), \(bind: p.description), \(bind: p.priceAmount), \(bind: p.currency),
                     \(bind: p.status), \(bind: p.category), \(bind: p.categoryL1), \(bind: p.categoryL2), \(bind: p.categoryL3), \(bind: p.tagsText),
                     \(bind: p.inventoryCount), \(bind: p.hasVariants), \(bind: p.visible), NULL, \(bind: p.createdAt), \(bind: p.updatedAt))
                    """
                }
                try await sql.raw("""
                    INSERT INTO products (id, shop_id, title, description, price_amount, currency, status, category, category_l1, category_l2,
                                          category_l3, tags, inventory_count, has_variants, visible, deleted_at, created_at, updated_at) VALUES
                    """ + rows.joined(separator: ", ")).run()
            }
            for start in stride(from: 0, to: variants.count, by: rowsPerStatement) {
                let rows = variants[start..<min(start + rowsPerStatement, variants.count)].map { v -> SQLQueryString in
                    """
                    (\(bind: v.id!), \(bind: v.productID), \(bind: v.shopID), \(bind: v.sku), \(bind: v.skuKey), \(bind: v.optionsJSON),
                     \(bind: v.priceAmount), \(bind: v.inventoryCount), \(bind: v.position), NULL, \(bind: v.createdAt), \(bind: v.updatedAt))
                    """
                }
                try await sql.raw("""
                    INSERT INTO product_variants (id, product_id, shop_id, sku, sku_key, options, price_amount, inventory_count, position,
                                                  deleted_at, created_at, updated_at) VALUES
                    """ + rows.joined(separator: ", ")).run()
            }
            let tags = products.flatMap { product in product.tags.map { (product.id!, $0) } }
            for start in stride(from: 0, to: tags.count, by: rowsPerStatement) {
                let rows = tags[start..<min(start + rowsPerStatement, tags.count)].map { "(\(bind: $0.0), \(bind: $0.1))" as SQLQueryString }
                try await sql.raw("INSERT INTO product_tags (product_id, tag) VALUES " + rows.joined(separator: ", ")).run()
            }
            try await context.search.syncNew(products, on: sql)
            try await context.changeLog.recordBatch(
                entity: "product", entries: products.map { ($0.id!, .upsert, Self.scope($0)) }, on: tx)
        }
        for product in products {
            await context.publish("product.created", entity: "product", id: product.id!, scope: Self.scope(product))
        }
    }
}
