import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Product writes: create, edit (variants replaced by SKU), soft delete and stock moves.
/// Each write keeps tags, the search index and the change log in the same transaction.
struct ProductService: Sendable {
    let context: CatalogContext
    let shops: ShopService
    let assembler: ProductAssembler

    /// Public products are everyone's; others belong to their shop's room.
    static func scope(_ product: ProductModel) -> String {
        scope(visible: product.visible, shopID: product.shopID)
    }

    static func scope(visible: Bool, shopID: String) -> String {
        visible ? "public" : "shop:\(shopID)"
    }

    static let notFound = AppError(.notFound, .notFound, "No such product.")

    func create(shopID: String, _ request: CreateProductRequest, principal: Principal) async throws -> ProductDTO {
        let shop = try await shops.find(shopID, principal: principal)
        // The contract gives product creation to the shop's owner alone.
        guard shop.ownerID == principal.userID.rawValue else {
            throw AppError(.forbidden, .forbidden, "Only the shop's owner can add products to it.")
        }
        var problems = request.validate()
        if request.price.currency.code != shop.currency {
            problems.append(ErrorDetail(field: "price.currency", code: "not_allowed", message: "This shop sells in \(shop.currency)."))
        }
        try AppError.check(problems)

        let now = context.clock.now()
        let product = ProductModel(NewProduct(id: ProductID.generate(at: now), request, shop: shop, now: now))

        try await write(context.database()) { tx in
            try await product.create(on: tx)
            try await replaceVariants(of: product, with: request.variants ?? [], on: tx)
            try await afterWrite(product, op: .upsert, on: tx)
        }
        await context.publish("product.created", entity: "product", id: product.id!, scope: Self.scope(product))
        return try await assembler.detail(product, shop: shop, on: context.database())
    }

