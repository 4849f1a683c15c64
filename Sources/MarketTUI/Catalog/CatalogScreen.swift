import MarketClient
import MarketModels
import TerminalKit

public enum CatalogAction: Sendable {
    case load
    case loaded(ProductQuery, cursor: String?, Result<ProductListResponse, any Error>)
    case loadMore
    case key(KeyPress)
    case mouse(MouseEvent, listArea: Rect)
    case edit(InputEvent)
    case focusSearch
    case leaveSearch(keepQuery: Bool)
    case searchDebounced(generation: Int)
    case suggestionsLoaded(prefix: String, [String])
    case toggleFilterPanel
    case toggleFacet
    case clearFilters
    case cycleSort
    /// Handled by the app: open the selected product.
    case open(ProductID)
}

/// Update rules of the catalog screen. Pure: network work is returned as effects.
enum CatalogScreen {
    /// How long typing must pause before a search is sent.
    static let debounceMilliseconds = 200
    /// Start fetching the next page when the selection is this close to the end.
    static let prefetchDistance = 15

    static func update(_ model: inout CatalogModel, _ action: CatalogAction, env: TUIEnvironment) -> Effect<CatalogAction> {
        switch action {
        case .load:
            return fetchFirstPage(&model, env: env)

        case .loaded(let query, let cursor, let result):
            // A reply for a query the user has moved on from is dropped.
            guard query == model.loadedQuery else { return .none }
            if cursor == nil { model.isLoading = false } else { model.isLoadingMore = false }
            switch result {
            case .success(let page):
                model.errorMessage = nil
                let items = page.items.map(ProductDTO.sanitizedForTerminal)
                if cursor == nil {
                    // A new query starts at the top.
                    model.items = items
                    let selectedFacet = model.filterList.selected.flatMap { model.facetEntries.indices.contains($0) ? model.facetEntries[$0] : nil }
                    model.facets = page.facets.map(Facets.sanitizedForTerminal) ?? model.facets
                    model.list = ListState(count: items.count, viewportHeight: model.list.viewportHeight)
                    // New facets are a new panel list: count it again, or the cursor could
                    // go past its end, and keep it on the entry just toggled.
                    let entries = model.facetEntries
                    model.filterList.setCount(entries.count)
                    if let selectedFacet, let index = entries.firstIndex(where: { $0.kind == selectedFacet.kind && $0.value == selectedFacet.value }) {
                        model.filterList.select(index)
                    }
                } else {
                    model.items += items
                    model.list.setCount(model.items.count)
                }
                model.nextCursor = page.nextCursor
                return maybeLoadMore(&model, env: env)
            case .failure(let error):
                model.errorMessage = ErrorText.sentence(for: error)
                // The rows on screen are still the previous query's: their cursor must not
                // fetch a "next page" of the new query onto them. Refresh starts over.
                if cursor == nil { model.nextCursor = nil }
                return .none
            }

        case .loadMore:
            return loadMore(&model, env: env)

        case .key(let press):
            if model.isFilterPanelOpen {
                _ = model.filterList.handle(.key(press))
                return .none
            }
            if model.layout == .grid, let selected = model.list.selected {
                // Cards: up and down (and what the keymap binds to them, j and k by default) go a
                // row of cards; the left and right arrows one card. h and l keep their app-wide
                // meanings (back, open), which the app handles before the screen sees a key.
                let up = env.keymap.matches(press, "up"), down = env.keymap.matches(press, "down")
                if up || down {
                    guard let target = CatalogGrid.vertical(from: selected, rows: up ? -1 : 1, columns: model.gridColumns, count: model.items.count) else { return .none }
                    model.list.select(target)
                    return maybeLoadMore(&model, env: env)
                }
                if press.key == .left || press.key == .right {
                    model.list.move(by: press.key == .left ? -1 : 1)
                    return maybeLoadMore(&model, env: env)
                }
            }
            guard model.list.handle(.key(press)) else { return .none }
            return maybeLoadMore(&model, env: env)

        case .mouse(let mouse, let listArea) where model.layout == .grid && !model.isFilterPanelOpen:
            let grid = CatalogGrid(area: listArea)
            switch mouse.kind {
            case .wheelUp, .wheelDown:
                guard let selected = model.list.selected,
                      let target = CatalogGrid.vertical(from: selected, rows: mouse.kind == .wheelUp ? -1 : 1, columns: grid.columns, count: model.items.count) else { return .none }
                model.list.select(target)
            case .press(button: 0):
                guard let index = grid.index(x: mouse.x, y: mouse.y, firstRow: grid.firstRow(model.list), count: model.items.count) else { return .none }
                model.list.select(index)
            default:
                return .none
            }
            return maybeLoadMore(&model, env: env)

        case .mouse(let mouse, let listArea):
            let list = model.isFilterPanelOpen ? \CatalogModel.filterList : \CatalogModel.list
            guard model[keyPath: list].handle(.mouse(mouse), area: listArea) else { return .none }
            return maybeLoadMore(&model, env: env)

        case .edit(let event):
            let before = model.search.text
            guard model.search.handle(event) else { return .none }
            // Moving the cursor in the field is no new query: only a changed text searches.
            guard model.search.text != before else { return .none }
            model.searchGeneration += 1
            return .after(milliseconds: debounceMilliseconds, .searchDebounced(generation: model.searchGeneration))

        case .focusSearch:
            model.isSearchFocused = true
            model.isFilterPanelOpen = false
            return .none

        case .leaveSearch(let keepQuery):
            model.isSearchFocused = false
            model.suggestions = []
            if !keepQuery, !model.search.text.isEmpty {
                model.search = TextFieldState()
                model.searchGeneration += 1
                return fetchFirstPage(&model, env: env)
            }
            // Enter: search now rather than waiting for the debounce.
            if model.loadedQuery != model.currentQuery {
                model.searchGeneration += 1
                return fetchFirstPage(&model, env: env)
            }
            return .none

        case .searchDebounced(let generation):
            guard generation == model.searchGeneration else { return .none }
            let prefix = model.search.text.trimmingCharacters(in: .whitespaces)
            var effects = [fetchFirstPage(&model, env: env)]
            if prefix.count >= 2 {
                let client = env.client
                effects.append(.run { send in
                    let words = (try? await client.suggest(prefix: prefix))?.suggestions ?? []
                    send(.suggestionsLoaded(prefix: prefix, words))
                })
            } else {
                model.suggestions = []
            }
            return .batch(effects)

        case .suggestionsLoaded(let prefix, let words):
            guard prefix == model.search.text.trimmingCharacters(in: .whitespaces) else { return .none }
            model.suggestions = words.map(TerminalText.sanitize).filter { $0.lowercased() != prefix.lowercased() }
            return .none

        case .toggleFilterPanel:
            model.isFilterPanelOpen.toggle()
            model.filterList.setCount(model.facetEntries.count)
            return .none

        case .toggleFacet:
            let entries = model.facetEntries
            guard let index = model.filterList.selected, entries.indices.contains(index) else { return .none }
            model.filters.toggle(entries[index])
            return fetchFirstPage(&model, env: env)

        case .clearFilters:
            guard !model.filters.isEmpty else { return .none }
            let sort = model.filters.sort
            model.filters = CatalogFilters()
            model.filters.sort = sort
            return fetchFirstPage(&model, env: env)

        case .cycleSort:
            model.filters.sort = model.currentQuery.sort?.next ?? .newest
            return fetchFirstPage(&model, env: env)

        case .open:
            return .none
        }
    }

