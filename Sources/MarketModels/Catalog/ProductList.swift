import Foundation

/// `GET /products`: a page of products, plus facet counts when `facets=` asked for them.
public struct ProductListResponse: Codable, Hashable, Sendable {
    public var items: [ProductDTO]
    public var nextCursor: String?
    public var facets: Facets?

    public init(items: [ProductDTO], nextCursor: String?, facets: Facets?) {
        self.items = items
        self.nextCursor = nextCursor
        self.facets = facets
    }

    private enum CodingKeys: String, CodingKey { case items, nextCursor, facets }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)  // explicit null on the last page
        try container.encodeIfPresent(facets, forKey: .facets)
    }
}

/// Counts over the same filtered set as the items. Category counts roll up: a product in
/// `kitchen/mugs` counts for `kitchen` and for `kitchen/mugs`.
public struct Facets: Codable, Hashable, Sendable {
    public var category: [FacetCount]?
    public var tag: [FacetCount]?
    public var shop: [FacetCount]?
    public var price: [PriceBucket]?
    public init(category: [FacetCount]? = nil, tag: [FacetCount]? = nil, shop: [FacetCount]? = nil, price: [PriceBucket]? = nil) {
        self.category = category
        self.tag = tag
        self.shop = shop
        self.price = price
    }
}

public struct FacetCount: Codable, Hashable, Sendable {
    public var value: String
    public var label: String?
    public var count: Int
    public init(value: String, label: String? = nil, count: Int) {
        self.value = value
        self.label = label
        self.count = count
    }
}

/// Products priced in `[min, max)` minor units; `max` nil means "and above".
public struct PriceBucket: Codable, Hashable, Sendable {
    public var min: Int64
    public var max: Int64?
    public var count: Int
    public init(min: Int64, max: Int64?, count: Int) {
        self.min = min
        self.max = max
        self.count = count
    }
}

/// `GET /search/suggest?q=`: completions for what the user is typing.
public struct SuggestResponse: Codable, Hashable, Sendable {
    public var suggestions: [String]
    public init(suggestions: [String]) { self.suggestions = suggestions }
}

/// The `sort=` values of `GET /products`.
public enum ProductSort: String, Codable, Sendable, CaseIterable {
    case relevance, price, priceDescending = "-price", newest
}

/// The `facets=` names of `GET /products`.
public enum FacetName: String, Codable, Sendable, CaseIterable {
    case category, tag, shop, price
}
