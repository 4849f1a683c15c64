import Crypto
import FluentKit
import Foundation
import MarketModels
import SQLKit

/// What an import did.
struct ProductImportSummary: Codable, Sendable, Equatable {
    /// Data rows read (the header and blank lines not counted).
    var rows = 0
    /// Products this run created.
    var inserted = 0
    /// Products an earlier attempt of the same import had already committed (a retry).
    var alreadyImported = 0
    /// Rows of products that were not imported.
    var failedRows = 0
    /// The first `maxErrors` row errors, in file order.
    var errors: [ProductImportRowError] = []
    /// Row errors past the cap, counted but not kept.
    var errorsOmitted = 0
}

/// Failures of the whole file: the job ends `failed` with this message. (`CSVError`,
/// for a file that is not CSV at all, fails it the same way.)
enum ProductImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case shopNotFound
    case emptyFile
    case header(ProductCSVFormat.HeaderError)

    var description: String {
        switch self {
        case .shopNotFound: "The shop no longer exists."
        case .emptyFile: "The file is empty: the first row must name the columns."
        case .header(let error): error.message
        }
    }
}

/// Reads a product CSV (see `ProductCSVFormat`), validates each product with the API's
/// rules and creates the valid ones in batches, one transaction per batch, through
/// `ProductService.createBatch` (rows, variants, tags, search index, change log).
///
/// **Idempotent on retry.** Jobs run at least once, so an attempt may die after some
/// batches committed. Each product's ID is derived from the import (`importID`, stable
/// across attempts: the job's id) and the row it starts on, with the upload time as the
/// ID's timestamp. Before writing a batch the importer asks which of its IDs exist and
/// skips them, so a retry re-reads the file, writes only what is missing and reports the
/// rest as `alreadyImported`. Because a batch is one transaction, a batch is either all
/// there or not at all. Rows never collide with products made by the API or by another
/// import: those have other IDs. (Matching by SKU instead would have left products
/// without variants unprotected, and would refuse a deliberate second import.)
///
/// Memory stays flat: a few batches of requests (the one being filled and those being
/// written), the product being read, and one hash per handle and SKU seen (to catch
/// non-adjacent handles and SKUs repeated across the file).
/// The caller checks that the uploader owns the shop.
struct ProductImporter: Sendable {
    let products: ProductService
    let database: @Sendable () -> any Database
    /// Products per transaction.
    var batchSize = 500
    /// Row errors kept for the status endpoint.
    var maxErrors = 1000
    /// Batches written at once, each in its own transaction. SQLite has one writer, so one;
    /// on PostgreSQL the server's work for a batch (index entries, tsvectors, foreign-key
    /// checks) is most of the import's CPU and runs in the writing connection's process.
    /// Three keep a 2-core machine's cores busy through each transaction's round trips and
    /// its wait for the previous batch's commit (see `SearchTermCounts.addNew`): measured
    /// on 2 cores, 16,700-17,500 rows/s against 15,800-15,900 with two.
    var writesInFlight = 1

    init(products: ProductService, database: @escaping @Sendable () -> any Database, batchSize: Int = 500, maxErrors: Int = 1000) {
        self.products = products
        self.database = database
        self.batchSize = max(1, batchSize)
        self.maxErrors = maxErrors
        self.writesInFlight = products.context.engine == .postgres ? 3 : 1
    }

    init(environment: AppEnvironment, batchSize: Int = 500, maxErrors: Int = 1000) {
        self.init(products: environment.catalog.products, database: environment.catalog.context.database,
                  batchSize: batchSize, maxErrors: maxErrors)
    }

    /// A product waiting for its batch: its ID, request, and the rows it came from.
    private struct Pending: Sendable {
        var id: ProductID
        var request: CreateProductRequest
        var rows: [Int]
    }

