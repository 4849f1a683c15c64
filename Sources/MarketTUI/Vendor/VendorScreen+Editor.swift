import MarketClient
import MarketModels
import TerminalKit

/// The product editor's keys, saving, and the server's answer.
extension VendorScreen {
    /// Every key while the editor is open. The editor reads them itself in three places:
    /// the variant dialog, the variants list, and the product's fields.
    static func editorInput(_ model: inout VendorModel, _ event: InputEvent, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var editor = model.editor else { return .none }
        // While a save is out, what is on screen is what was sent: typing waits.
        guard !editor.isSaving else { return .none }
        let press: KeyPress? = if case .key(let press) = event { press } else { nil }

        if var dialog = editor.variantDialog {
            if let press, env.keymap.matches(press, "save") { return saveProduct(&model, env: env) }
            switch dialog.form.handle(event) {
            case .submitted, .invalid:
                editor.variantDialog = dialog
                _ = commitVariantDialog(&editor)
            case .cancelled:
                editor.variantDialog = nil
            case .handled, .ignored:
                editor.variantDialog = dialog
            }
            model.editor = editor
            return .none
        }

        if editor.focus == .variants {
            guard let press else { return .none }
            let last = editor.form.fields.count - 1
            switch (press.key, press.modifiers) {
            case (.tab, []):
                editor.focus = .fields
                editor.form.focus(editor.form.fields[0].id)
            case (.tab, .shift):
                editor.focus = .fields
                editor.form.focus(editor.form.fields[last].id)
            case (.up, []) where (editor.variantTable.selected ?? 0) == 0:
                editor.focus = .fields
                editor.form.focus(editor.form.fields[last].id)
            default:
                if editor.variantTable.handle(.key(press), keymap: .navigation) { break }
                model.editor = editor
                guard let action = commands(model).action(for: press, keymap: env.keymap) else { return .none }
                return update(&model, action, env: env)
            }
            model.editor = editor
            return .none
        }

        // The product's fields.
        if let press {
            if env.keymap.matches(press, "save") { return saveProduct(&model, env: env) }
            let isLast = editor.form.focus == editor.form.fields.count - 1
            switch (press.key, press.modifiers) {
            case (.escape, []):
                return back(&model)
            case (.tab, []) where isLast, (.down, []) where isLast, (.tab, .shift) where editor.form.focus == 0:
                // The variants list is the last stop of the focus ring.
                editor.revalidate(editor.form.focusedField)
                editor.focus = .variants
                model.editor = editor
                return .none
            case (.left, []) where editor.form.focusedField == ProductEditorModel.Field.status:
                editor.stepStatus(by: -1)
                model.editor = editor
                return .none
            case (.right, []) where editor.form.focusedField == ProductEditorModel.Field.status:
                editor.stepStatus(by: 1)
                model.editor = editor
                return .none
            default:
                break
            }
        }
        let before = editor.form.focusedField
        switch editor.form.handle(event) {
        case .submitted, .invalid:
            // Enter on the last field saves.
            model.editor = editor
            return saveProduct(&model, env: env)
        case .cancelled:
            model.editor = editor
            return back(&model)
        case .handled, .ignored:
            break
        }
        if before != editor.form.focusedField { editor.revalidate(before) }
        model.editor = editor
        return .none
    }

    /// Keeps the variant in the dialog when it passes its checks; false (with the
    /// messages showing) when it does not.
    static func commitVariantDialog(_ editor: inout ProductEditorModel) -> Bool {
        guard var dialog = editor.variantDialog else { return true }
        guard let draft = dialog.validated(currency: editor.currency) else {
            editor.variantDialog = dialog
            return false
        }
        editor.commitVariant(draft, at: dialog.index)
        editor.variantDialog = nil
        editor.focus = .variants
        return true
    }

    static func saveProduct(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var editor = model.editor, !editor.isSaving else { return .none }
        guard commitVariantDialog(&editor), let request = editor.validatedRequest() else {
            if editor.variantDialog == nil { editor.message = "Please correct the highlighted fields." }
            model.editor = editor
            return .none
        }
        let client = env.client
        switch request {
        case .unchanged:
            model.editor = nil
            return emit(.toast("Nothing to save: no changes.", .info))
        case .create(let body):
            editor.isSaving = true
            model.editor = editor
            let shopID = editor.shop.id
            return .run { send in
                do { send(.saved(.success(try await client.createProduct(shopId: shopID, body)))) } catch { send(.saved(.failure(error))) }
            }
        case .update(let id, let body):
            editor.isSaving = true
            model.editor = editor
            return .run { send in
                do { send(.saved(.success(try await client.updateProduct(id, body)))) } catch { send(.saved(.failure(error))) }
            }
        }
    }

    static func productSaved(_ model: inout VendorModel, _ result: Result<ProductDTO, any Error>) -> Effect<VendorAction> {
        switch result {
        case .success(let product):
            let clean = ProductDTO.sanitizedForTerminal(product)
            if model.products?.shop.id == clean.shopId {
                model.products?.upsert(clean)
                model.products?.select(productID: clean.id)
            }
            let wasNew = model.editor?.isNew ?? false
            model.editor = nil
            return emit(.toast(wasNew ? "Added “\(clean.title)”." : "Saved “\(clean.title)”.", .success))
        case .failure(let error):
            guard var editor = model.editor else { return emit(.failed(error)) }
            editor.isSaving = false
            // Nothing typed is touched: only the messages change.
            let fieldErrors = ErrorText.fieldErrors(for: error)
            let unplaced = editor.apply(fieldErrors)
            if fieldErrors.isEmpty {
                editor.message = ErrorText.sentence(for: error)
            } else {
                editor.message = unplaced.first ?? "Not saved: the server did not accept what is marked below."
            }
            model.editor = editor
            return emit(.failed(error))
        }
    }
}