    private static func fetchFirstPage(_ model: inout CatalogModel, env: TUIEnvironment) -> Effect<CatalogAction> {
        let query = model.currentQuery
        model.loadedQuery = query
        model.isLoading = true
        model.isLoadingMore = false
        let client = env.client
        return .run { send in
            do {
                send(.loaded(query, cursor: nil, .success(try await client.products(query))))
            } catch {
                send(.loaded(query, cursor: nil, .failure(error)))
            }
        }
    }

    private static func loadMore(_ model: inout CatalogModel, env: TUIEnvironment) -> Effect<CatalogAction> {
        guard let cursor = model.nextCursor, !model.isLoading, !model.isLoadingMore, let base = model.loadedQuery else { return .none }
        model.isLoadingMore = true
        var next = base
        next.cursor = cursor
        next.facets = []
        let query = next
        let client = env.client
        return .run { send in
            do {
                send(.loaded(base, cursor: cursor, .success(try await client.products(query))))
            } catch {
                send(.loaded(base, cursor: cursor, .failure(error)))
            }
        }
    }

    /// Infinite scroll: near the end of what is loaded, fetch the next page.
    private static func maybeLoadMore(_ model: inout CatalogModel, env: TUIEnvironment) -> Effect<CatalogAction> {
        guard model.nextCursor != nil, model.list.isNearEnd(threshold: prefetchDistance) else { return .none }
        return loadMore(&model, env: env)
    }

    /// The screen's commands: keys, footer, help and palette all come from here.
    static func commands(_ model: CatalogModel) -> [Command<CatalogAction>] {
        var commands: [Command<CatalogAction>] = []
        // With the filter panel open, enter toggles a filter (below): no "open" in the
        // footer that enter does not do.
        if let product = model.selectedProduct, !model.isFilterPanelOpen {
            commands.append(Command("open", "Open the selected product", .open(product.id), footer: "open"))
        }
        commands += [
            Command("search", "Search the catalog", .focusSearch, footer: "search"),
            Command("filter", model.isFilterPanelOpen ? "Close the filter panel" : "Filter by category, shop, tag or stock", .toggleFilterPanel, footer: "filter"),
            Command("sort", "Change the sort order", .cycleSort, footer: "sort"),
            Command("clear-filters", "Clear all filters", .clearFilters),
            Command("refresh", "Reload the catalog", .load),
        ]
        if model.isFilterPanelOpen {
            commands.insert(Command("open", "Toggle the selected filter", .toggleFacet, footer: "toggle"), at: 0)
        }
        return commands
    }
}
