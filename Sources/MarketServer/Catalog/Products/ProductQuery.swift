import Foundation
import Hummingbird
import MarketModels

/// `GET /products` query parameters, validated. Bad values are a 400 naming the parameter,
/// never silently ignored.
struct ProductQuery: Sendable {
    var terms: SearchTerms?
    var category: String?
    var tag: String?
    var shopID: String?
    var minPrice: Int64?
    var maxPrice: Int64?
    var inStock: Bool?
    var status: ProductStatus?
    var sort: ProductSort = .newest
    var facets: Set<FacetName> = []
    var limit = Pagination.defaultLimit
    var cursor: ProductCursor?

    /// Only words narrow the set: no category, tag, shop, price, stock or status filter.
    var onlyWords: Bool {
        terms != nil && category == nil && tag == nil && shopID == nil && minPrice == nil && maxPrice == nil && inStock == nil && status == nil
    }

    init(_ request: Request) throws(AppError) {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        var problems: [ErrorDetail] = []
        func invalid(_ field: String, _ message: String) {
            problems.append(ErrorDetail(field: field, code: "invalid_value", message: message))
        }

        terms = value("q").flatMap { SearchTerms($0) }
        if let raw = value("category") {
            if CatalogRules.category(raw).isEmpty { category = CatalogRules.normalizedCategory(raw) } else { invalid("category", "Use a path such as kitchen/mugs.") }
        }
        if let raw = value("tag") {
            if CatalogRules.tags([raw]).isEmpty { tag = CatalogRules.normalizedTag(raw) } else { invalid("tag", "Tags are 1 to 32 letters, digits, spaces or hyphens.") }
        }
        if let raw = value("shopId") {
            if ShopID(rawValue: raw) != nil { shopID = raw } else { invalid("shopId", "Not a shop id.") }
        }
        for (name, keyPath) in [("minPrice", \ProductQuery.minPrice), ("maxPrice", \ProductQuery.maxPrice)] {
            guard let raw = value(name) else { continue }
            if let amount = Int64(raw), amount >= 0 { self[keyPath: keyPath] = amount } else { invalid(name, "A price in minor units (an integer, 0 or more).") }
        }
        if let raw = value("inStock") {
            switch raw.lowercased() {
            case "true", "1": inStock = true
            case "false", "0": inStock = false
            default: invalid("inStock", "true or false.")
            }
        }
        if let raw = value("status") {
            if let status = ProductStatus(rawValue: raw) { self.status = status } else { invalid("status", "draft, active or archived.") }
        }
        if let raw = value("sort") {
            if let sort = ProductSort(rawValue: raw) { self.sort = sort } else { invalid("sort", "relevance, price, -price or newest.") }
        } else {
            sort = terms == nil ? .newest : .relevance
        }
        // Relevance needs words to be relevant to.
        if sort == .relevance && terms == nil { sort = .newest }
        if let raw = value("facets") {
            for name in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                if let facet = FacetName(rawValue: name) { facets.insert(facet) } else { invalid("facets", "category, tag, shop or price.") }
            }
        }
        if let raw = value("limit") {
            if let n = Int(raw) { limit = Pagination.limit(n) } else { invalid("limit", "An integer from 1 to \(Pagination.maximumLimit).") }
        }
        if let raw = value("cursor") {
            if let cursor = ProductCursor(encoded: raw), cursor.sort == sort { self.cursor = cursor } else {
                invalid("cursor", "This cursor does not belong to this query.")
            }
        }
        if let minPrice, let maxPrice, minPrice > maxPrice { invalid("maxPrice", "maxPrice is below minPrice.") }
        try AppError.check(problems)
    }
}

/// Where the previous page ended, for keyset paging: the sort key of its last item.
/// Items inserted while a client pages never make it see an item twice or skip one.
struct ProductCursor: Codable, Sendable, Equatable {
    var sort: ProductSort
    var id: String
    var price: Int64?
    /// The relevance score's bit pattern: exact, unlike a decimal rendering.
    var scoreBits: UInt64?
    /// The index's own tie-break key, when the ranking came from the index alone.
    var rank: Int64?

    var score: Double? { scoreBits.map(Double.init(bitPattern:)) }

    init(sort: ProductSort, id: String, price: Int64? = nil, score: Double? = nil, rank: Int64? = nil) {
        self.sort = sort
        self.id = id
        self.price = price
        self.scoreBits = score?.bitPattern
        self.rank = rank
    }

    init?(encoded: String) {
        guard let json = PageRequest.decode(encoded), let cursor = try? JSONDecoder().decode(ProductCursor.self, from: Data(json.utf8)),
              ProductID(rawValue: cursor.id) != nil
        else { return nil }
        switch cursor.sort {
        case .price, .priceDescending: guard cursor.price != nil else { return nil }
        case .relevance: guard cursor.scoreBits != nil else { return nil }
        case .newest: break
        }
        self = cursor
    }

    var encoded: String {
        PageRequest.encode(String(decoding: (try? JSONEncoder().encode(self)) ?? Data(), as: UTF8.self))
    }
}
