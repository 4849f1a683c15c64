import Foundation
import MarketModels

/// The filters of `GET /products`. Nil fields are left out, so the server's defaults apply
/// (sort: relevance with words, newest without; limit 20).
public struct ProductQuery: Sendable, Hashable {
    /// Words to search for.
    public var q: String?
    /// A category path such as `kitchen/mugs`; its subcategories match too.
    public var category: String?
    public var tag: String?
    public var shopId: ShopID?
    /// Minor units, inclusive.
    public var minPrice: Int64?
    public var maxPrice: Int64?
    public var inStock: Bool?
    /// Only for the shop's owner (with `shopId`): drafts and archived products.
    public var status: ProductStatus?
    public var sort: ProductSort?
    /// Facet counts to return with the page.
    public var facets: [FacetName]
    public var limit: Int?
    /// `nextCursor` of the previous page; the other fields must stay the same.
    public var cursor: String?

    public init(q: String? = nil, category: String? = nil, tag: String? = nil, shopId: ShopID? = nil, minPrice: Int64? = nil,
                maxPrice: Int64? = nil, inStock: Bool? = nil, status: ProductStatus? = nil, sort: ProductSort? = nil,
                facets: [FacetName] = [], limit: Int? = nil, cursor: String? = nil) {
        self.q = q
        self.category = category
        self.tag = tag
        self.shopId = shopId
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.inStock = inStock
        self.status = status
        self.sort = sort
        self.facets = facets
        self.limit = limit
        self.cursor = cursor
    }

    /// The same query, one page further on.
    public func page(after cursor: String) -> ProductQuery {
        var next = self
        next.cursor = cursor
        return next
    }

    /// In a fixed order, so equal queries make equal URLs (the server caches by URL).
    public var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = []
        func add(_ name: String, _ value: String?) {
            if let value, !value.isEmpty { items.append((name, value)) }
        }
        add("q", q)
        add("category", category)
        add("tag", tag)
        add("shopId", shopId?.rawValue)
        add("minPrice", minPrice.map(String.init))
        add("maxPrice", maxPrice.map(String.init))
        add("inStock", inStock.map { $0 ? "true" : "false" })
        add("status", status?.rawValue)
        add("sort", sort?.rawValue)
        let facetNames = FacetName.allCases.filter(facets.contains).map(\.rawValue)
        add("facets", facetNames.isEmpty ? nil : facetNames.joined(separator: ","))
        add("limit", limit.map(String.init))
        add("cursor", cursor)
        return items
    }
}
