import FluentKit
import Foundation
import MarketModels
import SQLKit

/// The user's one cart: lines per product or variant, quantities checked against stock when
/// they change (and again at checkout, which is what counts), prices always the current ones.
///
/// Concurrent edits from two tabs: an add is one upsert that adds to the stored quantity
/// (never a read-modify-write), checked against stock and the limits in the same
/// transaction, so two adds of one unit both count or one is refused; a set (`PATCH`) is
/// last-writer-wins, as a person expects of "set the quantity to 3".
struct CartService: Sendable {
    let database: @Sendable () -> any Database
    let clock: any AppClock
    /// SQLite's writer event loop, for the write transactions (see `CommerceContext.writer`).
    var writer: (any TaskExecutor)? = nil

    static let itemNotFound = AppError(.notFound, .notFound, "No such item in your cart.")

    func cart(for user: UserID) async throws -> CartDTO {
        try await Self.cart(for: user, on: database())
    }

    /// Answers from the lines it read to check the add and the upserted line, not from a
    /// second read of the cart after the commit.
    func add(_ request: AddCartItemRequest, user: UserID) async throws -> CartDTO {
        try AppError.check(request.validate())
        let lines = try await withTaskExecutorPreference(writer) { try await database().transaction { tx -> [LineRow] in
            let sql = tx as! any SQLDatabase
            let target = try await Self.purchasable(product: request.productId.rawValue, variant: request.variantId?.rawValue, on: sql)
            var lines = try await Self.lines(for: user, on: sql)
            if let other = lines.first(where: { $0.currency != target.currency }) {
                throw AppError(.conflict, .conflict, "Your cart is in \(other.currency); this product is priced in \(target.currency). Check out or empty the cart first.",
                               details: [ErrorDetail(field: "productId", code: "currency_mismatch", message: "One currency per cart.")])
            }
            let key = CartItemModel.lineKey(product: target.productID, variant: target.variantID)
            let existing = lines.firstIndex { CartItemModel.lineKey(product: $0.product_id, variant: $0.variant_id) == key }
            if lines.count >= CartRules.maxItems, existing == nil {
                throw AppError(.conflict, .conflict, "A cart holds at most \(CartRules.maxItems) different items.")
            }
            let now = clock.now()
            let row = try await sql.raw("""
                INSERT INTO cart_items (id, user_id, product_id, variant_id, line_key, shop_id, quantity, added_price_amount, currency, created_at, updated_at)
                VALUES (\(bind: CartItemID.generate(at: now).rawValue), \(bind: user.rawValue), \(bind: target.productID), \(bind: target.variantID),
                        \(bind: key), \(bind: target.shopID), \(bind: request.quantity), \(bind: target.price), \(bind: target.currency), \(bind: now), \(bind: now))
                ON CONFLICT (user_id, line_key) DO UPDATE SET quantity = cart_items.quantity + excluded.quantity, updated_at = excluded.updated_at
                RETURNING id, quantity, added_price_amount
                """).first(decoding: UpsertedRow.self)
            guard let row else { throw AppError(.conflict, .conflict, "The cart changed meanwhile; try again.") }
            try Self.check(quantity: row.quantity, available: target.stock, field: "quantity")
            // An existing line keeps its place (the cart lists lines in the order first added).
            let line = LineRow(id: row.id, product_id: target.productID, variant_id: target.variantID, shop_id: target.shopID, quantity: row.quantity,
                               added_price_amount: row.added_price_amount, currency: target.currency,
                               created_at: existing.map { lines[$0].created_at } ?? now, updated_at: now,
                               title: target.title, price_amount: target.productPrice, inventory_count: target.productStock, visible: true,
                               sku: target.sku, variant_price: target.variantPrice, variant_stock: target.variantStock,
                               variant_live: target.variantID == nil ? nil : 1, shop_name: target.shopName)
            if let existing {
                lines[existing] = line
            } else {
                lines.append(line)
                lines.sort { ($0.created_at, $0.id) < ($1.created_at, $1.id) }
            }
            return lines
        } }
        return Self.cart(lines)  // after the commit: the one writer connection waits for nothing
    }

    private struct UpsertedRow: Decodable {
        let id: String
        let quantity: Int
        let added_price_amount: Int64
    }

