import FluentKit
import Foundation
import SQLKit

/// The full-text index of public products, one implementation per engine (SQLite FTS5,
/// PostgreSQL tsvector + GIN) behind one interface. Only visible products are in it, so
/// drafts never show up in search or completions.
protocol SearchIndex: Sendable {
    /// Puts the product in the index, or takes it out when it is not visible. Call it in
    /// the product write's transaction.
    func sync(_ product: ProductModel, on db: any SQLDatabase) async throws

    /// Inserts new products, `rows` of the products table's `columns` (see
    /// `ProductService.createBatch`), with their index entries from `folded`
    /// (`SearchBatchRows.folded` of each product, nil when it is not visible), in a few
    /// multi-row statements (see SearchIndex+Batch.swift); `SearchTermCounts.addNew` does
    /// the rest of `sync`. The rows go in through the index because PostgreSQL's entry is
    /// a column of the row itself.
    func insertNew(
        _ products: [NewProduct], columns: [String], rows: [[BulkValue]], folded: [[BulkValue]?], on db: any SQLDatabase
    ) async throws

    /// The FROM clause and match condition for `terms`, with the score as column `score`
    /// (lower is better) and the product table aliased `p`.
    func matching(_ terms: SearchTerms) -> (from: SQLQueryString, condition: SQLQueryString, score: SQLQueryString)

    /// When nothing but the words filters the products: ranked keys straight from the index
    /// (columns `rk`, `score`) and how `rk` finds the product row `p`, or nil to use `matching`.
    func rankedKeys(_ terms: SearchTerms) -> (select: SQLQueryString, join: SQLQueryString)?
}

enum SearchIndexFactory {
    static func make(engine: DatabaseEngine) -> any SearchIndex {
        switch engine {
        case .sqlite: SQLiteSearchIndex()
        case .postgres: PostgresSearchIndex()
        }
    }

    static func createStructures(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        // Which words each indexed product contributed to `search_terms`, so an update
        // can take back exactly what it added.
        try await sql.create(table: "search_documents")
            .column("product_id", type: .text, .primaryKey(autoIncrement: false))
            .column("terms", type: .text, .notNull)
            .run()
        if sql.dialect.name == "sqlite" {
            try await SQLiteSearchIndex.createStructures(on: sql)
        } else {
            try await PostgresSearchIndex.createStructures(on: sql)
        }
    }

    static func dropStructures(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE IF EXISTS product_fts").run()
        }
        try await sql.drop(table: "search_documents").ifExists().run()
    }
}

/// Keeps `search_terms` (word → number of public products using it) in step with the index.
enum SearchTermCounts {
    struct Row: Decodable { let terms: String }

    static func replace(productID: String, with newTerms: Set<String>, on db: any SQLDatabase) async throws {
        let old = try await db.raw("SELECT terms FROM search_documents WHERE product_id = \(bind: productID)").first(decoding: Row.self)
        let oldTerms = Set(old.map { $0.terms.split(separator: " ").map(String.init) } ?? [])
        let added = newTerms.subtracting(oldTerms).sorted()
        let removed = oldTerms.subtracting(newTerms).sorted()
        for term in added {
            try await db.raw("""
                INSERT INTO search_terms (term, doc_count) VALUES (\(bind: term), 1)
                ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + 1
                """).run()
        }
        for term in removed {
            try await db.raw("UPDATE search_terms SET doc_count = doc_count - 1 WHERE term = \(bind: term)").run()
        }
        if newTerms.isEmpty {
            try await db.raw("DELETE FROM search_documents WHERE product_id = \(bind: productID)").run()
        } else if old == nil {
            try await db.raw("INSERT INTO search_documents (product_id, terms) VALUES (\(bind: productID), \(bind: newTerms.sorted().joined(separator: " ")))").run()
        } else if !added.isEmpty || !removed.isEmpty {
            try await db.raw("UPDATE search_documents SET terms = \(bind: newTerms.sorted().joined(separator: " ")) WHERE product_id = \(bind: productID)").run()
        }
    }

    struct Completion: Decodable { let term: String }

    /// The most used words starting with `prefix`.
    static func complete(_ prefix: String, limit: Int, on db: any SQLDatabase) async throws -> [String] {
        // Binary order on both engines (the PostgreSQL column is COLLATE "C"), so the range
        // [prefix, prefix + U+10FFFF) is exactly the words that start with it, read off the key.
        let upper = prefix + "\u{10FFFF}"
        return try await db.raw("""
            SELECT term FROM search_terms
            WHERE term >= \(bind: prefix) AND term < \(bind: upper) AND doc_count > 0
            ORDER BY doc_count DESC, term LIMIT \(literal: limit)
            """).all(decoding: Completion.self).map(\.term)
    }
}
