import MarketModels
import TerminalKit

/// One shop's products: a heading with the count and sort, and the table with each
/// product's variants indented under it.
enum ProductsView {
    static func tableArea(_ body: Rect) -> Rect {
        Layout.rows([.fixed(1), .fill], in: body.inset(horizontal: 1))[1]
    }

    static func draw(
        _ model: ShopProductsModel, deleting: Set<ProductID>, keys: KeyLabels, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int,
        isFocused: Bool
    ) {
        let heading = Layout.rows([.fixed(1), .fill], in: area.inset(horizontal: 1))[0]
        var detail = "\(model.countLabel) · \(model.shop.currency.code)"
        if let sort = model.table.sortLabel { detail += " · " + sort }
        if model.stock.hasPending || !deleting.isEmpty { detail = Spinner(tick: tick).frame + " saving  " + detail }
        VendorScreen.drawHeading(
            model.shop.name, detail: detail, error: model.page.errorMessage, isLoading: model.page.isBusy,
            into: &buffer, area: heading, theme: theme, tick: tick)

        let table = tableArea(area)
        let rows = model.rows
        let empty = model.page.hasLoaded ? "No products yet. Press \(keys.new) to add the first one." : Spinner(tick: tick).frame + " Loading products…"
        Table(rows: rows.map(model.cells), state: model.table, isFocused: isFocused, emptyText: empty)
            .render(into: &buffer, area: table, theme: theme)

        // Colour by meaning after the table has drawn the text: drafts and archived
        // products, low and empty stock, variant rows a step back.
        let body = Rect(x: table.x, y: table.y + 1, width: table.width, height: table.height - 1)
        let columns = model.table.columnRects(in: table)
        var selection = model.table.rows
        if selection.count != rows.count { selection.setCount(rows.count) }
        for (line, index) in selection.visibleRange(height: body.height).enumerated() {
            func cell(_ column: Int) -> Rect { Rect(x: columns[column].x, y: body.y + line, width: columns[column].width, height: 1) }
            let row = rows[index]
            let product = model.products[row.productIndex]
            let stock: Int
            switch row {
            case .product:
                stock = model.displayStock(product)
                switch product.status {
                case .draft: buffer.restyle(cell(1), with: theme[.warning])
                case .archived: buffer.restyle(cell(1), with: theme[.muted])
                case .active: break
                }
                if deleting.contains(product.id) { buffer.restyle(cell(0), with: theme[.muted]) }
            case .variant(_, let variantIndex):
                stock = model.displayStock(product, variant: product.variants[variantIndex])
                buffer.restyle(cell(0), with: theme[.muted])
            }
            if stock == 0 {
                buffer.restyle(cell(3), with: theme[.stockOut])
            } else if stock <= 5 {
                buffer.restyle(cell(3), with: theme[.stockLow])
            }
        }
        if model.page.isLoadingMore, body.height > 0 {
            let note = Spinner(tick: tick).frame + " loading more"
            buffer.write(note, x: body.maxX - DisplayWidth.of(note) - 1, y: body.maxY - 1, style: theme[.muted])
        }
    }
}
