import FluentKit
import Foundation
import SQLKit

/// FTS5 with the porter stemmer over unicode61 with diacritics removed: `mugs` finds `mug`,
/// `creme` finds `crème`. Rows are keyed by the product's rowid (this project never runs
/// VACUUM, which could renumber rowids of a table without an INTEGER PRIMARY KEY).
struct SQLiteSearchIndex: SearchIndex {
    /// bm25 column weights: title over tags over description.
    static let score = "bm25(product_fts, 10.0, 4.0, 1.0)"

    static func createStructures(on sql: any SQLDatabase) async throws {
        try await sql.raw("""
            CREATE VIRTUAL TABLE product_fts USING fts5(
                title, tags, description,
                tokenize = 'porter unicode61 remove_diacritics 2'
            )
            """).run()
    }

    func sync(_ product: ProductModel, on db: any SQLDatabase) async throws {
        let id = product.id!
        try await db.raw("DELETE FROM product_fts WHERE rowid = (SELECT rowid FROM products WHERE id = \(bind: id))").run()
        if product.visible {
            try await db.raw("""
                INSERT INTO product_fts (rowid, title, tags, description)
                SELECT rowid, \(bind: SearchText.fold(product.title)), \(bind: SearchText.fold(product.tags.joined(separator: " "))),
                       \(bind: SearchText.fold(product.description))
                FROM products WHERE id = \(bind: id)
                """).run()
        }
        try await SearchTermCounts.replace(
            productID: id, with: product.visible ? SearchText.suggestionTerms(title: product.title, tags: product.tags) : [], on: db)
    }

    /// Ranking inside FTS5 alone (the index holds only visible products), ties broken by
    /// rowid: no product row is read until the page's rows are known.
    func rankedKeys(_ terms: SearchTerms) -> (select: SQLQueryString, join: SQLQueryString)? {
        (
            select: "SELECT product_fts.rowid AS rk, " + SQLQueryString(Self.score) + " AS score FROM product_fts WHERE product_fts MATCH \(bind: terms.fts5Expression)",
            join: "p.rowid = top.rk"
        )
    }

    func matching(_ terms: SearchTerms) -> (from: SQLQueryString, condition: SQLQueryString, score: SQLQueryString) {
        (
            from: "product_fts JOIN products p ON p.rowid = product_fts.rowid",
            condition: "product_fts MATCH \(bind: terms.fts5Expression)",
            score: SQLQueryString(Self.score)
        )
    }
}
