import MarketModels
import TerminalKit

/// Draws the level the vendor is on, and the dialog over it.
extension VendorScreen {
    static func draw(_ model: VendorModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        if let orders = model.shopOrders { return OrdersView.draw(orders, into: &buffer, area: area, theme: theme, tick: tick) }
        if let importer = model.importer { return ImportView.draw(importer, keys: model.keys, into: &buffer, area: area, theme: theme, tick: tick) }
        var cursor: Point?
        if let editor = model.editor {
            cursor = EditorView.draw(editor, keys: model.keys, into: &buffer, area: area, theme: theme, tick: tick, isFocused: model.dialog == nil)
        } else if let products = model.products {
            ProductsView.draw(products, deleting: model.deleting, keys: model.keys, into: &buffer, area: area, theme: theme, tick: tick, isFocused: model.dialog == nil)
        } else {
            cursor = ShopsView.draw(model, into: &buffer, area: area, theme: theme, tick: tick)
        }
        guard let dialog = model.dialog else { return cursor }
        return DialogView.draw(dialog, into: &buffer, area: area, theme: theme)
    }

    /// One heading line: a title on the left, a status on the right (a spinner while
    /// loading, else the muted `detail`), or an error in its place.
    static func drawHeading(
        _ title: String, detail: String, error: String?, isLoading: Bool, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int
    ) {
        let used = buffer.write(title, in: area, style: theme[.title])
        if let error {
            buffer.write(TextLayout.truncate(error, to: max(0, area.width - used - 2)), in: area, column: used + 2, style: theme[.error])
            return
        }
        let status = isLoading ? Spinner(tick: tick).frame + " loading" + (detail.isEmpty ? "" : "  " + detail) : detail
        let width = DisplayWidth.of(status)
        let column = max(used + 2, area.width - width)
        buffer.write(TextLayout.truncate(status, to: max(0, area.width - column)), in: area, column: column, style: theme[.muted])
    }
}

/// The dialogs over the vendor screens.
enum DialogView {
    static func draw(_ dialog: VendorDialog, into buffer: inout CellBuffer, area: Rect, theme: Theme) -> Point? {
        switch dialog {
        case .confirmDelete(_, let title, let buttons):
            let message = "Delete “\(title)”? It leaves the catalog at once; orders that include it keep their copy."
            Modal(title: "Delete product", message: message, state: buttons, isAlert: true).render(into: &buffer, area: area, theme: theme)
            return nil
        case .confirmDiscard(let target, let buttons):
            let what = target == .editor ? "this product" : "the new shop"
            Modal(title: "Discard changes", message: "Throw away what you typed for \(what)?", state: buttons).render(into: &buffer, area: area, theme: theme)
            return nil
        case .setStock(_, let label, let field, let error):
            let box = area.centered(width: min(60, area.width - 2), height: 7)
            let frame = Box(title: "Set stock", kind: .rounded, style: theme[.border], titleStyle: theme[.dialogTitle], fill: theme[.dialog])
            buffer.fill(box, style: theme[.dialog])
            frame.render(into: &buffer, area: box, theme: theme)
            let inner = frame.inner(box).inset(horizontal: 1)
            buffer.write(TextLayout.truncate("Stock of \(label):", to: inner.width), in: inner, style: theme[.dialog])
            let input = Rect(x: inner.x, y: inner.y + 1, width: min(16, inner.width), height: 1)
            TextField(state: field, placeholder: "0", isFocused: true).render(into: &buffer, area: input, theme: theme)
            if let error { buffer.write(TextLayout.truncate(error, to: inner.width), in: inner, row: 2, style: theme[.error]) }
            buffer.write("enter sets it · esc cancels", in: inner, row: 4, style: theme[.muted])
            return field.cursorPosition(in: input)
        }
    }
}
