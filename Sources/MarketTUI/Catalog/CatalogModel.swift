import MarketClient
import MarketModels
import TerminalKit

/// The catalog screen: an infinitely scrolling product list over the cursor API, a
/// search field that queries as you type (debounced), facet filters and a sort order.
struct CatalogModel {
    var items: [ProductDTO] = []
    var nextCursor: String?
    var list = ListState()
    /// The search field; focused while the user types a query.
    var search = TextFieldState()
    var isSearchFocused = false
    /// List or grid, as the `catalog-layout` flag says.
    var layout: CatalogLayout = .list
    /// Cards side by side in the grid at the current size (for the arrow keys).
    var gridColumns = 1
    var suggestions: [String] = []
    var filters = CatalogFilters()
    var facets: Facets?
    /// The facet panel (`f`): which facet entries can be toggled, and the cursor in it.
    var isFilterPanelOpen = false
    var filterList = ListState()
    var isLoading = false
    var isLoadingMore = false
    /// The query the list shows; a reply for any other query is stale and dropped.
    var loadedQuery: ProductQuery?
    /// Bumped on every keystroke in the search field; only the newest debounce fires.
    var searchGeneration = 0
    var errorMessage: String?

    var selectedProduct: ProductDTO? {
        guard let index = list.selected, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The query for the current search text, filters and sort.
    var currentQuery: ProductQuery {
        var query = ProductQuery()
        let text = search.text.trimmingCharacters(in: .whitespaces)
        query.q = text.isEmpty ? nil : text
        query.category = filters.category
        query.tag = filters.tag
        query.shopId = filters.shopId.flatMap(ShopID.init(rawValue:))
        query.inStock = filters.inStockOnly ? true : nil
        query.sort = filters.sort ?? (query.q == nil ? .newest : .relevance)
        query.facets = FacetName.allCases
        query.limit = 50
        return query
    }

    /// The toggleable facet entries for the filter panel, in display order.
    var facetEntries: [FacetEntry] {
        var entries: [FacetEntry] = [FacetEntry(kind: .inStock, value: "", label: "In stock only", count: nil)]
        for facet in facets?.category ?? [] {
            entries.append(FacetEntry(kind: .category, value: facet.value, label: facet.label ?? facet.value, count: facet.count))
        }
        for facet in facets?.shop ?? [] {
            entries.append(FacetEntry(kind: .shop, value: facet.value, label: facet.label ?? facet.value, count: facet.count))
        }
        for facet in (facets?.tag ?? []).prefix(20) {
            entries.append(FacetEntry(kind: .tag, value: facet.value, label: "#" + (facet.label ?? facet.value), count: facet.count))
        }
        return entries
    }
}

struct CatalogFilters: Equatable {
    var category: String?
    var tag: String?
    var shopId: String?
    var inStockOnly = false
    /// nil: relevance while searching, newest otherwise.
    var sort: ProductSort?

    var isEmpty: Bool { category == nil && tag == nil && shopId == nil && !inStockOnly }

    func isActive(_ entry: FacetEntry) -> Bool {
        switch entry.kind {
        case .inStock: inStockOnly
        case .category: category == entry.value
        case .tag: tag == entry.value
        case .shop: shopId == entry.value
        }
    }

    mutating func toggle(_ entry: FacetEntry) {
        switch entry.kind {
        case .inStock: inStockOnly.toggle()
        case .category: category = category == entry.value ? nil : entry.value
        case .tag: tag = tag == entry.value ? nil : entry.value
        case .shop: shopId = shopId == entry.value ? nil : entry.value
        }
    }

    /// "category: mugs · in stock": what the filter line shows.
    func summary(shopNames: [String: String]) -> String {
        var parts: [String] = []
        if let category { parts.append("category: \(category)") }
        if let tag { parts.append("#\(tag)") }
        if let shopId { parts.append("shop: \(shopNames[shopId] ?? shopId)") }
        if inStockOnly { parts.append("in stock") }
        return parts.joined(separator: " · ")
    }
}

struct FacetEntry: Equatable {
    enum Kind { case inStock, category, tag, shop }
    var kind: Kind
    var value: String
    var label: String
    var count: Int?
}

extension ProductSort {
    var label: String {
        switch self {
        case .relevance: "relevance"
        case .price: "price ↑"
        case .priceDescending: "price ↓"
        case .newest: "newest"
        }
    }

    /// The order `s` cycles through.
    var next: ProductSort {
        let all: [ProductSort] = [.relevance, .newest, .price, .priceDescending]
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
