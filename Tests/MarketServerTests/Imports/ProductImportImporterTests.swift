import FluentKit
import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The importer against a real database (SQLite and PostgreSQL): products and variants
/// as the API would make them, row errors, batches with progress, retries that write
/// nothing twice, and SKU clashes.
@Suite("Product import: importer")
struct ProductImportImporterTests {
    static let startedAt = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a small file: variants grouped into one product, plain products, row errors; as the API shows them", arguments: TestDatabase.enabled)
    func smallFile(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (_, shop) = try await client.vendorWithShop("importer")
            let before = try await app.latestChange()
            let csv = "\u{FEFF}handle,title,description,price,inventory,category,tags,status,sku,option:size\r\n"
                + "tee,Organic Tee,\"Soft, \"\"organic\"\" cotton.\r\nWash cold.\",25.00,3,Clothing/Tops,cotton|organic,,TEE-S,S\r\n"
                + "tee,,,,4,,,,TEE-M,M\r\n"
                + "tee,,,27.50,0,,,,TEE-L,L\r\n"
                + "mug,Mug,,12.5,7,kitchen,,draft,,\r\n"
                + "bad,,,1,,,,,,\r\n"
                + "cheap,Cheap,,0.999,,,,,,"
            let log = ProgressLog()
            let summary = try await app.importer().run(
                CSVReader(ByteChunks(csv, chunkSize: 7)), shopID: shop.id, importID: "job_small", startedAt: Self.startedAt, totalRows: 6,
                progress: { done, total in await log.record(done, total) })
            #expect(summary == ProductImportSummary(
                rows: 6, inserted: 2, alreadyImported: 0, failedRows: 2,
                errors: [
                    ProductImportRowError(row: 6, message: "title: At least 1 characters."),
                    ProductImportRowError(row: 7, message: "price: USD prices have at most 2 decimal places."),
                ], errorsOmitted: 0))
            #expect(await log.calls.map(\.done) == [6])
            #expect(await log.calls.map(\.total) == [6])

            let teeID = ProductImporter.productID(importID: "job_small", startedAt: Self.startedAt, row: 2)
            let response = try await client.getProduct(teeID)
            #expect(response.status == .ok)
            let tee = try response.decode(ProductDTO.self)
            #expect(tee.title == "Organic Tee" && tee.description == "Soft, \"organic\" cotton.\nWash cold.")
            #expect(tee.category == "clothing/tops" && tee.tags == ["cotton", "organic"] && tee.status == .active)
            #expect(tee.price == .usd(2500) && tee.inventoryCount == 7)
            #expect(tee.variants.map(\.sku) == ["TEE-S", "TEE-M", "TEE-L"])
            #expect(tee.variants.map(\.price) == [.usd(2500), .usd(2500), .usd(2750)])
            #expect(tee.variants.map(\.options) == [["size": "S"], ["size": "M"], ["size": "L"]])

            // Found by search, completion and tag like any product (the draft is not), and
            // logged for sync once per product.
            #expect(try await client.search("organic") == ["Organic Tee"])
            #expect(try await client.search("mug").isEmpty)
            #expect(try await client.suggestions("orga").contains("organic"))
            #expect(try await client.listProducts([("tag", "cotton")]).items.map(\.title) == ["Organic Tee"])
            let changes = try await app.changes(after: before, entity: "product")
            #expect(changes.count == 2)
            #expect(Set(changes.map(\.entityID)) == [teeID.rawValue, ProductImporter.productID(importID: "job_small", startedAt: Self.startedAt, row: 5).rawValue])
            #expect(try await app.productCount(shop: shop.id) == 2)
        }
    }

    @Test("2,000 rows in batches of 500: one progress call per batch, every product and variant written", arguments: TestDatabase.enabled)
    func batches(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (_, shop) = try await client.vendorWithShop("batches")
            let before = try await app.latestChange()
            // 1,000 products (100 with three variants) in 1,200 rows.
            let (csv, rows) = generatedProductCSV(products: 1_000)
            #expect(rows == 1_200)
            let more = (0..<800).map { "x\($0),Poster \($0),,9.99,1,,,,,\n" }.joined()
            let file = csv + more
            let log = ProgressLog()
            let total = try await ProductImporter.countRows(CSVReader(ByteChunks(file)))
            #expect(total == 2_000)
            let summary = try await app.importer(batchSize: 500).run(
                CSVReader(ByteChunks(file, chunkSize: 65_536)), shopID: shop.id, importID: "job_batches", startedAt: Self.startedAt,
                totalRows: total, progress: { done, total in await log.record(done, total) })
            #expect(summary.rows == 2_000 && summary.inserted == 1_800 && summary.failedRows == 0 && summary.errors.isEmpty)
            // Batches close on product boundaries: 500 products are 600 rows while the tees last.
            #expect(await log.calls.map(\.done) == [600, 1_200, 1_700, 2_000])
            #expect(await log.calls.allSatisfy { $0.total == 2_000 })
            #expect(try await app.productCount(shop: shop.id) == 1_800)
            #expect(try await app.variantCount(shop: shop.id) == 300)
            #expect(try await app.changes(after: before, entity: "product").count == 1_800)
        }
    }

    @Test("a retry after a crash half way writes only what is missing, nothing twice", arguments: TestDatabase.enabled)
    func retry(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (_, shop) = try await client.vendorWithShop("retry")
            let before = try await app.latestChange()
            let (csv, rows) = generatedProductCSV(products: 1_500)
            #expect(rows == 1_800)
            // Dies after 1,400 records: two batches of 500 products (600 rows each) committed, the rest not.
            await #expect(throws: FailingAfter<CSVReader<ByteChunks>>.Crash.self) {
                try await app.importer(batchSize: 500).run(
                    FailingAfter(base: CSVReader(ByteChunks(csv)), limit: 1_400), shopID: shop.id, importID: "job_retry", startedAt: Self.startedAt)
            }
            let committed = try await app.productCount(shop: shop.id)
            #expect(committed == 1_000)

            let summary = try await app.importer(batchSize: 500).run(
                CSVReader(ByteChunks(csv)), shopID: shop.id, importID: "job_retry", startedAt: Self.startedAt)
            #expect(summary.inserted == 500 && summary.alreadyImported == 1_000 && summary.failedRows == 0)
            #expect(try await app.productCount(shop: shop.id) == 1_500)
            #expect(try await app.variantCount(shop: shop.id) == 450)
            #expect(try await app.changes(after: before, entity: "product").count == 1_500)

            // A third run, with another batch size, finds everything in place.
            let again = try await app.importer(batchSize: 77).run(
                CSVReader(ByteChunks(csv)), shopID: shop.id, importID: "job_retry", startedAt: Self.startedAt)
            #expect(again.inserted == 0 && again.alreadyImported == 1_500)
            #expect(try await app.productCount(shop: shop.id) == 1_500)
        }
    }

    @Test("SKUs the shop already uses, or an earlier row of the file used, fail only their product", arguments: TestDatabase.enabled)
    func skuClashes(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("skuclash")
            try await client.createProduct(shop, productRequest("Existing", variants: [VariantInput(sku: "TAKEN-1", inventoryCount: 1)]), as: owner)
            let csv = """
                handle,title,price,sku,option:size
                a,Clashes with the shop,1,taken-1,S
                a,,1,FREE-1,M
                b,First user,2,DUP-1,
                c,Second user,3,dup-1,
                d,Fine,4,FREE-2,
                """
            let summary = try await app.importer(batchSize: 2).run(
                CSVReader(ByteChunks(csv)), shopID: shop.id, importID: "job_sku", startedAt: Self.startedAt)
            #expect(summary.inserted == 2 && summary.failedRows == 3)
            #expect(summary.errors == [
                ProductImportRowError(row: 2, message: "sku: A variant SKU is already used in this shop."),
                ProductImportRowError(row: 5, message: "sku: This SKU is used by an earlier product in this file."),
            ])
            #expect(try await app.productCount(shop: shop.id) == 3)
        }
    }

    @Test("file-level failures: a bad header, an empty file, an unknown shop; errors past the cap are counted", arguments: TestDatabase.enabled)
    func fileFailures(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (_, shop) = try await client.vendorWithShop("failures")
            let importer = app.importer(maxErrors: 3)
            await #expect(throws: ProductImportError.self) {
                try await importer.run(CSVReader(ByteChunks("name,cost\nMug,1\n")), shopID: shop.id, importID: "j1", startedAt: Self.startedAt)
            }
            await #expect(throws: ProductImportError.emptyFile) {
                try await importer.run(CSVReader(ByteChunks("\n\n")), shopID: shop.id, importID: "j2", startedAt: Self.startedAt)
            }
            await #expect(throws: ProductImportError.shopNotFound) {
                try await importer.run(CSVReader(ByteChunks("title,price\n")), shopID: ShopID.generate(), importID: "j3", startedAt: Self.startedAt)
            }
            await #expect(throws: CSVError.self) {
                try await importer.run(CSVReader(ByteChunks("title,price\n\"open,1\n")), shopID: shop.id, importID: "j4", startedAt: Self.startedAt)
            }
            let bad = "title,price\n" + (0..<10).map { "Item \($0),free\n" }.joined()
            let summary = try await importer.run(CSVReader(ByteChunks(bad)), shopID: shop.id, importID: "j5", startedAt: Self.startedAt)
            #expect(summary.failedRows == 10 && summary.errors.map(\.row) == [2, 3, 4] && summary.errorsOmitted == 7)
            #expect(try await app.productCount(shop: shop.id) == 0)
        }
    }

    @Test("throughput: generated rows into SQLite (printed, not asserted)")
    func throughput() async throws {
        let count = Int(ProcessInfo.processInfo.environment["MARKETMATE_IMPORT_BENCH_PRODUCTS"] ?? "") ?? 83_334
        try await TestApp.run(.sqlite) { app, client in
            let (_, shop) = try await client.vendorWithShop("throughput")
            let (csv, rows) = generatedProductCSV(products: count)
            let path = (app.dataDirectory as NSString).appendingPathComponent("bench.csv")
            try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
            let started = ContinuousClock.now
            let summary = try await app.importer().run(CSVReader(path: path), shopID: shop.id, importID: "job_bench", startedAt: Self.startedAt)
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            #expect(summary.rows == rows && summary.failedRows == 0)
            print("product import throughput (SQLite): \(rows) rows, \(summary.inserted) products, \(csv.utf8.count / 1_000_000) MB in \(String(format: "%.1f", seconds)) s = \(Int(Double(rows) / seconds)) rows/s")
        }
    }
}
