import FluentKit
import FluentSQL
import Foundation
import MarketModels
import SQLKit

/// Browsing and search: one filtered set of products, read as a keyset-paged list and,
/// when asked, as facet counts. Items and facets share the same FROM and WHERE, so the
/// counts always describe exactly what the list shows.
struct ProductBrowser: Sendable {
    let context: CatalogContext
    let assembler: ProductAssembler

    /// Price facet edges in minor units of a two-decimal currency: $10, $25, $50, $100, $250.
    static let priceEdges: [Int64] = [1000, 2500, 5000, 10000, 25000]

    struct Scored: Decodable { let score: Double; let rk: Int64? }

    /// - Parameter includeHidden: the caller manages the shop in `query.shopID`, so drafts
    ///   and archived products of that shop are listed too.
    func list(_ query: ProductQuery, includeHidden: Bool) async throws -> ProductListResponse {
        let db = context.sql(context.readDatabase())
        var query = query
        if let terms = query.terms, terms.prefixLast, let last = terms.words.last {
            query.terms = terms.completing(with: try await SearchTermCounts.complete(last, limit: 8, on: db))
        }
        let base = filtered(query, includeHidden: includeHidden)
        var sql: SQLQueryString = "SELECT p.* FROM " + base.from + " WHERE " + base.condition
        var order: SQLQueryString
        switch query.sort {
        case .newest:
            if let cursor = query.cursor { sql = sql + " AND p.id < \(bind: cursor.id)" }
            order = " ORDER BY p.id DESC"
        case .price:
            if let cursor = query.cursor, let price = cursor.price {
                sql = sql + " AND (p.price_amount > \(bind: price) OR (p.price_amount = \(bind: price) AND p.id > \(bind: cursor.id)))"
            }
            order = " ORDER BY p.price_amount ASC, p.id ASC"
        case .priceDescending:
            if let cursor = query.cursor, let price = cursor.price {
                sql = sql + " AND (p.price_amount < \(bind: price) OR (p.price_amount = \(bind: price) AND p.id < \(bind: cursor.id)))"
            }
            order = " ORDER BY p.price_amount DESC, p.id DESC"
        case .relevance where query.onlyWords && !includeHidden && (query.cursor.map { $0.rank != nil } ?? true)
            && context.search.rankedKeys(query.terms!) != nil:
            let keys = context.search.rankedKeys(query.terms!)!
            var ranked: SQLQueryString = "SELECT ranked.rk, ranked.score FROM (" + keys.select + ") AS ranked"
            if let cursor = query.cursor, let score = cursor.score, let rank = cursor.rank {
                ranked = ranked + " WHERE (ranked.score > \(bind: score) OR (ranked.score = \(bind: score) AND ranked.rk > \(bind: rank)))"
            }
            ranked = ranked + " ORDER BY ranked.score ASC, ranked.rk ASC LIMIT \(literal: query.limit + 1)"
            sql = "SELECT p.*, top.score AS score, top.rk AS rk FROM (" + ranked + ") AS top JOIN products p ON " + keys.join
            order = " ORDER BY top.score ASC, top.rk ASC"
        case .relevance:
            // Rank only (id, score) pairs, so the sort carries two small columns per match
            // instead of whole rows, then fetch the page's rows. The keyset condition sits
            // outside the ranking, where the score exists.
            var ranked: SQLQueryString = "SELECT ranked.id, ranked.score FROM (SELECT p.id AS id, " + base.score + " AS score FROM "
                + base.from + " WHERE " + base.condition + ") AS ranked"
            if let cursor = query.cursor, let score = cursor.score {
                ranked = ranked + " WHERE (ranked.score > \(bind: score) OR (ranked.score = \(bind: score) AND ranked.id > \(bind: cursor.id)))"
            }
            ranked = ranked + " ORDER BY ranked.score ASC, ranked.id ASC LIMIT \(literal: query.limit + 1)"
            sql = "SELECT p.*, top.score AS score FROM (" + ranked + ") AS top JOIN products p ON p.id = top.id"
            order = " ORDER BY top.score ASC, top.id ASC"
        }
        sql = sql + order + (query.sort == .relevance ? "" : " LIMIT \(literal: query.limit + 1)")

        let rows = try await db.raw(sql).all()
        var products: [ProductModel] = []
        var scores: [Scored] = []
        for row in rows {
            products.append(try row.decode(fluentModel: ProductModel.self))
            if query.sort == .relevance { scores.append(try row.decode(model: Scored.self)) }
        }
        var next: String?
        if products.count > query.limit {
            products.removeLast()
            let last = products[products.count - 1]
            let scored = scores.isEmpty ? nil : scores[products.count - 1]
            next = ProductCursor(sort: query.sort, id: last.id!, price: last.priceAmount, score: scored?.score, rank: scored?.rk).encoded
        }
        let items = try await assembler.list(products, on: context.readDatabase())
        let facets = query.facets.isEmpty ? nil : try await facetCounts(query.facets, base: base, on: db)
        return ProductListResponse(items: items, nextCursor: next, facets: facets)
    }