    /// Imports `records` into the shop. `progress(done, total)` runs after each batch with
    /// the data rows finished so far; `totalRows` is passed through (see `countRows`).
    func run<Records: AsyncSequence>(
        _ records: Records, shopID: ShopID, importID: String, startedAt: Date, totalRows: Int? = nil,
        progress: @Sendable (_ done: Int, _ total: Int?) async -> Void = { _, _ in }
    ) async throws -> ProductImportSummary where Records.Element == CSVRecord {
        guard let shop = try await ShopModel.find(shopID.rawValue, on: database()) else { throw ProductImportError.shopNotFound }
        let currency = shop.currencyValue
        var run = RunState(maxErrors: maxErrors)
        let ids = ProductIDs(importID: importID, startedAt: startedAt)
        var header: ProductCSVFormat.Header?
        var grouper = ProductCSVGrouper()
        // Batches are written while the next ones are read and validated: the two halves
        // run on different cores. Outcomes are merged (and progress told) in file order.
        var inFlight: [Task<BatchOutcome, any Error>] = []
        do {
            for try await record in records {
                guard let known = header else {
                    do { header = try ProductCSVFormat.Header(record.fields) } catch { throw ProductImportError.header(error) }
                    continue
                }
                run.summary.rows += 1
                if let rows = grouper.add(ProductCSVRow(record, header: known, currency: currency)) {
                    accept(rows, currency: currency, ids: ids, into: &run)
                    if run.pending.count >= batchSize {
                        let finished = inFlight.count >= writesInFlight ? try await inFlight.removeFirst().value : nil
                        // The next write starts before progress is stored (a round trip).
                        let batch = run.takeBatch()
                        inFlight.append(Task { try await write(batch, shop: shop) })
                        if let finished {
                            run.merge(finished)
                            await progress(run.done, totalRows)
                        }
                    }
                }
            }
            guard header != nil else { throw ProductImportError.emptyFile }
            if let rows = grouper.finish() { accept(rows, currency: currency, ids: ids, into: &run) }
            while !inFlight.isEmpty {
                run.merge(try await inFlight.removeFirst().value)
                if !inFlight.isEmpty || !run.pending.isEmpty { await progress(run.done, totalRows) }
            }
            run.merge(try await write(run.takeBatch(), shop: shop))
        } catch {
            // Never leave a write running behind a failed run: a retry of the job would race it.
            for write in inFlight { _ = try? await write.value }
            throw error
        }
        await progress(run.done, totalRows)
        run.summary.errors.sort { $0.row < $1.row }
        return run.summary
    }

    /// Data rows in a file, for a progress total: a quick first pass over the file that
    /// counts records without decoding their fields.
    static func countRows<Chunks>(_ reader: CSVReader<Chunks>) async throws -> Int {
        max(0, try await reader.countRecords() - 1)
    }

    /// The ID of the product that starts at `row` of import `importID`: the upload time, then
    /// 48 bits of the import's hash, then the row, so IDs sort in file order within an import.
    static func productID(importID: String, startedAt: Date, row: Int) -> ProductID {
        ProductIDs(importID: importID, startedAt: startedAt).id(row: row)
    }

    /// `productID` with the import's part (a SHA-256) worked out once for the whole file.
    struct ProductIDs: Sendable {
        let millis: UInt64
        let high: UInt16
        let middle: UInt64

        init(importID: String, startedAt: Date) {
            let digest = Array(SHA256.hash(data: Data(importID.utf8)))
            high = UInt16(digest[0]) << 8 | UInt16(digest[1])
            middle = digest[2..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            millis = UInt64(max(0, (startedAt.timeIntervalSince1970 * 1000).rounded(.down)))
        }

        func id(row: Int) -> ProductID {
            ProductID(ulid: ULID(timestampMilliseconds: millis, randomHigh: high, randomLow: middle << 32 | UInt64(UInt32(truncatingIfNeeded: row))))
        }
    }

    // MARK: Steps

    private struct RunState {
        let maxErrors: Int
        var summary = ProductImportSummary()
        var pending: [Pending] = []
        /// Rows whose product is written, skipped or failed.
        var done = 0
        var rowsInPending = 0
        /// SKUs (upper-cased, hashed) of earlier products in this file.
        var skus = Set<Int>()

        mutating func fail(rows: Int, errors: [ProductImportRowError]) {
            summary.failedRows += rows
            for error in errors.sorted(by: { $0.row < $1.row }) {
                if summary.errors.count < maxErrors { summary.errors.append(error) } else { summary.errorsOmitted += 1 }
            }
        }

        /// Moves the pending products out, to be written.
        mutating func takeBatch() -> Batch {
            defer {
                pending.removeAll(keepingCapacity: true)
                rowsInPending = 0
            }
            return Batch(items: pending, rows: rowsInPending)
        }

        mutating func merge(_ outcome: BatchOutcome) {
            summary.inserted += outcome.inserted
            summary.alreadyImported += outcome.alreadyImported
            for failure in outcome.failures { fail(rows: failure.rows, errors: failure.errors) }
            done += outcome.rows
        }
    }