    func update(_ rawID: String, _ request: UpdateProductRequest, principal: Principal) async throws -> ProductDTO {
        let (product, shop) = try await findManageable(rawID, principal: principal)
        var problems = request.validate(currency: product.price.currency)
        if let price = request.price, price.currency.code != shop.currency {
            problems.append(ErrorDetail(field: "price.currency", code: "not_allowed", message: "This shop sells in \(shop.currency)."))
        }
        try AppError.check(problems)

        let updated = try await write(context.database()) { tx -> ProductModel in
            try await context.lock(table: ProductModel.schema, id: product.id!, on: tx)
            guard let current = try await ProductModel.find(product.id!, on: tx), current.deletedAt == nil else { throw Self.notFound }
            if let title = request.title { current.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let description = request.description { current.description = description }
            if let price = request.price { current.priceAmount = price.amount }
            if let category = request.category { current.setCategory(category.isEmpty ? nil : CatalogRules.normalizedCategory(category)) }
            if let tags = request.tags { current.tags = CatalogRules.normalizedTags(tags) }
            if let status = request.status { current.status = status.rawValue }
            if let variants = request.variants {
                current.hasVariants = !variants.isEmpty
            }
            if let count = request.inventoryCount, !current.hasVariants { current.inventoryCount = count }
            current.updatedAt = context.clock.now()
            current.refreshVisibility(shopActive: shop.isActive)
            try await current.update(on: tx)
            if let variants = request.variants {
                try await replaceVariants(of: current, with: variants, on: tx)
            }
            try await afterWrite(current, op: .upsert, on: tx)
            return current
        }
        await context.publish("product.updated", entity: "product", id: updated.id!, scope: Self.scope(updated))
        return try await assembler.detail(updated, shop: shop, on: context.database())
    }

    /// Soft delete: the row stays for the orders that reference it; the change log gets a
    /// tombstone and the product leaves every listing and the index.
    func delete(_ rawID: String, principal: Principal) async throws {
        let (product, _) = try await findManageable(rawID, principal: principal)
        try await context.database().transaction { tx in
            try await context.lock(table: ProductModel.schema, id: product.id!, on: tx)
            guard let current = try await ProductModel.find(product.id!, on: tx), current.deletedAt == nil else { throw Self.notFound }
            current.deletedAt = context.clock.now()
            current.updatedAt = context.clock.now()
            current.visible = false
            try await current.update(on: tx)
            // Its variants stay for order history, and their SKUs become free again.
            try await context.sql(tx).raw("""
                UPDATE product_variants SET deleted_at = \(bind: context.clock.now()), sku_key = sku_key || '#' || id
                WHERE product_id = \(bind: current.id!) AND deleted_at IS NULL
                """).run()
            try await context.search.sync(current, on: context.sql(tx))
            try await context.changeLog.record(entity: "product", id: current.id!, op: .delete, scope: "public", on: tx)
        }
        await context.publish("product.deleted", entity: "product", id: product.id!, scope: "public")
    }

    /// Adds or takes stock with a guarded update: it never goes below zero, whatever runs
    /// at the same time (409 `out_of_stock` instead).
    func adjustStock(_ rawID: String, _ request: StockAdjustmentRequest, principal: Principal) async throws -> ProductDTO {
        let (product, shop) = try await findManageable(rawID, principal: principal)
        guard abs(request.delta) <= CatalogRules.maxInventory else {
            throw AppError.validation(field: "delta", code: "invalid_value", "The change is too large.")
        }
        if product.hasVariants != (request.variantId != nil) {
            throw AppError.validation(field: "variantId", code: product.hasVariants ? "required" : "not_allowed",
                                      product.hasVariants ? "This product has variants: name the variant." : "This product has no variants.")
        }
        let updated = try await write(context.database()) { tx -> ProductModel in
            // One stock move per product at a time, so the product total is summed after the
            // other move committed, never beside it.
            try await context.lock(table: ProductModel.schema, id: product.id!, on: tx)
            let sql = context.sql(tx)
            let table = request.variantId == nil ? ProductModel.schema : VariantModel.schema
            let target = request.variantId?.rawValue ?? product.id!
            var condition: SQLQueryString = "id = \(bind: target) AND inventory_count + \(bind: request.delta) >= 0 AND inventory_count + \(bind: request.delta) <= \(bind: CatalogRules.maxInventory)"
            if request.variantId != nil { condition = condition + " AND product_id = \(bind: product.id!) AND deleted_at IS NULL" }
            let rows = try await sql.raw("UPDATE \(ident: table) SET inventory_count = inventory_count + \(bind: request.delta) WHERE " + condition + " RETURNING id").all()
            guard rows.count == 1 else {
                if let variantID = request.variantId, try await VariantModel.query(on: tx).filter(\.$id == variantID.rawValue).filter(\.$productID == product.id!).filter(\.$deletedAt == nil).first() == nil {
                    throw AppError(.notFound, .notFound, "No such variant of this product.")
                }
                throw AppError(.conflict, .outOfStock, "Not enough stock for this change.", details: [ErrorDetail(field: "delta", code: "out_of_stock", message: "Stock cannot go below zero.")])
            }
            guard let current = try await ProductModel.find(product.id!, on: tx) else { throw Self.notFound }
            if current.hasVariants { try await recomputeInventory(current, on: tx) }
            current.updatedAt = context.clock.now()
            try await current.update(on: tx)
            try await context.changeLog.record(entity: "product", id: current.id!, op: .upsert, scope: Self.scope(current), on: tx)
            return current
        }
        await context.publish("product.stock.updated", entity: "product", id: updated.id!, scope: Self.scope(updated))
        return try await assembler.detail(updated, shop: shop, on: context.database())
    }

    // MARK: Helpers

    /// A product that is not deleted, with its shop; 404 otherwise. Who may see it is the caller's check.
    func load(_ rawID: String, on db: any Database) async throws -> (ProductModel, ShopModel) {
        guard ProductID(rawValue: rawID) != nil, let product = try await ProductModel.find(rawID, on: db), product.deletedAt == nil,
              let shop = try await ShopModel.find(product.shopID, on: db)
        else { throw Self.notFound }
        return (product, shop)
    }

    func findManageable(_ rawID: String, principal: Principal) async throws -> (ProductModel, ShopModel) {
        let (product, shop) = try await load(rawID, on: context.database())
        guard CatalogAccess.canManage(shop: shop, principal: principal) else {
            // Others may not even learn that a non-public product exists.
            if product.visible { throw AppError(.forbidden, .forbidden, "Only the shop's owner can change this product.") }
            throw Self.notFound
        }
        return (product, shop)
    }

    /// A transaction whose SKU clashes become a 409 naming the field.
    func write<T: Sendable>(_ db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        do {
            return try await db.transaction(body)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError(.conflict, .conflict, "A variant SKU is already used in this shop.",
                           details: [ErrorDetail(field: "variants", code: "sku_taken", message: "SKUs are unique per shop.")])
        }
    }

    func afterWrite(_ product: ProductModel, op: ChangeLogEntry.Operation, on tx: any Database) async throws {
        let sql = context.sql(tx)
        try await sql.raw("DELETE FROM product_tags WHERE product_id = \(bind: product.id!)").run()
        for tag in product.tags {
            try await sql.raw("INSERT INTO product_tags (product_id, tag) VALUES (\(bind: product.id!), \(bind: tag))").run()
        }
        try await context.search.sync(product, on: sql)
        try await context.changeLog.record(entity: "product", id: product.id!, op: op, scope: Self.scope(product), on: tx)
    }

    /// Makes the product's live variants exactly `inputs`, matched by SKU (case-insensitive).
    func replaceVariants(of product: ProductModel, with inputs: [VariantInput], on tx: any Database) async throws {
        let now = context.clock.now()
        let existing = try await VariantModel.query(on: tx).filter(\.$productID == product.id!).filter(\.$deletedAt == nil).all()
        var byKey = Dictionary(existing.map { ($0.skuKey, $0) }, uniquingKeysWith: { a, _ in a })
        for (position, input) in inputs.enumerated() {
            let key = input.sku.uppercased()
            let variant = byKey.removeValue(forKey: key) ?? {
                let fresh = VariantModel()
                fresh.id = VariantID.generate(at: now).rawValue
                fresh.productID = product.id!
                fresh.shopID = product.shopID
                fresh.skuKey = key
                fresh.createdAt = now
                return fresh
            }()
            variant.sku = input.sku
            variant.options = input.options
            variant.priceAmount = input.price?.amount
            variant.inventoryCount = input.inventoryCount
            variant.position = position
            variant.updatedAt = now
            try await variant.save(on: tx)
        }
        // Removed variants stay for order history; their SKU is freed for reuse.
        for variant in byKey.values {
            variant.deletedAt = now
            variant.skuKey = variant.skuKey + "#" + variant.id!
            try await variant.update(on: tx)
        }
        if !inputs.isEmpty { try await recomputeInventory(product, on: tx) }
    }

    /// Product stock is the sum of its live variants' stock.
    private func recomputeInventory(_ product: ProductModel, on tx: any Database) async throws {
        // Summed here: PostgreSQL's SUM over a bigint is numeric, which Fluent cannot read as Int.
        let total = try await VariantModel.query(on: tx).filter(\.$productID == product.id!).filter(\.$deletedAt == nil).all()
            .reduce(0) { $0 + $1.inventoryCount }
        if product.inventoryCount != total {
            product.inventoryCount = total
            try await product.update(on: tx)
        }
    }
}
