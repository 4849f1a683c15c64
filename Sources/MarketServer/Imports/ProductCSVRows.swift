import Foundation
import MarketModels

/// One row error of an import, as `GET /jobs/:id/status` lists it.
struct ProductImportRowError: Codable, Sendable, Hashable {
    var row: Int
    var message: String
}

/// A data row read against the header: cells parsed, problems noted (not thrown), so one
/// bad cell costs its product and nothing else.
struct ProductCSVRow: Sendable {
    typealias Column = ProductCSVFormat.Column

    var row: Int
    /// What groups rows into a product: the handle, else the title; nil when unreadable.
    var key: String?
    var keyIsHandle = false
    var title = ""
    var description: String?
    var price: Int64?
    var inventory: Int?
    var category: String?
    var tags: [String]?
    var status: ProductStatus?
    var sku: String?
    var options: [String: String] = [:]
    /// Product-level cells as written, in `productColumns` order, to check that later rows
    /// of a product agree.
    var productCells: [String?] = []
    var problems: [String] = []

    static let productColumns: [Column] = [.title, .description, .category, .tags, .status]

    init(_ record: CSVRecord, header: ProductCSVFormat.Header, currency: Currency) {
        row = record.row
        if let issue = record.issue { problems.append(issue.message) }
        func cell(_ column: Column) -> String? {
            guard let position = header.positions[column], position < record.fields.count else { return nil }
            // Descriptions keep their spacing and line breaks; other cells are trimmed.
            let raw = record.fields[position]
            let text = column == .description ? raw : raw.trimmingWhitespace(newlines: false)
            return text.isEmpty ? nil : text
        }
        productCells = Self.productColumns.map(cell)

        title = productCells[0] ?? ""
        if let handle = cell(.handle) {
            key = "h:" + handle.lowercased()
            keyIsHandle = true
        } else if !title.isEmpty {
            key = "t:" + title
        }
        description = productCells[1]
        if let raw = cell(.price) {
            switch ProductCSVFormat.parsePrice(raw, currency: currency) {
            case .success(let amount): price = amount
            case .failure(let error): problems.append("price: \(error.message)")
            }
        }
        if let raw = cell(.inventory) {
            if let count = Int(raw) { inventory = count } else { problems.append("inventory: Write stock as a whole number such as 12.") }
        }
        category = productCells[2]
        tags = productCells[3].map(ProductCSVFormat.parseTags)
        if let raw = productCells[4] {
            if let value = ProductStatus(rawValue: raw.lowercased()) { status = value } else { problems.append("status: Use active, draft or archived.") }
        }
        sku = cell(.sku)
        for (name, position) in header.options where position < record.fields.count {
            let value = record.fields[position].trimmingWhitespace(newlines: false)
            if !value.isEmpty { options[name] = value }
        }
    }
}

/// Gathers adjacent rows of one product. Only the product being read is held, plus one
/// hash per handle seen, to catch a handle that comes back later.
struct ProductCSVGrouper {
    private var current: [ProductCSVRow] = []
    private var handleRows: [Int: Int] = [:]

    /// The product finished by this row, if the row starts another.
    mutating func add(_ row: ProductCSVRow) -> [ProductCSVRow]? {
        if let key = row.key, let first = current.first, first.key == key {
            current.append(row)
            return nil
        }
        var row = row
        if row.keyIsHandle, let key = row.key {
            if let earlier = handleRows[key.hashValue] {
                row.problems.append("handle: The rows of one product must be adjacent; this handle already appeared at row \(earlier).")
            } else {
                handleRows[key.hashValue] = row.row
            }
        }
        let finished = current
        current = [row]
        return finished.isEmpty ? nil : finished
    }

    mutating func finish() -> [ProductCSVRow]? {
        defer { current = [] }
        return current.isEmpty ? nil : current
    }
}

extension ProductCSVFormat {
    /// One product's rows, mapped: a request to create, or why not.
    enum Outcome: Sendable {
        case product(CreateProductRequest)
        case rejected([ProductImportRowError])
    }

    /// The create request for one product's rows, or the row errors that stop it. Checked
    /// with `CreateProductRequest.validate()`, so the messages are the API's.
    static func request(for rows: [ProductCSVRow], currency: Currency) -> Outcome {
        var errors = rows.flatMap { row in row.problems.map { ProductImportRowError(row: row.row, message: $0) } }
        let first = rows[0]
        for row in rows.dropFirst() {
            for (index, column) in ProductCSVRow.productColumns.enumerated() where column != .title || first.keyIsHandle {
                if let value = row.productCells[index], value != first.productCells[index] {
                    errors.append(ProductImportRowError(row: row.row, message: "\(column.name): Differs from row \(first.row), the product's first row; leave it empty on variant rows."))
                }
            }
        }
        let hasVariants = rows.count > 1 || first.sku != nil || !first.options.isEmpty
        if first.price == nil && !first.problems.contains(where: { $0.hasPrefix("price:") }) {
            errors.append(ProductImportRowError(row: first.row, message: "price: Enter the product's price, such as 12.50."))
        }
        if hasVariants {
            for row in rows where row.sku == nil {
                errors.append(ProductImportRowError(row: row.row, message: "sku: Each variant row needs a SKU."))
            }
        }
        guard errors.isEmpty, let price = first.price else { return .rejected(errors) }

        let variants: [VariantInput]? = hasVariants ? rows.map { row in
            VariantInput(sku: row.sku ?? "", options: row.options,
                         price: row.price.flatMap { $0 == price ? nil : Money(amount: $0, currency: currency) },
                         inventoryCount: row.inventory ?? 0)
        } : nil
        let request = CreateProductRequest(
            title: first.title, description: first.description ?? "", price: Money(amount: price, currency: currency),
            inventoryCount: hasVariants ? nil : first.inventory, category: first.category, tags: first.tags,
            status: first.status, variants: variants)
        let details = request.validate()
        guard details.isEmpty else {
            return .rejected(details.map { detail in
                let (row, column) = locate(detail.field, in: rows)
                return ProductImportRowError(row: row, message: "\(column): \(detail.message)")
            })
        }
        return .product(request)
    }

    /// The row and CSV column behind a validation detail's field (`variants[2].sku` is the
    /// third row's `sku`).
    static func locate(_ field: String?, in rows: [ProductCSVRow]) -> (row: Int, column: String) {
        guard var field else { return (rows[0].row, "row") }
        var row = rows[0].row
        if field.hasPrefix("variants["), let close = field.firstIndex(of: "]") {
            let index = Int(field[field.index(field.startIndex, offsetBy: 9)..<close]) ?? 0
            row = rows[min(max(index, 0), rows.count - 1)].row
            field = String(field[field.index(after: close)...].drop(while: { $0 == "." }))
        }
        let head = field.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? field
        let column: String = switch head {
        case "inventoryCount": "inventory"
        case "options": "option columns"
        case "": "variants"
        default: head
        }
        return (row, column)
    }
}