    /// Products to write in one transaction, and the data rows they came from.
    private struct Batch: Sendable {
        var items: [Pending]
        var rows: Int
    }

    private struct BatchOutcome: Sendable {
        var rows: Int
        var inserted = 0
        var alreadyImported = 0
        var failures: [(rows: Int, errors: [ProductImportRowError])] = []
    }

    private func accept(_ rows: [ProductCSVRow], currency: Currency, ids: ProductIDs, into run: inout RunState) {
        switch ProductCSVFormat.request(for: rows, currency: currency) {
        case .rejected(let errors):
            run.fail(rows: rows.count, errors: errors)
            run.done += rows.count
        case .product(let request):
            let variants = request.variants ?? []
            let repeated = zip(variants, rows).filter { run.skus.contains($0.0.sku.uppercased().hashValue) }
            if !repeated.isEmpty {
                run.fail(rows: rows.count, errors: repeated.map { ProductImportRowError(row: $0.1.row, message: "sku: This SKU is used by an earlier product in this file.") })
                run.done += rows.count
                return
            }
            for variant in variants { run.skus.insert(variant.sku.uppercased().hashValue) }
            run.pending.append(Pending(id: ids.id(row: rows[0].row),
                                       request: request, rows: rows.map(\.row)))
            run.rowsInPending += rows.count
        }
    }

    private func write(_ batch: Batch, shop: ShopModel) async throws -> BatchOutcome {
        var outcome = BatchOutcome(rows: batch.rows)
        guard !batch.items.isEmpty else { return outcome }
        let sql = database() as! any SQLDatabase

        // What an earlier attempt of this import already committed. The batch's IDs are
        // neighbours (see `productID`: one import's IDs differ in their last 7 characters
        // only, Crockford base32, whose digits and capitals sort alike in every collation),
        // so one range scan finds them, where an IN list of 500 binds cost more to send and
        // plan than to answer. Other IDs in the range (none, in practice) are ignored below.
        let ids = batch.items.map(\.id.rawValue)
        let existing = try await Set(sql.select().column("id").from(ProductModel.schema)
            .where("id", .greaterThanOrEqual, ids.min()!).where("id", .lessThanOrEqual, ids.max()!)
            .all(decoding: IDRow.self).map(\.id))
        outcome.alreadyImported = batch.items.filter { existing.contains($0.id.rawValue) }.count
        var fresh = batch.items.filter { !existing.contains($0.id.rawValue) }

        // SKUs the shop already uses: those products fail with the API's message, the rest go in.
        let skuKeys = fresh.flatMap { ($0.request.variants ?? []).map { $0.sku.uppercased() } }
        var taken = Set<String>()
        for start in stride(from: 0, to: skuKeys.count, by: 1000) {
            let slice = Array(skuKeys[start..<min(start + 1000, skuKeys.count)])
            taken.formUnion(try await sql.select().column("sku_key").from(VariantModel.schema)
                .where("shop_id", .equal, shop.id!).where("sku_key", .in, slice).all(decoding: SKURow.self).map(\.sku_key))
        }
        if !taken.isEmpty {
            fresh = fresh.filter { item in
                let clashes = zip(item.request.variants ?? [], item.rows).filter { taken.contains($0.0.sku.uppercased()) }
                guard !clashes.isEmpty else { return true }
                outcome.failures.append((item.rows.count, clashes.map { ProductImportRowError(row: $0.1, message: "sku: A variant SKU is already used in this shop.") }))
                return false
            }
        }

        do {
            try await products.createBatch(fresh.map { ($0.id, $0.request) }, in: shop)
            outcome.inserted += fresh.count
        } catch let error as AppError where error.code == .conflict {
            // A SKU taken between the check and the write (an API call at the same moment):
            // one product per transaction, so only the clashing one fails.
            for item in fresh {
                do {
                    try await products.createBatch([(item.id, item.request)], in: shop)
                    outcome.inserted += 1
                } catch let error as AppError where error.code == .conflict {
                    outcome.failures.append((item.rows.count, [ProductImportRowError(row: item.rows[0], message: "sku: \(error.message)")]))
                }
            }
        }
        return outcome
    }

    private struct IDRow: Decodable { let id: String }
    private struct SKURow: Decodable { let sku_key: String }
}
