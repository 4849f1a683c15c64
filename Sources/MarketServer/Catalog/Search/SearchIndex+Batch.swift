import FluentKit
import Foundation
import SQLKit

// Bulk writing of new products with their index entries (the CSV import's batches): the
// same entries `sync` writes one product at a time, in a few multi-row statements.

extension SQLiteSearchIndex {
    func insertNew(_ products: [NewProduct], columns: [String], rows: [[BulkValue]], on db: any SQLDatabase) async throws {
        try await BulkValues(prefix: "INSERT INTO products (\(columns.joined(separator: ", ")))").run(rows, on: db)
        let visible = products.filter(\.visible)
        // VALUES columns are column1...column4 in SQLite; the rowid comes from the new rows.
        try await BulkValues(
            prefix: "INSERT INTO product_fts (rowid, title, tags, description) SELECT p.rowid, v.column2, v.column3, v.column4 FROM (",
            suffix: ") AS v JOIN products p ON p.id = v.column1", rowsPerStatement: SearchTermCounts.rowsPerStatement
        ).run(visible.map { [.text($0.id)] + SearchBatchRows.folded($0) }, on: db)
    }
}

extension PostgresSearchIndex {
    func insertNew(_ products: [NewProduct], columns: [String], rows: [[BulkValue]], on db: any SQLDatabase) async throws {
        // The vector is computed in the INSERT from three more columns, the folded texts
        // (NULL for products that are not visible, so their vector is NULL too). Writing it
        // with an UPDATE after the INSERT made a second version of every row and inserted
        // into all of the table's indexes twice: a third of the import's time on PostgreSQL.
        let names = columns.joined(separator: ", ")
        try await BulkValues(
            prefix: "INSERT INTO products (\(names), search_vector) SELECT \(columns.map { "v." + $0 }.joined(separator: ", ")), \(Self.vector) FROM (",
            suffix: ") AS v(\(names), title_folded, tags_folded, description_folded)"
        ).run(zip(rows, products).map { row, product in row + (product.visible ? SearchBatchRows.folded(product) : SearchBatchRows.hidden) }, on: db)
    }
}

extension SearchTermCounts {
    /// Rows per multi-row statement on SQLite (4 binds each, far below its limit).
    static let rowsPerStatement = 500

    /// `replace` for visible products that had no document yet: the words' counts summed
    /// over the batch and added in one upsert, the documents inserted together.
    static func addNew(_ products: [NewProduct], on db: any SQLDatabase) async throws {
        var counts: [String: Int] = [:]
        var documents: [(String, String)] = []
        for product in products {
            let terms = SearchText.suggestionTerms(title: product.title, tags: product.tags)
            guard !terms.isEmpty else { continue }
            for term in terms { counts[term, default: 0] += 1 }
            documents.append((product.id, terms.sorted().joined(separator: " ")))
        }
        try await BulkValues(prefix: "INSERT INTO search_documents (product_id, terms)", rowsPerStatement: rowsPerStatement)
            .run(documents.map { [.text($0.0), .text($0.1)] }, on: db)
        // Sorted, so concurrent batches take the rows' locks in one order (no deadlock).
        // Last: another batch's transaction holding common words makes this one wait
        // for its commit, and everything before has been written by then.
        let sorted = counts.sorted { $0.key < $1.key }
        try await BulkValues(
            prefix: "INSERT INTO search_terms (term, doc_count)",
            suffix: "ON CONFLICT (term) DO UPDATE SET doc_count = search_terms.doc_count + excluded.doc_count",
            rowsPerStatement: rowsPerStatement
        ).run(sorted.map { [.text($0.key), .int($0.value)] }, on: db)
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
