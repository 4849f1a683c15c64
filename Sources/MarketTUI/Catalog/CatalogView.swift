import MarketModels
import TerminalKit

/// Draws the catalog: search line, filter line, the product list (and the filter panel).
enum CatalogView {
    /// Where the list went on the last frame's layout, for mouse hits. Pure function of
    /// the area, so update and view agree without storing it.
    static func listArea(in area: Rect, model: CatalogModel) -> Rect {
        let rows = Layout.rows([.fixed(1), .fixed(1), .fill], in: area)
        guard model.isFilterPanelOpen else { return rows[2] }
        return Layout.columns([.fixed(min(32, area.width / 3)), .fill], in: rows[2], spacing: 1)[1]
    }

    static func panelArea(in area: Rect) -> Rect {
        let rows = Layout.rows([.fixed(1), .fixed(1), .fill], in: area)
        return Layout.columns([.fixed(min(32, area.width / 3)), .fill], in: rows[2], spacing: 1)[0]
    }

    static func draw(_ model: CatalogModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let rows = Layout.rows([.fixed(1), .fixed(1), .fill], in: area)
        let cursor = drawSearchLine(model, into: &buffer, area: rows[0], theme: theme, tick: tick)
        drawFilterLine(model, into: &buffer, area: rows[1], theme: theme)
        if model.isFilterPanelOpen {
            drawFilterPanel(model, into: &buffer, area: panelArea(in: area), theme: theme)
        }
        drawList(model, into: &buffer, area: listArea(in: area, model: model), theme: theme, tick: tick)
        return cursor
    }

    private static func drawSearchLine(_ model: CatalogModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let sort = model.currentQuery.sort?.label ?? "newest"
        var status = "sort: \(sort)"
        if model.layout == .grid { status = "grid · " + status }
        if model.isLoading { status = Spinner(tick: tick).frame + " loading  " + status }
        let statusWidth = DisplayWidth.of(status)
        let columns = Layout.columns([.fixed(8), .fill, .fixed(statusWidth + 2)], in: area)
        buffer.write("Search ", in: columns[0], style: model.isSearchFocused ? theme[.accent] : theme[.muted])
        let field = TextField(state: model.search, placeholder: "type / to search products", isFocused: model.isSearchFocused)
        field.render(into: &buffer, area: columns[1], theme: theme)
        buffer.write(status, in: columns[2], column: 2, style: theme[.muted])
        return model.isSearchFocused ? model.search.cursorPosition(in: columns[1]) : nil
    }

    private static func drawFilterLine(_ model: CatalogModel, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        if model.isSearchFocused, !model.suggestions.isEmpty {
            buffer.write("Suggestions: " + model.suggestions.prefix(6).joined(separator: " · "), in: area, style: theme[.muted])
            return
        }
        let shopNames = Dictionary((model.facets?.shop ?? []).map { ($0.value, $0.label ?? $0.value) }, uniquingKeysWith: { a, _ in a })
        let filters = model.filters.summary(shopNames: shopNames)
        let more = model.nextCursor != nil
        // "1 product", but "1+ products": more are coming.
        let noun = model.items.count == 1 && !more ? "product" : "products"
        var left = model.items.isEmpty && !model.isLoading ? "No products" : "\(model.items.count)\(more ? "+" : "") \(noun)"
        if let query = model.loadedQuery?.q { left += " for “\(TerminalText.sanitize(query))”" }
        if !filters.isEmpty { left += "  ·  filters: " + filters }
        if let error = model.errorMessage {
            buffer.write(error, in: area, style: theme[.error])
        } else {
            buffer.write(left, in: area, style: theme[.muted])
        }
    }

    private static func drawFilterPanel(_ model: CatalogModel, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let box = Box(title: "Filters")
        box.render(into: &buffer, area: area, theme: theme)
        let inner = box.inner(area)
        let entries = model.facetEntries
        ListView(entries, state: model.filterList) { buffer, row, entry, _, theme in
            let mark = model.filters.isActive(entry) ? "[x] " : "[ ] "
            let count = entry.count.map { " \($0)" } ?? ""
            let columns = Layout.columns([.fill, .fixed(DisplayWidth.of(count))], in: row)
            buffer.write(mark + entry.label, in: columns[0], style: theme[.text])
            buffer.write(count, in: columns[1], style: theme[.muted])
        }.render(into: &buffer, area: inner, theme: theme)
    }

    /// Column layout of product rows: title, shop (with the category on wide terminals),
    /// stock, price. One column for shop and category rather than two: a row with fewer
    /// gaps costs fewer bytes to redraw.
    /// `row` is an item's row, right of the list's two-column marker: 118 columns is a
    /// 120-column terminal.
    static func rowColumns(_ row: Rect) -> [Rect] {
        if row.width >= 118 {
            return Layout.columns([.fill(min: 20), .fixed(44), .fixed(12), .fixed(14)], in: row, spacing: 1)
        }
        return Layout.columns([.fill(min: 16), .fixed(min(20, row.width / 4)), .fixed(9), .fixed(13)], in: row, spacing: 1)
    }

    /// `ListView`'s default marker, "▸ ".
    static let listMarkerWidth = 2

