import FluentKit
import Foundation
import SQLKit

// Bulk writing of new products with their index entries (the CSV import's batches): the
// same entries `sync` writes one product at a time, in a few multi-row statements.

extension SQLiteSearchIndex {
    func insertNew(_ products: [NewProduct], columns: [String], rows: [[BulkValue]], folded: [[BulkValue]?], on db: any SQLDatabase) async throws {
        try await BulkValues(prefix: "INSERT INTO products (\(columns.joined(separator: ", ")))").run(rows, on: db)
        // VALUES columns are column1...column4 in SQLite; the rowid comes from the new rows.
        try await BulkValues(
            prefix: "INSERT INTO product_fts (rowid, title, tags, description) SELECT p.rowid, v.column2, v.column3, v.column4 FROM (",
            suffix: ") AS v JOIN products p ON p.id = v.column1", rowsPerStatement: SearchTermCounts.rowsPerStatement
        ).run(zip(products, folded).compactMap { product, texts in texts.map { [.text(product.id)] + $0 } }, on: db)
    }
}

extension PostgresSearchIndex {
    func insertNew(_ products: [NewProduct], columns: [String], rows: [[BulkValue]], folded: [[BulkValue]?], on db: any SQLDatabase) async throws {
        // The vector is computed in the INSERT from three more columns, the folded texts
        // (NULL for products that are not visible, so their vector is NULL too). Writing it
        // with an UPDATE after the INSERT made a second version of every row and inserted
        // into all of the table's indexes twice: a third of the import's time on PostgreSQL.
        let names = columns.joined(separator: ", ")
        try await BulkValues(
            prefix: "INSERT INTO products (\(names), search_vector) SELECT \(columns.map { "v." + $0 }.joined(separator: ", ")), \(Self.vector) FROM (",
            suffix: ") AS v(\(names), title_folded, tags_folded, description_folded)"
        ).run(zip(rows, folded).map { row, texts in row + (texts ?? SearchBatchRows.hidden) }, on: db)
    }
}

extension SearchTermCounts {
    /// Rows per multi-row statement on SQLite (4 binds each, far below its limit).
    static let rowsPerStatement = 500

    /// What `replace` writes for visible products that had no document yet: the words'
    /// counts summed over the batch, for one upsert, and the documents. Worked out before
    /// the transaction opens (see `addNew`).
    struct NewRows: Sendable {
        var terms: [[BulkValue]]
        var documents: [[BulkValue]]

        init(_ products: [NewProduct]) {
            var counts: [String: Int] = [:]
            documents = []
            for product in products where product.visible {
                let terms = SearchText.suggestionTerms(title: product.title, tags: product.tags)
                guard !terms.isEmpty else { continue }
                for term in terms { counts[term, default: 0] += 1 }
                documents.append([.text(product.id), .text(terms.sorted().joined(separator: " "))])
            }
            // Sorted, so concurrent batches take the rows' locks in one order (no deadlock).
            terms = counts.sorted { $0.key < $1.key }.map { [.text($0.key), .int($0.value)] }
        }
    }

    /// `replace` for many new products at once: the documents inserted together, the
    /// counts added in one upsert.
    static func addNew(_ rows: NewRows, on db: any SQLDatabase) async throws {
        try await BulkValues(prefix: "INSERT INTO search_documents (product_id, terms)", rowsPerStatement: rowsPerStatement)
            .run(rows.documents, on: db)
        // Last: another batch's transaction holding common words makes this one wait
        // for its commit, and everything before has been written by then.
        try await BulkValues(
            prefix: "INSERT INTO search_terms (term, doc_count)",
            suffix: "ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count",
            rowsPerStatement: rowsPerStatement
        ).run(rows.terms, on: db)
    }
}

/// The texts both indexes read: folded title, folded tags, folded description.
enum SearchBatchRows {
    static func folded(_ product: NewProduct) -> [BulkValue] {
        [.text(SearchText.fold(product.title)), .text(SearchText.fold(product.tags.joined(separator: " "))), .text(SearchText.fold(product.description))]
    }

    /// In place of `folded` for a product that is not indexed.
    static let hidden: [BulkValue] = [.text(nil), .text(nil), .text(nil)]
}
