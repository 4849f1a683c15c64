import FluentKit
import Foundation
import SQLKit

/// A weighted `tsvector` column (title A, tags B, description C) with a GIN index, English
/// stemming, and accents folded before the text reaches PostgreSQL (no extension needed).
/// Products that are not visible have no vector, so they are not in the index at all.
struct PostgresSearchIndex: SearchIndex {
    static func createStructures(on sql: any SQLDatabase) async throws {
        try await sql.raw("ALTER TABLE products ADD COLUMN search_vector tsvector").run()
        try await sql.raw("CREATE INDEX products_search_idx ON products USING GIN (search_vector)").run()
        // Binary collation: prefix ranges over words must not depend on the server's locale.
        try await sql.raw(#"ALTER TABLE search_terms ALTER COLUMN term TYPE text COLLATE "C""#).run()
    }

    /// The weighted vector of a product from its folded texts, columns of the row source `v`.
    static let vector = """
        setweight(to_tsvector('english', v.title_folded), 'A') || setweight(to_tsvector('english', v.tags_folded), 'B') ||
        setweight(to_tsvector('english', v.description_folded), 'C')
        """

    func sync(_ product: ProductModel, on db: any SQLDatabase) async throws {
        let id = product.id!
        if product.visible {
            try await db.raw("""
                UPDATE products SET search_vector = \(unsafeRaw: Self.vector)
                FROM (SELECT \(bind: SearchText.fold(product.title)) AS title_folded,
                             \(bind: SearchText.fold(product.tags.joined(separator: " "))) AS tags_folded,
                             \(bind: SearchText.fold(product.description)) AS description_folded) AS v
                WHERE id = \(bind: id)
                """).run()
        } else {
            try await db.raw("UPDATE products SET search_vector = NULL WHERE id = \(bind: id)").run()
        }
        try await SearchTermCounts.replace(
            productID: id, with: product.visible ? SearchText.suggestionTerms(title: product.title, tags: product.tags) : [], on: db)
    }

    func rankedKeys(_ terms: SearchTerms) -> (select: SQLQueryString, join: SQLQueryString)? { nil }

    func matching(_ terms: SearchTerms) -> (from: SQLQueryString, condition: SQLQueryString, score: SQLQueryString) {
        (
            from: "products p CROSS JOIN to_tsquery('english', \(bind: terms.tsqueryExpression)) AS query",
            condition: "p.search_vector @@ query",
            // ts_rank grows with relevance; negate so lower is better on both engines.
            score: "-ts_rank(p.search_vector, query)"
        )
    }
}
