import FluentKit
import Foundation
import MarketModels
import SQLKit

public struct SyntheticCatalogReport: Sendable {
    public var shops: Int
    public var products: Int
    public var variants: Int
    public var seconds: Double
}

extension AppEnvironment {
    /// `seed --products N`: a synthetic catalog for benchmarks, written in large batches
    /// straight to the tables the services maintain (rows, tags, search index, completion
    /// counts, change log), so browsing and search behave exactly as on real data.
    public func seedSyntheticCatalog(products count: Int, seed: UInt64 = 42, progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> SyntheticCatalogReport {
        try await SyntheticCatalogSeeder(env: self, count: count, seed: seed, progress: progress).run()
    }
}

struct SyntheticCatalogSeeder: Sendable {
    let env: AppEnvironment
    let count: Int
    let seed: UInt64
    let progress: @Sendable (Int) -> Void

    static let rowsPerStatement = 400
    static let productsPerTransaction = 20_000
    static let productsPerShop = 1_000

    struct Row: Sendable {
        var id: String
        var shopID: String
        var title: String
        var description: String
        var price: Int64
        var status: ProductStatus
        var category: String
        var tags: [String]
        var stock: Int
        var variants: [(id: String, sku: String, size: String, price: Int64?, stock: Int, position: Int)]
        var createdAt: Date
        var visible: Bool { status == .active }
    }

    func run() async throws -> SyntheticCatalogReport {
        let started = Date()
        var rng = SplitMix64(seed: seed)
        let db = env.database
        let sql = db as! any SQLDatabase
        let now = env.clock.now()

        // Owners: a few vendor accounts; one shop per thousand products.
        var vendors: [UserID] = []
        for index in 0..<5 {
            vendors.append(try await env.auth.provisionUser(
                email: "synthetic-vendor-\(index)@synthetic.marketmate.test", password: "synthetic-password-\(seed)",
                name: "Synthetic Vendor \(index)", role: .vendor).id)
        }
        let shopCount = max(1, (count + Self.productsPerShop - 1) / Self.productsPerShop)
        let shopIDs = (0..<shopCount).map { _ in ShopID.generate(at: now).rawValue }
        let owners = vendors
        try await db.transaction { tx in
            let txSQL = tx as! any SQLDatabase
            for (index, id) in shopIDs.enumerated() {
                try await txSQL.raw("""
                    INSERT INTO shops (id, owner_id, slug, name, description, currency, contact_email, status, created_at, updated_at)
                    VALUES (\(bind: id), \(bind: owners[index % owners.count].rawValue), \(bind: "synthetic-\(seed)-\(index)-\(id.suffix(6).lowercased())"),
                            \(bind: "Synthetic Shop \(index)"), \(bind: "Generated for benchmarks."), 'USD', NULL, 'active', \(bind: now), \(bind: now))
                    """).run()
                try await env.catalog.context.changeLog.record(entity: "shop", id: id, op: .upsert, scope: "public", on: tx)
            }
        }

        let vocabulary = Vocabulary()
        var termCounts: [String: Int] = [:]
        var variantTotal = 0
        let span: TimeInterval = 2 * 365 * 24 * 3600
        var made = 0
        while made < count {
            let batch = min(Self.productsPerTransaction, count - made)
            var rows: [Row] = []
            rows.reserveCapacity(batch)
            for offset in 0..<batch {
                let index = made + offset
                let createdAt = now.addingTimeInterval(-span + span * Double(index) / Double(max(count, 1)))
                rows.append(vocabulary.product(index: index, shopID: shopIDs[index / Self.productsPerShop], createdAt: createdAt, rng: &rng))
            }
            for row in rows where row.visible {
                for term in Self.terms(row) { termCounts[term, default: 0] += 1 }
            }
            variantTotal += rows.reduce(0) { $0 + $1.variants.count }
            let batchRows = rows
            try await db.transaction { tx in try await insert(batchRows, on: tx as! any SQLDatabase) }
            made += batch
            progress(made)
        }

        let sortedTerms = termCounts.sorted { $0.key < $1.key }
        for chunk in stride(from: 0, to: sortedTerms.count, by: Self.rowsPerStatement) {
            let slice = sortedTerms[chunk..<min(chunk + Self.rowsPerStatement, sortedTerms.count)]
            let values = slice.map { "(\(bind: $0.key), \(bind: $0.value))" as SQLQueryString }.joined(separator: ", ")
            try await sql.raw("INSERT INTO search_terms (term, doc_count) VALUES " + values
                + " ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count").run()
        }
        if env.storage.engine == .sqlite {
            // Merge the index segments written batch by batch, and refresh planner statistics.
            try await sql.raw("INSERT INTO product_fts (product_fts) VALUES ('optimize')").run()
        }
        try await sql.raw("ANALYZE").run()
        return SyntheticCatalogReport(shops: shopCount, products: count, variants: variantTotal, seconds: Date().timeIntervalSince(started))
    }

