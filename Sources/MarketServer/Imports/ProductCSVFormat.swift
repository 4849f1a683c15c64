import Foundation
import MarketModels

/// The product CSV that `POST /uploads/products.csv` accepts.
///
/// **Header.** The first row names the columns, in any order, matched case-insensitively:
///
/// | column | required | meaning |
/// |---|---|---|
/// | `handle` | no | groups rows into one product (see below); letters, digits, `-`, `_` |
/// | `title` | yes | the product's title |
/// | `price` | yes | a decimal in the shop's currency, `12.50` (USD), `1200` (JPY); no symbol, no thousands separator |
/// | `description` | no | plain text; quoted line breaks are kept |
/// | `inventory` | no | whole number in stock; empty is 0 |
/// | `category` | no | a path such as `kitchen/mugs` |
/// | `tags` | no | separated by `\|` or `;`: `gift\|ceramic` |
/// | `status` | no | `active` (default), `draft` or `archived` |
/// | `sku` | no | the variant's SKU |
/// | `option:<name>` | no | a variant option, e.g. `option:size`, `option:colour` (at most 10) |
///
/// Any other column, a column named twice, or a missing `title`/`price` fails the whole
/// file with one message that names them all.
///
/// **Products and variants.** Like Shopify's CSV, a product is one row or a run of
/// *adjacent* rows with the same `handle` (rows without a handle are grouped by an equal
/// `title`). A product whose only row has no `sku` and no option values is a simple
/// product: `price` and `inventory` are its own. Otherwise every row of the run is one
/// variant, which needs a `sku`: its `option:*` cells are the variant's options, its
/// `inventory` the variant's stock (the product's stock is their sum), and its `price`
/// the variant's price; the first row's price is the product's, and a variant row with an
/// empty price sells at it. Product fields (`title`, `description`, `category`, `tags`,
/// `status`) come from the first row; on later rows of the run leave them empty (or
/// repeat them exactly). A handle that turns up again after other products is an error:
/// the rows of a product must be adjacent, so the import never holds the file in memory.
///
/// **Rows.** Row numbers are spreadsheet rows: the header is row 1, blank lines are
/// skipped but counted. A row error fails the product it belongs to, not the file; each
/// error names the column and uses the API's validation messages.
enum ProductCSVFormat {
    enum Column: Hashable, Sendable {
        case handle, title, description, price, inventory, category, tags, status, sku
        case option(String)

        var name: String {
            switch self {
            case .handle: "handle"
            case .title: "title"
            case .description: "description"
            case .price: "price"
            case .inventory: "inventory"
            case .category: "category"
            case .tags: "tags"
            case .status: "status"
            case .sku: "sku"
            case .option(let name): "option:\(name)"
            }
        }

        static let fixed: [Column] = [.handle, .title, .description, .price, .inventory, .category, .tags, .status, .sku]
        static let required: [Column] = [.title, .price]
    }

    static let optionPrefix = "option:"
    static let maxOptionColumns = 10
    static let columnList = "handle, title, description, price, inventory, category, tags, status, sku, option:<name>"

    /// The header row, checked: where each column is.
    struct Header: Sendable, Equatable {
        /// Column of each header position.
        let columns: [Column]
        /// Position of each fixed column present.
        let positions: [Column: Int]
        /// Option names and positions, in header order.
        let options: [(name: String, position: Int)]

        static func == (lhs: Header, rhs: Header) -> Bool { lhs.columns == rhs.columns }

