import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// One shop's products as its owner sees them: every status (the server lists drafts and
/// archived products to the owner), paged, sortable, with each product's variants as rows
/// under it so stock can be changed per variant.
struct ShopProductsModel {
    var shop: ShopDTO
    var page = PagedItems<ProductDTO>()
    var table = TableState(columns: Self.columns)
    var stock = StockBook()

    static let pageSize = 50
    /// Fetch the next page when the selection is this close to the last row.
    static let prefetchDistance = 10

    static let columns = [
        TableColumn("Title", width: .fill(min: 16), sortable: true),
        TableColumn("Status", width: .fixed(8), sortable: true),
        TableColumn("Price", width: .fixed(14), alignment: .right, sortable: true),
        TableColumn("Stock", width: .fixed(7), alignment: .right, sortable: true),
    ]

    init(shop: ShopDTO) {
        self.shop = shop
    }

    var products: [ProductDTO] { page.items }

    /// What one table row is.
    enum Row: Equatable {
        case product(Int)
        /// Product index, variant index.
        case variant(Int, Int)

        var productIndex: Int {
            switch self {
            case .product(let index), .variant(let index, _): index
            }
        }
    }

    /// The rows in display order: products sorted by the table's sort, each followed by its
    /// variants (which stay under their product whatever the sort).
    var rows: [Row] {
        order.flatMap { index in
            [Row.product(index)] + products[index].variants.indices.map { Row.variant(index, $0) }
        }
    }

    /// Product indices in display order.
    var order: [Int] {
        guard let sort = table.sort else { return Array(products.indices) }
        let ascending = sort.direction == .ascending
        return products.indices.sorted { a, b in
            let result = compare(products[a], products[b], column: sort.column)
            if result == .orderedSame { return a < b }
            return (result == .orderedAscending) == ascending
        }
    }

    private func compare(_ a: ProductDTO, _ b: ProductDTO, column: Int) -> ComparisonResult {
        func order<T: Comparable>(_ x: T, _ y: T) -> ComparisonResult { x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame }
        switch column {
        case 0: return a.title.compare(b.title, options: [.caseInsensitive, .numeric])
        case 1: return order(a.status.rawValue, b.status.rawValue)
        case 2: return order(a.price.amount, b.price.amount)
        default: return order(displayStock(a), displayStock(b))
        }
    }

    // MARK: Stock as shown

    func displayStock(_ product: ProductDTO) -> Int {
        guard !product.variants.isEmpty else {
            return stock.display(StockKey(productID: product.id), loaded: product.inventoryCount)
        }
        return product.variants.reduce(0) { $0 + displayStock(product, variant: $1) }
    }

    func displayStock(_ product: ProductDTO, variant: VariantDTO) -> Int {
        stock.display(StockKey(productID: product.id, variantID: variant.id), loaded: variant.inventoryCount)
    }

    /// The text of each row.
    func cells(_ row: Row) -> [String] {
        switch row {
        case .product(let index):
            let product = products[index]
            return [product.title, product.status.rawValue, product.price.formatted, String(displayStock(product))]
        case .variant(let index, let variantIndex):
            let product = products[index]
            let variant = product.variants[variantIndex]
            let options = OptionsText.format(variant.options)
            let label = "  └ " + variant.sku + (options.isEmpty ? "" : "  " + options.replacingOccurrences(of: "=", with: ": "))
            return [label, "", variant.price.formatted, String(displayStock(product, variant: variant))]
        }
    }

    // MARK: Selection

    var selectedRow: Row? {
        let rows = self.rows
        guard let index = table.selected, rows.indices.contains(index) else { return nil }
        return rows[index]
    }

    var selectedProduct: ProductDTO? { selectedRow.map { products[$0.productIndex] } }

    /// The stock the selection stands for: a variant row's variant, a simple product's own
    /// stock; nil on a product with variants (its stock is their sum).
    var selectedStockKey: StockKey? {
        switch selectedRow {
        case .product(let index)?:
            let product = products[index]
            return product.variants.isEmpty ? StockKey(productID: product.id) : nil
        case .variant(let index, let variantIndex)?:
            let product = products[index]
            return StockKey(productID: product.id, variantID: product.variants[variantIndex].id)
        case nil:
            return nil
        }
    }

    /// Which product and variant a row is, by id: survives re-sorting and reloading.
    struct RowIdentity: Equatable {
        var productID: ProductID
        var variantID: VariantID?
    }

    func identity(_ row: Row) -> RowIdentity {
        switch row {
        case .product(let index): RowIdentity(productID: products[index].id)
        case .variant(let index, let variantIndex): RowIdentity(productID: products[index].id, variantID: products[index].variants[variantIndex].id)
        }
    }

    /// Runs `change` and keeps the same product (or variant) selected, wherever it moved:
    /// with the table sorted by stock, a `+` may move the row, and the selection must go
    /// with it rather than land on a neighbour.
    mutating func keepingSelection(_ change: (inout ShopProductsModel) -> Void) {
        let before = selectedRow.map(identity)
        change(&self)
        let rows = self.rows
        table.setRowCount(rows.count)
        if let before, let index = rows.firstIndex(where: { identity($0) == before }) {
            table.rows.select(index)
        } else if let before, let index = rows.firstIndex(where: { identity($0).productID == before.productID }) {
            table.rows.select(index)
        }
    }

    func key(for identity: RowIdentity) -> StockKey { StockKey(productID: identity.productID, variantID: identity.variantID) }

    mutating func select(productID: ProductID) {
        let rows = self.rows
        table.setRowCount(rows.count)
        if let index = rows.firstIndex(where: { identity($0) == RowIdentity(productID: productID) }) { table.rows.select(index) }
    }

    func title(of key: StockKey) -> String {
        guard let product = products.first(where: { $0.id == key.productID }) else { return "the product" }
        guard let variantID = key.variantID, let variant = product.variants.first(where: { $0.id == variantID }) else { return "“\(product.title)”" }
        return "“\(product.title)” (\(variant.sku))"
    }

    // MARK: Changes from the server

    /// A product the server returned (saved, or a stock answer): replaces the loaded copy
    /// when it is at least as new, or is added at the top (newest first) when it is new.
    mutating func absorb(_ product: ProductDTO) {
        if let index = page.items.firstIndex(where: { $0.id == product.id }) {
            if product.updatedAt >= page.items[index].updatedAt { page.items[index] = product }
        } else {
            page.items.insert(product, at: 0)
        }
    }

    /// `absorb`, keeping the selection on the same row.
    mutating func upsert(_ product: ProductDTO) {
        keepingSelection { $0.absorb(product) }
    }

    mutating func remove(_ id: ProductID) {
        keepingSelection { model in model.page.items.removeAll { $0.id == id } }
    }

    /// The current value of `key` in a product answer.
    static func value(of key: StockKey, in product: ProductDTO) -> Int? {
        guard let variantID = key.variantID else { return product.inventoryCount }
        return product.variants.first { $0.id == variantID }?.inventoryCount
    }

    /// "36 products", "36+ products", "1 product".
    var countLabel: String {
        let count = products.count
        return "\(count)\(page.hasMore ? "+" : "") product\(count == 1 && !page.hasMore ? "" : "s")"
    }
}