    func update(_ request: UpdateCartItemRequest, user: UserID) async throws -> CartDTO {
        try AppError.check(request.validate())
        let db = database()
        try await withTaskExecutorPreference(writer) { try await db.transaction { tx in
            guard let line = try await CartItemModel.query(on: tx).filter(\.$id == request.itemId.rawValue)
                .filter(\.$userID == user.rawValue).first() else { throw Self.itemNotFound }
            if request.quantity == 0 {
                try await line.delete(on: tx)
                return
            }
            let target = try await Self.purchasable(product: line.productID, variant: line.variantID, on: tx as! any SQLDatabase)
            try Self.check(quantity: request.quantity, available: target.stock, field: "quantity")
            line.quantity = request.quantity
            line.updatedAt = clock.now()
            try await line.update(on: tx)
        } }
        return try await Self.cart(for: user, on: db)
    }

    func remove(itemID rawID: String, user: UserID) async throws -> CartDTO {
        let db = database()
        let deleted = try await (db as! any SQLDatabase).raw(
            "DELETE FROM cart_items WHERE id = \(bind: rawID) AND user_id = \(bind: user.rawValue) RETURNING id").all()
        guard !deleted.isEmpty else { throw Self.itemNotFound }
        return try await Self.cart(for: user, on: db)
    }

    // MARK: Reading

    /// What a line points at, as it is now.
    struct Target: Sendable {
        var productID: String
        var variantID: String?
        var shopID: String
        var price: Int64
        var currency: String
        var stock: Int
        /// What the cart shows of it (`add` answers without reading the cart back).
        var title: String
        var shopName: String
        var sku: String?
        var productPrice: Int64
        var productStock: Int
        var variantPrice: Int64?
        var variantStock: Int?
    }

    private struct TargetRow: Decodable {
        let id: String
        let shop_id: String
        let price_amount: Int64
        let currency: String
        let inventory_count: Int
        let has_variants: Bool
        let visible: Bool
        let title: String
        let shop_name: String
        let variant_price: Int64?
        let variant_stock: Int?
        let variant_found: Int?
        let sku: String?
    }

    /// A product (and variant) that can be bought now; 404 otherwise, 400 for a missing or stray variant.
    static func purchasable(product: String, variant: String?, on sql: any SQLDatabase) async throws -> Target {
        guard ProductID(rawValue: product) != nil else { throw ProductService.notFound }
        let row = try await sql.raw("""
            SELECT p.id, p.shop_id, p.price_amount, p.currency, p.inventory_count, p.has_variants, p.visible, p.title, s.name AS shop_name,
                   v.price_amount AS variant_price, v.inventory_count AS variant_stock, CASE WHEN v.id IS NULL THEN NULL ELSE 1 END AS variant_found, v.sku
            FROM products p JOIN shops s ON s.id = p.shop_id
            LEFT JOIN product_variants v ON v.id = \(bind: variant ?? "") AND v.product_id = p.id AND v.deleted_at IS NULL
            WHERE p.id = \(bind: product) AND p.deleted_at IS NULL
            """).first(decoding: TargetRow.self)
        guard let row, row.visible else { throw ProductService.notFound }
        if row.has_variants {
            guard variant != nil else {
                throw AppError.validation(field: "variantId", code: "required", "This product comes in variants: choose one.")
            }
            guard row.variant_found != nil else { throw AppError(.notFound, .notFound, "No such variant of this product.") }
            return Target(productID: row.id, variantID: variant, shopID: row.shop_id, price: row.variant_price ?? row.price_amount,
                          currency: row.currency, stock: row.variant_stock ?? 0, title: row.title, shopName: row.shop_name, sku: row.sku,
                          productPrice: row.price_amount, productStock: row.inventory_count, variantPrice: row.variant_price, variantStock: row.variant_stock)
        }
        if variant != nil { throw AppError.validation(field: "variantId", code: "not_allowed", "This product has no variants.") }
        return Target(productID: row.id, variantID: nil, shopID: row.shop_id, price: row.price_amount, currency: row.currency, stock: row.inventory_count,
                      title: row.title, shopName: row.shop_name, sku: nil, productPrice: row.price_amount, productStock: row.inventory_count,
                      variantPrice: nil, variantStock: nil)
    }