    private static func drawList(_ model: CatalogModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        guard !area.isEmpty else { return }
        if model.layout == .grid { return drawGrid(model, into: &buffer, area: area, theme: theme, tick: tick) }
        let rows = Layout.rows([.fixed(1), .fill], in: area)
        // Laid out like the items, which start after the list's "▸ " marker: measured on
        // the full width, a 120-column header took the wide layout over narrow rows and
        // the titles stood under the wrong columns.
        let header = rowColumns(Rect(x: rows[0].x + listMarkerWidth, y: rows[0].y, width: max(0, rows[0].width - listMarkerWidth), height: 1))
        let wide = header[1].width >= 44
        let titles = ["Product", wide ? "Shop · category" : "Shop", "Stock", "Price"]
        for (index, title) in titles.enumerated() {
            writeAligned(title, in: header[index], right: index >= 2, style: theme[.tableHeader], into: &buffer)
        }
        if model.items.isEmpty {
            let message = model.isLoading ? Spinner(tick: tick).frame + " Loading products…" : (model.errorMessage == nil ? "Nothing matches. Try other words or clear the filters (x)." : "")
            buffer.write(message, in: rows[1], row: 1, column: 2, style: theme[.muted])
            return
        }
        let items = model.items
        let focused = !model.isFilterPanelOpen && !model.isSearchFocused
        ListView(items, state: model.list, isFocused: focused) { buffer, row, product, _, theme in
            let columns = rowColumns(row)
            // The blanks between columns take the muted style of the columns around them,
            // so redrawing a row (the selection moving) needs fewer colour switches: about
            // a fifth fewer bytes to the terminal, with nothing visible changed.
            buffer.fill(Rect(x: columns[1].x - 1, y: row.y, width: row.maxX - columns[1].x + 1, height: 1), style: theme[.muted])
            buffer.write(TextLayout.truncate(product.title, to: columns[0].width), in: columns[0], style: theme[.text])
            var shop = product.shop.name
            if columns[1].width >= 44, let category = product.category { shop += " · " + category }
            buffer.write(TextLayout.truncate(shop, to: columns[1].width), in: columns[1], style: theme[.muted])
            // Stock before price: the bold price last in the row saves an attribute reset
            // per redrawn row.
            let (stock, role) = stockLabel(product.inventoryCount)
            writeAligned(stock, in: columns[2], right: true, style: theme[role], into: &buffer)
            writeAligned(product.price.formatted, in: columns[3], right: true, style: theme[.price], into: &buffer)
        }.render(into: &buffer, area: rows[1], theme: theme)
        if model.isLoadingMore, rows[1].height > 0 {
            let note = Spinner(tick: tick).frame + " loading more"
            buffer.write(note, x: rows[1].maxX - DisplayWidth.of(note) - 1, y: rows[1].maxY - 1, style: theme[.muted])
        }
    }

    /// The grid layout: cards of title, shop, and price with stock, side by side, the
    /// selected one marked and highlighted like a list row.
    private static func drawGrid(_ model: CatalogModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        if model.items.isEmpty {
            let message = model.isLoading ? Spinner(tick: tick).frame + " Loading products…" : (model.errorMessage == nil ? "Nothing matches. Try other words or clear the filters (x)." : "")
            buffer.write(message, in: area, row: 1, column: 2, style: theme[.muted])
            return
        }
        let grid = CatalogGrid(area: area)
        var state = model.list
        if state.count != model.items.count { state.setCount(model.items.count) }
        let firstRow = grid.firstRow(state)
        let focused = !model.isFilterPanelOpen && !model.isSearchFocused
        let first = firstRow * grid.columns
        let last = min(model.items.count, first + grid.cardsPerPage)
        for index in first..<max(first, last) {
            guard let card = grid.cardArea(index, firstRow: firstRow) else { continue }
            drawCard(model.items[index], into: &buffer, area: card, isSelected: index == state.selected, isFocused: focused, theme: theme)
        }
        if model.isLoadingMore {
            let note = Spinner(tick: tick).frame + " loading more"
            buffer.write(note, x: area.maxX - DisplayWidth.of(note) - 1, y: area.maxY - 1, style: theme[.muted])
        }
    }

    private static func drawCard(_ product: ProductDTO, into buffer: inout CellBuffer, area: Rect, isSelected: Bool, isFocused: Bool, theme: Theme) {
        buffer.fill(area, style: theme[.text])
        let body = area.droppingLeft(listMarkerWidth)
        if isSelected { buffer.write("▸ ", in: area.row(0), style: theme[.accent]) }
        // The title on two lines, word-wrapped, the second cut with "…" if need be.
        var title = TextLayout.wrap(product.title, width: body.width)
        if title.count > 2 { title = [title[0], TextLayout.truncate(title[1...].joined(separator: " "), to: body.width)] }
        for (line, text) in title.prefix(min(2, area.height)).enumerated() {
            buffer.write(TextLayout.truncate(text, to: body.width), in: body.row(line), style: theme[.text])
        }
        if area.height > 2 {
            buffer.write(TextLayout.truncate(product.shop.name, to: body.width), in: body.row(2), style: theme[.muted])
        }
        if area.height > 3 {
            let line = body.row(3)
            let price = product.price.formatted
            buffer.write(price, in: line, style: theme[.price])
            let (stock, role) = stockLabel(product.inventoryCount)
            let room = line.width - DisplayWidth.of(price) - 1
            if room >= DisplayWidth.of(stock) { writeAligned(stock, in: line, right: true, style: theme[role], into: &buffer) }
        }
        if isSelected { buffer.restyle(area, with: isFocused ? theme[.selection] : theme[.selectionInactive]) }
    }

    static func stockLabel(_ count: Int) -> (String, ThemeRole) {
        switch count {
        case ..<1: ("sold out", .stockOut)
        case 1...5: ("\(count) left", .stockLow)
        default: ("\(count)", .text)
        }
    }

    static func writeAligned(_ text: String, in area: Rect, right: Bool, style: Style, into buffer: inout CellBuffer) {
        let width = DisplayWidth.of(text)
        let column = right ? max(0, area.width - width) : 0
        buffer.write(text, in: area, column: column, style: style)
    }
}
