import FluentKit
import Foundation
import SQLKit

// Bulk indexing of new products (the CSV import's batches): the same entries `sync`
// writes one product at a time, in a few multi-row statements.

extension SQLiteSearchIndex {
    func syncNew(_ products: [ProductModel], on db: any SQLDatabase) async throws {
        let visible = products.filter(\.visible)
        for values in SearchBatchRows.foldedValues(visible) {
            // VALUES columns are column1...column4 in SQLite; the rowid comes from the new rows.
            try await db.raw("""
                INSERT INTO product_fts (rowid, title, tags, description)
                SELECT p.rowid, v.column2, v.column3, v.column4 FROM (VALUES
                """ + values + ") AS v JOIN products p ON p.id = v.column1").run()
        }
        try await SearchTermCounts.addNew(visible, on: db)
    }
}

extension PostgresSearchIndex {
    func syncNew(_ products: [ProductModel], on db: any SQLDatabase) async throws {
        let visible = products.filter(\.visible)
        for values in SearchBatchRows.foldedValues(visible) {
            try await db.raw("""
                UPDATE products SET search_vector =
                    setweight(to_tsvector('english', v.t), 'A') ||
                    setweight(to_tsvector('english', v.g), 'B') ||
                    setweight(to_tsvector('english', v.d), 'C')
                FROM (VALUES
                """ + values + ") AS v(id, t, g, d) WHERE products.id = v.id").run()
        }
        try await SearchTermCounts.addNew(visible, on: db)
    }
}

extension SearchTermCounts {
    /// Rows per multi-row statement (4 binds each, far below either engine's limit).
    static let rowsPerStatement = 500

    /// `replace` for visible products that had no document yet: the words' counts summed
    /// over the batch and added in one upsert, the documents inserted together.
    static func addNew(_ products: [ProductModel], on db: any SQLDatabase) async throws {
        var counts: [String: Int] = [:]
        var documents: [(String, String)] = []
        for product in products {
            let terms = SearchText.suggestionTerms(title: product.title, tags: product.tags)
            guard !terms.isEmpty else { continue }
            for term in terms { counts[term, default: 0] += 1 }
            documents.append((product.id!, terms.sorted().joined(separator: " ")))
        }
        // Sorted, so concurrent batches take the rows' locks in one order (no deadlock).
        let sorted = counts.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: sorted.count, by: rowsPerStatement) {
            let values = sorted[start..<min(start + rowsPerStatement, sorted.count)]
                .map { "(\(bind: $0.key), \(bind: $0.value))" as SQLQueryString }.joined(separator: ", ")
            try await db.raw("INSERT INTO search_terms (term, doc_count) VALUES " + values
                + " ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count").run()
        }
        for start in stride(from: 0, to: documents.count, by: rowsPerStatement) {
            let values = documents[start..<min(start + rowsPerStatement, documents.count)]
                .map { "(\(bind: $0.0), \(bind: $0.1))" as SQLQueryString }.joined(separator: ", ")
            try await db.raw("INSERT INTO search_documents (product_id, terms) VALUES " + values).run()
        }
    }
}

/// The rows both indexes read: (id, folded title, folded tags, folded description), as
/// one VALUES list per statement of at most `SearchTermCounts.rowsPerStatement` rows.
enum SearchBatchRows {
    static func foldedValues(_ products: [ProductModel]) -> [SQLQueryString] {
        stride(from: 0, to: products.count, by: SearchTermCounts.rowsPerStatement).map { start in
            products[start..<min(start + SearchTermCounts.rowsPerStatement, products.count)].map { product -> SQLQueryString in
                "(\(bind: product.id!), \(bind: SearchText.fold(product.title)), \(bind: SearchText.fold(product.tags.joined(separator: " "))), \(bind: SearchText.fold(product.description)))"
            }.joined(separator: ", ")
        }
    }
}
