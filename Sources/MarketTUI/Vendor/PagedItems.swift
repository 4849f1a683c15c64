/// Items of a cursor-paged list as a screen holds them: what is loaded, where the next page
/// starts, and which request is current. The vendor's shops and products and the admin's
/// users and shops all page the same way, so the bookkeeping lives here once.
///
/// Every reload bumps `generation`; a reply carries the generation it was asked for, and a
/// reply for an older one (the user refreshed or changed the filter meanwhile) is dropped.
struct PagedItems<Item> {
    var items: [Item] = []
    var nextCursor: String?
    /// The first page is on its way.
    var isLoading = false
    /// A further page is on its way.
    var isLoadingMore = false
    var errorMessage: String?
    private(set) var generation = 0
    /// A first page arrived at least once (an empty list then means "none", not "not yet").
    private(set) var hasLoaded = false

    var isBusy: Bool { isLoading || isLoadingMore }
    var hasMore: Bool { nextCursor != nil }

    /// Starts over from the first page; returns the generation the reply must carry.
    mutating func beginReload() -> Int {
        generation += 1
        isLoading = true
        isLoadingMore = false
        errorMessage = nil
        return generation
    }

    /// The cursor to fetch next, or nil when there is no more or a request is already out.
    mutating func beginLoadMore() -> String? {
        guard let cursor = nextCursor, !isLoading, !isLoadingMore else { return nil }
        isLoadingMore = true
        return cursor
    }

    /// Applies a page. `cursor` is the one it was asked with (nil: the first page). False
    /// when the reply is stale and was dropped.
    @discardableResult
    mutating func receive(_ page: [Item], nextCursor: String?, cursor: String?, generation: Int) -> Bool {
        guard generation == self.generation else { return false }
        if cursor == nil {
            items = page
            isLoading = false
            hasLoaded = true
        } else {
            items += page
            isLoadingMore = false
        }
        self.nextCursor = nextCursor
        errorMessage = nil
        return true
    }

    /// Records a failed request; false when it was stale.
    @discardableResult
    mutating func fail(_ message: String, cursor: String?, generation: Int) -> Bool {
        guard generation == self.generation else { return false }
        if cursor == nil { isLoading = false } else { isLoadingMore = false }
        errorMessage = message
        return true
    }
}
