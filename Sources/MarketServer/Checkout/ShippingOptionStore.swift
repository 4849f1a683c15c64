import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Shops' shipping options and rates. A shop that set none offers the configured defaults
/// (standard and express) in its currency.
struct ShippingOptionStore: Sendable {
    let database: @Sendable () -> any Database
    let settings: ServerConfiguration.CommerceSettings
    let shops: ShopService

    private struct Row: Decodable {
        let shop_id: String
        let code: String
        let name: String
        let price_amount: Int64
        let currency: String
        let estimated_days: Int?
    }

    func defaults(currency: Currency) -> [ShippingOptionDTO] {
        [ShippingOptionDTO(code: ShippingOptionCode.standard, name: "Standard", price: Money(amount: settings.standardShipping, currency: currency), estimatedDays: 5),
         ShippingOptionDTO(code: ShippingOptionCode.express, name: "Express", price: Money(amount: settings.expressShipping, currency: currency), estimatedDays: 2)]
    }

    /// The options of each shop in `shops` (id → currency), defaults where a shop set none.
    func options(for shops: [String: Currency], on db: any Database) async throws -> [String: [ShippingOptionDTO]] {
        guard !shops.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).select().columns("shop_id", "code", "name", "price_amount", "currency", "estimated_days")
            .from("shipping_options").where("shop_id", .in, Array(shops.keys)).orderBy("position").all(decoding: Row.self)
        return options(rows, shops: shops)
    }

    /// A shop as checkout prices it.
    struct Shop: Sendable {
        var id: String
        var name: String
        var currency: Currency
    }

    private struct ShopOptionRow: Decodable {
        let shop_id: String
        let shop_name: String
        let shop_currency: String
        let code: String?
        let name: String?
        let price_amount: Int64?
        let currency: String?
        let estimated_days: Int?
    }

    /// The shops of `ids` and their options, in one query (checkout's hot path).
    func shopsWithOptions(_ ids: [String], on db: any Database) async throws -> (shops: [Shop], options: [String: [ShippingOptionDTO]]) {
        guard !ids.isEmpty else { return ([], [:]) }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT s.id AS shop_id, s.name AS shop_name, s.currency AS shop_currency, o.code, o.name, o.price_amount, o.currency, o.estimated_days
            FROM shops s LEFT JOIN shipping_options o ON o.shop_id = s.id
            WHERE s.id IN (\(binds: ids.map { $0 as any Encodable & Sendable })) ORDER BY o.position
            """).all(decoding: ShopOptionRow.self)
        var shops: [String: Shop] = [:]
        var options: [Row] = []
        for row in rows {
            if shops[row.shop_id] == nil {
                shops[row.shop_id] = Shop(id: row.shop_id, name: row.shop_name, currency: Currency(code: row.shop_currency) ?? .usd)
            }
            if let code = row.code, let name = row.name, let price = row.price_amount, let currency = row.currency {
                options.append(Row(shop_id: row.shop_id, code: code, name: name, price_amount: price, currency: currency, estimated_days: row.estimated_days))
            }
        }
        let found = ids.compactMap { shops[$0] }
        return (found, self.options(options, shops: Dictionary(uniqueKeysWithValues: found.map { ($0.id, $0.currency) })))
    }

    private func options(_ rows: [Row], shops: [String: Currency]) -> [String: [ShippingOptionDTO]] {
        var result: [String: [ShippingOptionDTO]] = [:]
        for row in rows {
            result[row.shop_id, default: []].append(ShippingOptionDTO(
                code: row.code, name: row.name, price: Money(amount: row.price_amount, currency: Currency(code: row.currency) ?? .usd), estimatedDays: row.estimated_days))
        }
        for (shop, currency) in shops where result[shop] == nil { result[shop] = defaults(currency: currency) }
        return result
    }

    func list(shopID: String, principal: Principal?) async throws -> ShippingOptionsDTO {
        let shop = try await shops.find(shopID, principal: principal)
        return ShippingOptionsDTO(options: try await options(for: [shop.id!: shop.currencyValue], on: database())[shop.id!] ?? [])
    }

    /// Replaces the shop's options (its owner or an admin).
    func replace(shopID: String, with body: ShippingOptionsDTO, principal: Principal) async throws -> ShippingOptionsDTO {
        let shop = try await shops.find(shopID, principal: principal)
        guard CatalogAccess.canManage(shop: shop, principal: principal) else {
            throw AppError(.forbidden, .forbidden, "Only the shop's owner can change its shipping options.")
        }
        var problems: [ErrorDetail] = []
        if body.options.isEmpty || body.options.count > 10 {
            problems.append(ErrorDetail(field: "options", code: "invalid_value", message: "Offer 1 to 10 shipping options."))
        }
        for (index, option) in body.options.enumerated() { problems += option.validate(currency: shop.currencyValue, field: "options[\(index)]") }
        if Set(body.options.map(\.code)).count != body.options.count {
            problems.append(ErrorDetail(field: "options", code: "duplicate", message: "Each option code once."))
        }
        try AppError.check(problems)
        try await database().transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM shipping_options WHERE shop_id = \(bind: shop.id!)").run()
            for (position, option) in body.options.enumerated() {
                try await sql.raw("""
                    INSERT INTO shipping_options (shop_id, code, name, price_amount, currency, estimated_days, position)
                    VALUES (\(bind: shop.id!), \(bind: option.code), \(bind: Validation.trimmedName(option.name)), \(bind: option.price.amount),
                            \(bind: option.price.currency.code), \(bind: option.estimatedDays), \(bind: position))
                    """).run()
            }
        }
        return try await list(shopID: shopID, principal: principal)
    }
}