    static func check(quantity: Int, available: Int, field: String) throws {
        if quantity > CartRules.maxQuantity {
            throw AppError.validation(field: field, code: "invalid_value", "At most \(CartRules.maxQuantity) of one item.")
        }
        if quantity > available {
            throw AppError(.conflict, .outOfStock, available == 0 ? "This item is out of stock." : "Only \(available) left in stock.",
                           details: [ErrorDetail(field: field, code: "out_of_stock", message: "\(available) available.")])
        }
    }

    /// A cart line joined with what it points at now.
    struct LineRow: Decodable, Sendable {
        let id: String
        let product_id: String
        let variant_id: String?
        let shop_id: String
        let quantity: Int
        let added_price_amount: Int64
        let currency: String
        let created_at: Date
        let updated_at: Date
        let title: String
        let price_amount: Int64
        let inventory_count: Int
        let visible: Bool
        let sku: String?
        let variant_price: Int64?
        let variant_stock: Int?
        let variant_live: Int?
        let shop_name: String

        var unitPrice: Int64 { variant_id == nil ? price_amount : (variant_price ?? price_amount) }
        /// 0 when the product or variant can no longer be bought.
        var available: Int {
            guard visible else { return 0 }
            if variant_id != nil { return variant_live == nil ? 0 : (variant_stock ?? 0) }
            return inventory_count
        }
    }

    static func lines(for user: UserID, on sql: any SQLDatabase) async throws -> [LineRow] {
        try await sql.raw("""
            SELECT c.id, c.product_id, c.variant_id, c.shop_id, c.quantity, c.added_price_amount, c.currency, c.created_at, c.updated_at,
                   p.title, p.price_amount, p.inventory_count, p.visible, v.sku, v.price_amount AS variant_price,
                   v.inventory_count AS variant_stock, CASE WHEN v.deleted_at IS NULL AND v.id IS NOT NULL THEN 1 ELSE NULL END AS variant_live,
                   s.name AS shop_name
            FROM cart_items c JOIN products p ON p.id = c.product_id JOIN shops s ON s.id = c.shop_id
            LEFT JOIN product_variants v ON v.id = c.variant_id
            WHERE c.user_id = \(bind: user.rawValue)
            ORDER BY c.created_at, c.id
            """).all(decoding: LineRow.self)
    }

    static func cart(for user: UserID, on db: any Database) async throws -> CartDTO {
        cart(try await lines(for: user, on: db as! any SQLDatabase))
    }

    /// The cart of `rows` (`lines`' order).
    static func cart(_ rows: [LineRow]) -> CartDTO {
        let currency = rows.first.flatMap { Currency(code: $0.currency) } ?? .usd
        var items: [CartItemDTO] = []
        var shops: [CartShopDTO] = []
        for row in rows {
            let price = Money(amount: row.unitPrice, currency: currency)
            let added = Money(amount: row.added_price_amount, currency: currency)
            let available = row.available
            var notice: String?
            if available == 0 {
                notice = row.visible ? "Out of stock." : "No longer available."
            } else if row.quantity > available {
                notice = "Only \(available) left."
            } else if row.unitPrice != row.added_price_amount {
                notice = "The price changed from \(added.formatted)."
            }
            items.append(CartItemDTO(
                id: CartItemID(rawValue: row.id)!, productId: ProductID(rawValue: row.product_id)!, variantId: row.variant_id.flatMap(VariantID.init(rawValue:)),
                quantity: row.quantity, unitPrice: price, shopId: ShopID(rawValue: row.shop_id)!, title: row.title, sku: row.sku,
                addedUnitPrice: added, priceChanged: row.unitPrice != row.added_price_amount, available: available, notice: notice))
            let lineTotal = (try? price.multiplied(by: Int64(row.quantity))) ?? price
            if let index = shops.firstIndex(where: { $0.shopId.rawValue == row.shop_id }) {
                shops[index].subtotal = (try? shops[index].subtotal.adding(lineTotal)) ?? shops[index].subtotal
            } else {
                shops.append(CartShopDTO(shopId: ShopID(rawValue: row.shop_id)!, shopName: row.shop_name, subtotal: lineTotal))
            }
        }
        let subtotal = (try? Money.sum(shops.map(\.subtotal), currency: currency)) ?? .zero(currency)
        return CartDTO(items: items, subtotal: subtotal, shops: shops, updatedAt: rows.map(\.updated_at).max())
    }
}