    /// The completion words of a synthetic product: its text is lowercase ASCII already,
    /// so this equals `SearchText.suggestionTerms` without the cost of Unicode folding.
    static func terms(_ row: Row) -> Set<String> {
        var terms = Set<String>()
        for word in row.title.lowercased().split(separator: " ") + row.tags.flatMap({ $0.split(separator: " ") }) where SearchText.isSuggestionWord(word) {
            terms.insert(String(word))
        }
        return terms
    }

    private func insert(_ rows: [Row], on db: any SQLDatabase) async throws {
        for chunk in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
            let slice = rows[chunk..<min(chunk + Self.rowsPerStatement, rows.count)]
            let products = slice.map { row -> SQLQueryString in
                let parts = row.category.split(separator: "/").map(String.init)
                let l2: String? = parts.count >= 2 ? parts[0...1].joined(separator: "/") : nil
                let l3: String? = parts.count >= 3 ? row.category : nil
                let stock = row.variants.isEmpty ? row.stock : row.variants.reduce(0) { $0 + $1.stock }
                return """
                    (\(bind: row.id), \(bind: row.shopID), \(bind: row.title), \(bind: row.description), \(bind: row.price), 'USD', \(bind: row.status.rawValue),
                     \(bind: row.category), \(bind: parts[0]), \(bind: l2), \(bind: l3), \(bind: row.tags.joined(separator: "\u{1F}")), \(bind: stock),
                     \(bind: !row.variants.isEmpty), \(bind: row.visible), NULL, \(bind: row.createdAt), \(bind: row.createdAt))
                    """
            }.joined(separator: ", ")
            try await db.raw("""
                INSERT INTO products (id, shop_id, title, description, price_amount, currency, status, category, category_l1, category_l2,
                                      category_l3, tags, inventory_count, has_variants, visible, deleted_at, created_at, updated_at) VALUES
                """ + products).run()

            let tags = slice.flatMap { row in row.tags.map { "(\(bind: row.id), \(bind: $0))" as SQLQueryString } }
            if !tags.isEmpty { try await db.raw("INSERT INTO product_tags (product_id, tag) VALUES " + tags.joined(separator: ", ")).run() }

            let variants = slice.flatMap { row in
                row.variants.map { v -> SQLQueryString in
                    """
                    (\(bind: v.id), \(bind: row.id), \(bind: row.shopID), \(bind: v.sku), \(bind: v.sku), \(bind: "{\"size\":\"\(v.size)\"}"),
                     \(bind: v.price), \(bind: v.stock), \(bind: v.position), NULL, \(bind: row.createdAt), \(bind: row.createdAt))
                    """
                }
            }
            if !variants.isEmpty {
                try await db.raw("""
                    INSERT INTO product_variants (id, product_id, shop_id, sku, sku_key, options, price_amount, inventory_count, position, deleted_at, created_at, updated_at)
                    VALUES
                    """ + variants.joined(separator: ", ")).run()
            }

            let documents = slice.filter(\.visible).map { "(\(bind: $0.id), \(bind: Self.terms($0).sorted().joined(separator: " ")))" as SQLQueryString }
            if !documents.isEmpty { try await db.raw("INSERT INTO search_documents (product_id, terms) VALUES " + documents.joined(separator: ", ")).run() }

            let changes = slice.map { row in "('product', \(bind: row.id), 'upsert', \(bind: row.visible ? "public" : "shop:\(row.shopID)"), \(bind: row.createdAt))" as SQLQueryString }
            try await db.raw("INSERT INTO change_log (entity, entity_id, op, scope, created_at) VALUES " + changes.joined(separator: ", ")).run()

            // The index entries, computed by the database from the rows just written.
            let first = slice.first!.id, last = slice.last!.id
            if env.storage.engine == .sqlite {
                try await db.raw("""
                    INSERT INTO product_fts (rowid, title, tags, description)
                    SELECT rowid, lower(title), replace(tags, char(31), ' '), lower(description) FROM products
                    WHERE id >= \(bind: first) AND id <= \(bind: last) AND visible = 1
                    """).run()
            } else {
                try await db.raw("""
                    UPDATE products SET search_vector =
                        setweight(to_tsvector('english', lower(title)), 'A') ||
                        setweight(to_tsvector('english', replace(tags, chr(31), ' ')), 'B') ||
                        setweight(to_tsvector('english', lower(description)), 'C')
                    WHERE id >= \(bind: first) AND id <= \(bind: last) AND visible
                    """).run()
            }
        }
    }

