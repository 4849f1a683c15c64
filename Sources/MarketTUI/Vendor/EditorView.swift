import MarketModels
import TerminalKit

/// The product editor: a heading and message line, the fields, and the variants below.
///
///     New product in Kiln & Co.                                  ctrl-o saves
///     ▸ Title        Speckled mug
///       Price (USD)  12.50
///     …
///     Variants (2) · n add · e edit · d remove · tab back to the fields
///       SKU          Options               Price   Stock
///     ▸ MUG-S        size=S                  —        4
enum EditorView {
    struct Layout {
        var heading: Rect
        var message: Rect
        var form: Rect
        var variantsHeading: Rect
        var variants: Rect
    }

    /// A pure function of the body area, so clicks land where the last frame drew.
    static func layout(_ body: Rect, editor: ProductEditorModel) -> Layout {
        let formHeight = editor.form.fields.count * 2
        let rows = TerminalKit.Layout.rows([.fixed(1), .fixed(1), .fixed(formHeight), .fixed(1), .fill], in: body.inset(horizontal: 1))
        return Layout(heading: rows[0], message: rows[1], form: rows[2], variantsHeading: rows[3], variants: rows[4])
    }

    static func draw(_ editor: ProductEditorModel, keys: KeyLabels, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int, isFocused: Bool) -> Point? {
        let layout = layout(area, editor: editor)
        let title = editor.isNew ? "New product in \(editor.shop.name)" : "Edit “\(editor.initialValues[ProductEditorModel.Field.title] ?? "")”"
        let status = editor.isSaving ? Spinner(tick: tick).frame + " saving…" : (editor.isDirty ? "unsaved · \(keys.save) saves" : "")
        VendorScreen.drawHeading(title, detail: status, error: nil, isLoading: false, into: &buffer, area: layout.heading, theme: theme, tick: tick)
        if let message = editor.message {
            buffer.write(TextLayout.truncate(message, to: layout.message.width), in: layout.message, style: theme[.error])
        }

        let fieldsFocused = isFocused && editor.focus == .fields && editor.variantDialog == nil && !editor.isSaving
        let form = Form(state: editor.form, isFocused: fieldsFocused)
        form.render(into: &buffer, area: layout.form, theme: theme)
        drawNotes(editor, form: form, into: &buffer, area: layout.form, theme: theme, fieldsFocused: fieldsFocused)
        var cursor = fieldsFocused ? form.cursorPosition(in: layout.form) : nil

        drawVariants(editor, keys: keys, into: &buffer, layout: layout, theme: theme, isFocused: isFocused && editor.focus == .variants && editor.variantDialog == nil)
        if let dialog = editor.variantDialog {
            cursor = drawVariantDialog(dialog, keys: keys, into: &buffer, area: area, theme: theme, isFocused: isFocused)
        }
        return cursor
    }

    /// Muted notes in the message rows of fields that have no error.
    private static func drawNotes(_ editor: ProductEditorModel, form: Form, into buffer: inout CellBuffer, area: Rect, theme: Theme, fieldsFocused: Bool) {
        func note(_ field: String, _ text: String) {
            guard editor.form.errors[field] == nil, let index = editor.form.fields.firstIndex(where: { $0.id == field }) else { return }
            let input = form.inputRect(index, in: area)
            let row = Rect(x: input.x, y: input.y + 1, width: input.width, height: 1)
            buffer.write(TextLayout.truncate(text, to: row.width), in: row, style: theme[.muted])
        }
        if !editor.variants.isEmpty {
            note(ProductEditorModel.Field.stock, "Not used: each variant has its own stock (below).")
        }
        if fieldsFocused, editor.form.focusedField == ProductEditorModel.Field.status {
            note(ProductEditorModel.Field.status, "←/→ choose · draft is hidden from buyers · enter saves")
        }
    }

    private static func drawVariants(_ editor: ProductEditorModel, keys: KeyLabels, into buffer: inout CellBuffer, layout: Layout, theme: Theme, isFocused: Bool) {
        let heading = "Variants (\(editor.variants.count))"
        let used = buffer.write(heading, in: layout.variantsHeading, style: isFocused ? theme[.accent] : theme[.title])
        let problem = editor.variantsMessage ?? editor.variants.enumerated().lazy.compactMap { index, draft in
            draft.firstError.map { "Variant \(index + 1) (\(draft.sku)): \($0)" }
        }.first
        let hint = isFocused ? "\(keys.new) add · \(keys.edit) edit · \(keys.delete) remove · tab back to the fields" : "tab to the list to add or change variants"
        let rest = Rect(x: layout.variantsHeading.x + used + 2, y: layout.variantsHeading.y, width: max(0, layout.variantsHeading.width - used - 2), height: 1)
        if let problem {
            buffer.write(TextLayout.truncate(problem, to: rest.width), in: rest, style: theme[.error])
        } else {
            buffer.write(TextLayout.truncate(hint, to: rest.width), in: rest, style: theme[.muted])
        }
        guard !editor.variants.isEmpty else {
            Paragraph("None: the product sells as one item with the stock above. Add variants for sizes, colours and the like.", style: theme[.muted])
                .render(into: &buffer, area: layout.variants.inset(horizontal: 2), theme: theme)
            return
        }
        Table(rows: editor.variants.map { $0.cells(currency: editor.currency) }, state: editor.variantTable, isFocused: isFocused)
            .render(into: &buffer, area: layout.variants, theme: theme)
        // Variants with a message are marked in the error colour.
        let body = Rect(x: layout.variants.x, y: layout.variants.y + 1, width: layout.variants.width, height: layout.variants.height - 1)
        let sku = editor.variantTable.columnRects(in: layout.variants)[0]
        for (line, index) in editor.variantTable.rows.visibleRange(height: body.height).enumerated() where !editor.variants[index].errors.isEmpty {
            buffer.restyle(Rect(x: sku.x, y: body.y + line, width: sku.width, height: 1), with: theme[.error])
        }
    }

    private static func drawVariantDialog(_ dialog: VariantDialog, keys: KeyLabels, into buffer: inout CellBuffer, area: Rect, theme: Theme, isFocused: Bool) -> Point? {
        let box = area.centered(width: min(70, area.width - 2), height: dialog.form.fields.count * 2 + 4)
        let frame = Box(title: dialog.index == nil ? "New variant" : "Variant \(dialog.index! + 1)", fill: theme[.dialog])
        buffer.fill(box, style: theme[.dialog])
        frame.render(into: &buffer, area: box, theme: theme)
        let rows = TerminalKit.Layout.rows([.fill, .fixed(1)], in: frame.inner(box).inset(horizontal: 1))
        let form = Form(state: dialog.form, isFocused: isFocused)
        form.render(into: &buffer, area: rows[0], theme: theme)
        buffer.write(TextLayout.truncate("enter on the last field keeps it · esc cancels · \(keys.save) saves the product", to: rows[1].width), in: rows[1], style: theme[.muted])
        return isFocused ? form.cursorPosition(in: rows[0]) : nil
    }
}