    /// FROM, WHERE and score for the filters, without paging.
    func filtered(_ query: ProductQuery, includeHidden: Bool) -> (from: SQLQueryString, condition: SQLQueryString, score: SQLQueryString) {
        var from: SQLQueryString = "products p"
        var score: SQLQueryString = "0"
        var conditions: [SQLQueryString] = []
        if let terms = query.terms {
            let match = context.search.matching(terms)
            from = match.from
            score = match.score
            conditions.append(match.condition)
        }
        if includeHidden {
            conditions.append("p.deleted_at IS NULL")
            if let status = query.status { conditions.append("p.status = \(bind: status.rawValue)") }
        } else {
            conditions.append("p.visible = \(bind: true)")
        }
        if let shopID = query.shopID { conditions.append("p.shop_id = \(bind: shopID)") }
        if let category = query.category {
            let column = ["category_l1", "category_l2", "category_l3"][min(category.split(separator: "/").count, 3) - 1]
            conditions.append("p.\(ident: column) = \(bind: category)")
        }
        if let tag = query.tag {
            conditions.append("EXISTS (SELECT 1 FROM product_tags t WHERE t.product_id = p.id AND t.tag = \(bind: tag))")
        }
        if let minPrice = query.minPrice { conditions.append("p.price_amount >= \(bind: minPrice)") }
        if let maxPrice = query.maxPrice { conditions.append("p.price_amount <= \(bind: maxPrice)") }
        if let inStock = query.inStock { conditions.append(inStock ? "p.inventory_count > 0" : "p.inventory_count = 0") }
        return (from, conditions.joined(separator: " AND "), score)
    }

    // MARK: Facets

    struct CategoryRow: Decodable { let c1: String?; let c2: String?; let c3: String?; let n: Int }
    struct ValueRow: Decodable { let value: String; let n: Int }
    struct BucketRow: Decodable { let bucket: Int; let n: Int }

    private func facetCounts(_ names: Set<FacetName>, base: (from: SQLQueryString, condition: SQLQueryString, score: SQLQueryString), on db: any SQLDatabase) async throws -> Facets {
        var facets = Facets()
        let whereClause = " FROM " + base.from + " WHERE " + base.condition
        if names.contains(.category) {
            // One pass grouped by the three levels, rolled up here: `kitchen/mugs` also counts for `kitchen`.
            let rows = try await db.raw("SELECT p.category_l1 AS c1, p.category_l2 AS c2, p.category_l3 AS c3, COUNT(*) AS n" + whereClause
                + " AND p.category_l1 IS NOT NULL GROUP BY p.category_l1, p.category_l2, p.category_l3").all(decoding: CategoryRow.self)
            var counts: [String: Int] = [:]
            for row in rows {
                for path in [row.c1, row.c2, row.c3].compactMap({ $0 }) { counts[path, default: 0] += row.n }
            }
            facets.category = counts.map { FacetCount(value: $0.key, count: $0.value) }
                .sorted { ($0.count, $1.value) > ($1.count, $0.value) }
                .prefix(50).map { $0 }
        }
        if names.contains(.tag) {
            facets.tag = try await db.raw("SELECT t.tag AS value, COUNT(*) AS n" + " FROM " + base.from + " JOIN product_tags t ON t.product_id = p.id WHERE " + base.condition
                + " GROUP BY t.tag ORDER BY n DESC, value ASC LIMIT 30").all(decoding: ValueRow.self)
                .map { FacetCount(value: $0.value, count: $0.n) }
        }
        if names.contains(.shop) {
            let rows = try await db.raw("SELECT p.shop_id AS value, COUNT(*) AS n" + whereClause + " GROUP BY p.shop_id ORDER BY n DESC, value ASC LIMIT 30")
                .all(decoding: ValueRow.self)
            let shops = try await ShopModel.query(on: context.readDatabase()).filter(\.$id ~~ rows.map(\.value)).all()
            let names = Dictionary(shops.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
            facets.shop = rows.map { FacetCount(value: $0.value, label: names[$0.value], count: $0.n) }
        }
        if names.contains(.price) {
            var bucket: SQLQueryString = "CASE"
            for (index, edge) in Self.priceEdges.enumerated() { bucket = bucket + " WHEN p.price_amount < \(literal: Int(edge)) THEN \(literal: index)" }
            bucket = bucket + " ELSE \(literal: Self.priceEdges.count) END"
            let rows = try await db.raw("SELECT " + bucket + " AS bucket, COUNT(*) AS n" + whereClause + " GROUP BY 1").all(decoding: BucketRow.self)
            let counts = Dictionary(rows.map { ($0.bucket, $0.n) }, uniquingKeysWith: +)
            let lows: [Int64] = [0] + Self.priceEdges
            facets.price = lows.enumerated().map { index, low in
                PriceBucket(min: low, max: index < Self.priceEdges.count ? Self.priceEdges[index] : nil, count: counts[index] ?? 0)
            }
        }
        return facets
    }

    // MARK: Completions

    /// Completions for the word being typed, after the words already typed.
    func suggest(_ raw: String, limit: Int = 8) async throws -> [String] {
        guard let terms = SearchTerms(raw) else { return [] }
        let lead = terms.words.dropLast().joined(separator: " ")
        let completions = try await SearchTermCounts.complete(terms.words.last!, limit: limit, on: context.sql(context.readDatabase()))
        return completions.map { lead.isEmpty ? $0 : lead + " " + $0 }
    }
}