    /// Word lists and samplers, built once per run.
    struct Vocabulary {
        // Flatter than prose: in real catalogs the commonest title word is in a few percent
        // of products, not a fifth of them.
        let nouns = ZipfSampler(count: SyntheticWords.nouns.count, exponent: 0.7)
        let adjectives = ZipfSampler(count: SyntheticWords.adjectives.count, exponent: 0.7)
        let materials = ZipfSampler(count: SyntheticWords.materials.count, exponent: 0.7)
        let categories = ZipfSampler(count: SyntheticWords.categories.count, exponent: 0.8)
        let tags = ZipfSampler(count: SyntheticWords.tags.count)
        let prose: [String] = SyntheticWords.descriptive + SyntheticWords.nouns + SyntheticWords.adjectives + SyntheticWords.tail(count: 3000)
        let proseSampler: ZipfSampler

        init() { proseSampler = ZipfSampler(count: SyntheticWords.descriptive.count + SyntheticWords.nouns.count + SyntheticWords.adjectives.count + 3000) }

        func product(index: Int, shopID: String, createdAt: Date, rng: inout SplitMix64) -> Row {
            let noun = SyntheticWords.nouns[nouns.next(&rng)]
            var words = [SyntheticWords.adjectives[adjectives.next(&rng)], SyntheticWords.materials[materials.next(&rng)], noun]
            if rng.unit() < 0.4 { words.insert(SyntheticWords.adjectives[adjectives.next(&rng)], at: 0) }
            if rng.unit() < 0.3 { words.append(prose[proseSampler.next(&rng)]) }
            let title = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            let description = (0..<(12 + Int(rng.next() % 24))).map { _ in prose[proseSampler.next(&rng)] }.joined(separator: " ") + "."
            var tagSet: [String] = []
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let tag = SyntheticWords.tags[tags.next(&rng)]
                if !tagSet.contains(tag) { tagSet.append(tag) }
            }
            // Log-normal prices around $30, from $2 to $2,000.
            let normal = sqrt(-2 * log(max(rng.unit(), 1e-12))) * cos(2 * .pi * rng.unit())
            let price = Int64(min(200_000, max(200, exp(log(3000.0) + normal)))).roundedToNinetyNine
            let roll = rng.unit()
            let status: ProductStatus = roll < 0.97 ? .active : (roll < 0.99 ? .draft : .archived)
            let stock = rng.unit() < 0.05 ? 0 : 1 + Int(rng.next() % 300)
            var variants: [(id: String, sku: String, size: String, price: Int64?, stock: Int, position: Int)] = []
            if rng.unit() < 0.1 {
                for (k, size) in ["S", "M", "L", "XL"].prefix(2 + Int(rng.next() % 3)).enumerated() {
                    variants.append((VariantID.generate(at: createdAt).rawValue, "SYN-\(index)-\(k)", size, size == "XL" ? price + price / 10 : nil, Int(rng.next() % 60), k))
                }
            }
            return Row(id: ProductID.generate(at: createdAt).rawValue, shopID: shopID, title: title, description: description, price: price,
                       status: status, category: SyntheticWords.categories[categories.next(&rng)], tags: tagSet, stock: stock,
                       variants: variants, createdAt: createdAt)
        }
    }
}

private extension Int64 {
    /// Shop-like prices: $12.99 rather than $12.37.
    var roundedToNinetyNine: Int64 { Swift.max(99, (self / 100) * 100 + 99) }
}
