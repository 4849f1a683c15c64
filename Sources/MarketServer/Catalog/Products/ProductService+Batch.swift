import FluentKit
import Foundation
import MarketModels
import SQLKit

extension ProductService {
    /// Rows per multi-row INSERT on SQLite: at most 18 binds a row, well under its 32,766.
    static let batchRowsPerStatement = 500

    /// The columns of `createBatch`'s product rows, in order.
    static let batchProductColumns = [
        "id", "shop_id", "title", "description", "price_amount", "currency", "status", "category", "category_l1", "category_l2",
        "category_l3", "tags", "inventory_count", "has_variants", "visible", "deleted_at", "created_at", "updated_at",
    ]

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
        // Every row is built before the transaction opens, so the connection (and on
        // PostgreSQL the server process behind it) never waits for Swift work in between,
        // from plain values: no Fluent models (see `NewProduct`).
        var products: [NewProduct] = []
        var variantRows: [[BulkValue]] = []
        var optionsJSON: [[String: String]: String] = [:]
        for (id, request) in items {
            var product = NewProduct(id: id, request, shop: shop, now: now)
            let inputs = request.variants ?? []
            // What `replaceVariants` does for a product that has none yet, and its stock sum.
            for (position, input) in inputs.enumerated() {
                let options = optionsJSON[input.options] ?? VariantModel.json(options: input.options)
                optionsJSON[input.options] = options
                variantRows.append([
                    .text(VariantID.generate(at: now).rawValue), .text(product.id), .text(product.shopID), .text(input.sku),
                    .text(input.sku.uppercased()), .text(options), .int(input.price.map { Int($0.amount) }), .int(input.inventoryCount),
                    .int(position), .date(nil), .date(now), .date(now),
                ])
            }
            if !inputs.isEmpty { product.inventoryCount = inputs.reduce(0) { $0 + $1.inventoryCount } }
            products.append(product)
        }
        // Raw multi-row INSERTs: Fluent's batch `create` reflects over every model's
        // properties, which cost more than the database's own work here.
        let productRows: [[BulkValue]] = products.map { p in
            [.text(p.id), .text(p.shopID), .text(p.title), .text(p.description), .int(Int(p.priceAmount)), .text(p.currency),
             .text(p.status.rawValue), .text(p.category), .text(p.categoryLevels.0), .text(p.categoryLevels.1), .text(p.categoryLevels.2),
             .text(p.tags.joined(separator: ProductModel.tagSeparator)), .int(p.inventoryCount), .bool(p.hasVariants), .bool(p.visible),
             .date(nil), .date(p.createdAt), .date(p.createdAt)]
        }
        let tagRows: [[BulkValue]] = products.flatMap { product in product.tags.map { [.text(product.id), .text($0)] } }
        let folded = products.map { $0.visible ? SearchBatchRows.folded($0) : nil }
        let termRows = SearchTermCounts.NewRows(products)
        try await write(context.database()) { [products, variantRows] tx in
            let sql = context.sql(tx)
            try await context.search.insertNew(products, columns: Self.batchProductColumns, rows: productRows, folded: folded, on: sql)
            try await BulkValues(prefix: """
                INSERT INTO product_variants (id, product_id, shop_id, sku, sku_key, options, price_amount, inventory_count, position,
                                              deleted_at, created_at, updated_at)
                """, rowsPerStatement: Self.batchRowsPerStatement).run(variantRows, on: sql)
            try await BulkValues(prefix: "INSERT INTO product_tags (product_id, tag)", rowsPerStatement: Self.batchRowsPerStatement)
                .run(tagRows, on: sql)
            // Late in the transaction: it may wait for a concurrent batch's commit (see there).
            try await SearchTermCounts.addNew(termRows, on: sql)
            try await context.changeLog.recordBatch(
                entity: "product", entries: products.map { ($0.id, .upsert, $0.scope) }, on: tx)
        }
        for product in products {
            await context.publish("product.created", entity: "product", id: product.id, scope: product.scope)
        }
    }
}
