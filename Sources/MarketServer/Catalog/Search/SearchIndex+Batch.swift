import FluentKit
import Foundation
import SQLKit

// Bulk indexing of new products (the CSV import's batches): the same entries `sync`
// writes one product at a time, in a few multi-row statements.

extension SQLiteSearchIndex {
    func syncNew(_ products: [ProductModel], on db: any SQLDatabase) async throws {
        let visible = products.filter(\.visible)
        // VALUES columns are column1...column4 in SQLite; the rowid comes from the new rows.
        try await BulkValues(
            prefix: "INSERT INTO product_fts (rowid, title, tags, description) SELECT p.rowid, v.column2, v.column3, v.column4 FROM (VALUES",
            suffix: ") AS v JOIN products p ON p.id = v.column1", rowsPerStatement: SearchTermCounts.rowsPerStatement
        ).run(SearchBatchRows.folded(visible), on: db)
        try await SearchTermCounts.addNew(visible, on: db)
    }
}

extension PostgresSearchIndex {
    func syncNew(_ products: [ProductModel], on db: any SQLDatabase) async throws {
        let visible = products.filter(\.visible)
        try await BulkValues(
            prefix: """
                UPDATE products SET search_vector =
                    setweight(to_tsvector('english', v.t), 'A') ||
                    setweight(to_tsvector('english', v.g), 'B') ||
                    setweight(to_tsvector('english', v.d), 'C')
                FROM (VALUES
                """,
            suffix: ") AS v(id, t, g, d) WHERE products.id = v.id", rowsPerStatement: SearchTermCounts.rowsPerStatement
        ).run(SearchBatchRows.folded(visible), on: db)
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
        try await BulkValues(
            prefix: "INSERT INTO search_terms (term, doc_count) VALUES",
            suffix: "ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count",
            rowsPerStatement: rowsPerStatement
        ).run(sorted.map { [.text($0.key), .int($0.value)] }, on: db)
        try await BulkValues(prefix: "INSERT INTO search_documents (product_id, terms) VALUES", rowsPerStatement: rowsPerStatement)
            .run(documents.map { [.text($0.0), .text($0.1)] }, on: db)
    }
}

/// The rows both indexes read: (id, folded title, folded tags, folded description).
enum SearchBatchRows {
    static func folded(_ products: [ProductModel]) -> [[BulkValue]] {
        products.map { product in
            [.text(product.id!), .text(SearchText.fold(product.title)), .text(SearchText.fold(product.tags.joined(separator: " "))),
             .text(SearchText.fold(product.description))]
        }
    }
}
