import Foundation
import MarketModels
import Testing
@testable import MarketServer

/// The product CSV format: header checks, prices, grouping rows into products with
/// variants, and row errors on the right rows with the API's messages.
@Suite("Product import: CSV format")
struct ProductImportFormatTests {
    @Test("the header is matched case-insensitively in any order, with option columns")
    func header() throws {
        let header = try ProductCSVFormat.Header([" Price", "TITLE", "option:Size", "sku", "Option: colour "])
        #expect(header.positions[.price] == 0 && header.positions[.title] == 1 && header.positions[.sku] == 3)
        #expect(header.options.map(\.name) == ["Size", "colour"])
    }

    @Test("unknown, missing and repeated columns make one error that names them all")
    func headerErrors() {
        #expect(throws: ProductCSVFormat.HeaderError(message: "The header row is not a product CSV: unknown columns \"colour\", \"Vendor\"; missing columns \"price\"; columns named twice \"Title\". Columns are: handle, title, description, price, inventory, category, tags, status, sku, option:<name>.")) {
            try ProductCSVFormat.Header(["title", "colour", "Vendor", "Title"])
        }
        #expect(throws: ProductCSVFormat.HeaderError.self) { try ProductCSVFormat.Header(["title", "price", "option:"]) }
        #expect(throws: ProductCSVFormat.HeaderError.self) { try ProductCSVFormat.Header(["title", "price", "option:a", "option:A"]) }
        #expect(throws: ProductCSVFormat.HeaderError.self) {
            try ProductCSVFormat.Header(["title", "price"] + (0...10).map { "option:o\($0)" })
        }
    }

    @Test("prices are plain decimals in the shop's currency, exact to the minor unit")
    func prices() {
        func parse(_ text: String, _ currency: Currency = .usd) -> Result<Int64, ProductCSVFormat.PriceError> {
            ProductCSVFormat.parsePrice(text, currency: currency)
        }
        #expect(parse("12.50") == .success(1250))
        #expect(parse(" 12.5 ") == .success(1250))
        #expect(parse("12") == .success(1200))
        #expect(parse(".5") == .success(50))
        #expect(parse("0.07") == .success(7))
        #expect(parse("-1") == .success(-100))
        #expect(parse("1200", .jpy) == .success(1200))
        #expect(parse("1.234", Currency(code: "KWD")!) == .success(1234))
        #expect(parse("12.345") == .failure(.tooManyDecimals(.usd)))
        #expect(parse("12.5", .jpy) == .failure(.tooManyDecimals(.jpy)))
        for bad in ["$12", "1,200", "12.", "abc", "1e3", "", "-", "1.2.3"] {
            #expect(parse(bad) == .failure(.notANumber), "\(bad)")
        }
        #expect(parse("99999999999999999999") == .failure(.tooLarge))
        #expect(ProductCSVFormat.parseTags(" gift | ceramic;;blue ") == ["gift", "ceramic", "blue"])
    }

    @Test("adjacent rows with one handle make one product with variants; a single row is a plain product")
    func grouping() throws {
        let products = try mapFile("""
            handle,title,description,price,inventory,category,tags,status,sku,option:size,option:colour
            tee,Organic Tee,Soft cotton.,25.00,,clothing/tops,cotton|organic,active,TEE-S,S,white
            tee,,,25.00,4,,,,TEE-M,M,white
            TEE,Organic Tee,,27.50,0,,,,TEE-L,L,
            mug,Mug,"Big, blue",12.5,7,kitchen,,draft,,,
            ,Poster,,3,,,,,,,
            ,Poster,,3,,,,,,,
            """)
        #expect(products.count == 3)
        guard case .product(let tee) = products[0].outcome, case .product(let mug) = products[1].outcome else {
            Issue.record("\(products)"); return
        }
        #expect(products.map(\.firstRow) == [2, 5, 6])
        #expect(tee.title == "Organic Tee" && tee.price == Money(amount: 2500, currency: .usd) && tee.inventoryCount == nil)
        #expect(tee.category == "clothing/tops" && tee.tags == ["cotton", "organic"] && tee.status == .active)
        #expect(tee.variants == [
            VariantInput(sku: "TEE-S", options: ["size": "S", "colour": "white"], price: nil, inventoryCount: 0),
            VariantInput(sku: "TEE-M", options: ["size": "M", "colour": "white"], price: nil, inventoryCount: 4),
            VariantInput(sku: "TEE-L", options: ["size": "L"], price: Money(amount: 2750, currency: .usd), inventoryCount: 0),
        ])
        #expect(mug.variants == nil && mug.inventoryCount == 7 && mug.description == "Big, blue" && mug.status == .draft)
        #expect(mug.price.amount == 1250)
        // Without a handle, equal adjacent titles are one product: its two rows are variants, and need SKUs.
        #expect(products[2].outcome.errors == [
            ProductImportRowError(row: 6, message: "sku: Each variant row needs a SKU."),
            ProductImportRowError(row: 7, message: "sku: Each variant row needs a SKU."),
        ])
    }

    @Test("row errors name the spreadsheet row and the column, with the API's messages")
    func rowErrors() throws {
        let products = try mapFile("""
            handle,title,description,price,inventory,category,tags,status,sku,option:size
            a,,"A description
            over two lines",1.00,,,,,,
            b,Fine,,2.001,-3,,,,,
            c,Shirt,,10,1,not a/valid/category/path,,sold,SH-S,S
            c,Other title,,10,x,,,,,M
            d,Tagged,,1,,,ok|bad!tag,,,
            e,Big,,1,,,,,"bad sku",S
            f,Ragged,,1
            """)
        let errors = products.flatMap { product -> [ProductImportRowError] in
            if case .rejected(let errors) = product.outcome { return errors }
            Issue.record("row \(product.firstRow) was accepted")
            return []
        }
        #expect(errors == [
            ProductImportRowError(row: 2, message: "title: At least 1 characters."),
            ProductImportRowError(row: 3, message: "price: USD prices have at most 2 decimal places."),
            ProductImportRowError(row: 4, message: "status: Use active, draft or archived."),
            ProductImportRowError(row: 5, message: "inventory: Write stock as a whole number such as 12."),
            ProductImportRowError(row: 5, message: "title: Differs from row 4, the product's first row; leave it empty on variant rows."),
            ProductImportRowError(row: 5, message: "sku: Each variant row needs a SKU."),
            ProductImportRowError(row: 6, message: "tags: Tags are 1 to 32 letters, digits, spaces or hyphens."),
            ProductImportRowError(row: 7, message: "sku: SKUs are 1 to 64 letters, digits, dots, hyphens or underscores."),
            ProductImportRowError(row: 8, message: "This row has 4 fields, the header has 10."),
        ])
        // Price and stock that parse but break the API's rules get the API's words.
        let rules = try mapFile("title,price,inventory\nNegative,-1,2\nHuge,1,2000000000\n")
        #expect(rules.map(\.outcome.errors) == [
            [ProductImportRowError(row: 2, message: "price: A price cannot be negative.")],
            [ProductImportRowError(row: 3, message: "inventory: Stock must be between 0 and 1000000000.")],
        ])
    }

    @Test("a handle that comes back after another product is an error on the late row")
    func nonAdjacentHandle() throws {
        let products = try mapFile("handle,title,price,sku\nh1,One,1,A\nh2,Two,1,B\nH1,,1,C\n")
        #expect(products.count == 3)
        #expect(products[2].outcome.errors == [
            ProductImportRowError(row: 4, message: "handle: The rows of one product must be adjacent; this handle already appeared at row 2."),
        ])
    }

    @Test("a product without a price is refused on its first row; variants inherit an empty price")
    func missingPrice() throws {
        let products = try mapFile("handle,title,price,sku\nx,Thing,,X-1\nx,,5,X-2\n")
        #expect(products[0].outcome.errors == [ProductImportRowError(row: 2, message: "price: Enter the product's price, such as 12.50.")])
    }
}

/// One product of a mapped file: the row it starts on and what became of it.
struct MappedProduct: CustomStringConvertible {
    var firstRow: Int
    var outcome: ProductCSVFormat.Outcome
    var description: String { "row \(firstRow): \(outcome)" }
}

extension ProductCSVFormat.Outcome {
    var errors: [ProductImportRowError] {
        if case .rejected(let errors) = self { return errors }
        return []
    }
}

/// Parses, groups and maps a whole file in memory, as the importer does row by row.
func mapFile(_ text: String, currency: Currency = .usd) throws -> [MappedProduct] {
    let records = try parseAll(Array(text.utf8))
    let header = try ProductCSVFormat.Header(records[0].fields)
    var grouper = ProductCSVGrouper()
    var groups: [[ProductCSVRow]] = []
    for record in records.dropFirst() {
        if let group = grouper.add(ProductCSVRow(record, header: header, currency: currency)) { groups.append(group) }
    }
    if let group = grouper.finish() { groups.append(group) }
    return groups.map { MappedProduct(firstRow: $0[0].row, outcome: ProductCSVFormat.request(for: $0, currency: currency)) }
}