        init(_ fields: [String]) throws(HeaderError) {
            var columns: [Column] = []
            var positions: [Column: Int] = [:]
            var options: [(name: String, position: Int)] = []
            var unknown: [String] = [], duplicate: [String] = [], badOptions: [String] = []
            var seenOptions = Set<String>()
            for (position, raw) in fields.enumerated() {
                let name = raw.trimmingCharacters(in: .whitespaces)
                let lower = name.lowercased()
                if lower.hasPrefix(ProductCSVFormat.optionPrefix) {
                    let option = String(name.dropFirst(ProductCSVFormat.optionPrefix.count)).trimmingCharacters(in: .whitespaces)
                    if option.isEmpty || option.count > 40 {
                        badOptions.append(name)
                    } else if !seenOptions.insert(option.lowercased()).inserted {
                        duplicate.append(name)
                    }
                    columns.append(.option(option))
                    options.append((option, position))
                } else if let column = Column.fixed.first(where: { $0.name == lower }) {
                    if positions[column] != nil { duplicate.append(name) }
                    positions[column] = positions[column] ?? position
                    columns.append(column)
                } else {
                    unknown.append(name)
                    columns.append(.option(""))
                }
            }
            var problems: [String] = []
            if !unknown.isEmpty { problems.append("unknown columns \(Self.list(unknown))") }
            let missing = Column.required.filter { positions[$0] == nil }.map(\.name)
            if !missing.isEmpty { problems.append("missing columns \(Self.list(missing))") }
            if !duplicate.isEmpty { problems.append("columns named twice \(Self.list(duplicate))") }
            if !badOptions.isEmpty { problems.append("option columns need a name of 1 to 40 characters \(Self.list(badOptions))") }
            if options.count > ProductCSVFormat.maxOptionColumns { problems.append("at most \(ProductCSVFormat.maxOptionColumns) option columns") }
            if !problems.isEmpty {
                throw HeaderError(message: "The header row is not a product CSV: \(problems.joined(separator: "; ")). Columns are: \(ProductCSVFormat.columnList).")
            }
            self.columns = columns
            self.positions = positions
            self.options = options
        }

        private static func list(_ names: [String]) -> String {
            names.map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")
        }
    }

    /// The file cannot be a product CSV: the import fails with this message.
    struct HeaderError: Error, Sendable, Equatable, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// A decimal price in `currency` as minor units: `12.5` USD is 1250, `1200` JPY is 1200.
    /// Nil with a message when it is not a plain decimal with at most the currency's digits.
    static func parsePrice(_ raw: String, currency: Currency) -> Result<Int64, PriceError> {
        let text = raw.trimmingWhitespace(newlines: false)
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        let isDigits: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        guard !whole.isEmpty || !fraction.isEmpty, isDigits(whole), isDigits(fraction), parts.count == 1 || !fraction.isEmpty else {
            return .failure(.notANumber)
        }
        guard fraction.count <= currency.minorUnitDigits else { return .failure(.tooManyDecimals(currency)) }
        let padded = String(fraction) + String(repeating: "0", count: currency.minorUnitDigits - fraction.count)
        guard whole.count <= 15, let major = Int64(whole.isEmpty ? "0" : String(whole)), let minor = Int64(padded.isEmpty ? "0" : padded) else {
            return .failure(.tooLarge)
        }
        let (scaled, overflow) = major.multipliedReportingOverflow(by: currency.minorUnitsPerMajorUnit)
        guard !overflow else { return .failure(.tooLarge) }
        return .success(negative ? -(scaled + minor) : scaled + minor)
    }

    enum PriceError: Error, Equatable {
        case notANumber, tooLarge
        case tooManyDecimals(Currency)

        var message: String {
            switch self {
            case .notANumber: "Write a price as a plain decimal such as 12.50, without a currency symbol."
            case .tooLarge: "This price is too large."
            case .tooManyDecimals(let currency):
                currency.minorUnitDigits == 0
                    ? "\(currency.code) prices have no decimal places."
                    : "\(currency.code) prices have at most \(currency.minorUnitDigits) decimal places."
            }
        }
    }

    /// `gift|ceramic`, `gift; ceramic`: the tags, blank ones dropped.
    static func parseTags(_ raw: String) -> [String] {
        raw.split(whereSeparator: { $0 == "|" || $0 == ";" })
            .map { String($0).trimmingWhitespace(newlines: false) }
            .filter { !$0.isEmpty }
    }
}
