import MarketClient
import MarketModels
import TerminalKit

/// The vendor's "My shops" tab: their shops, a shop's products with stock controls, and
/// the product editor. Update rules live in this file and its `VendorScreen+*.swift`
/// siblings (one per level), drawing in the `Vendor*View.swift` files.
enum VendorScreen {
    static func update(_ model: inout VendorModel, _ action: VendorAction, env: TUIEnvironment) -> Effect<VendorAction> {
        switch action {
        case .appear(let ownerID):
            if model.ownerID != ownerID {
                model = VendorModel()
                model.ownerID = ownerID
            }
            model.keys = KeyLabels(keymap: env.keymap)
            let resumed = resumeImport(&model, env: env)
            // Coming back to the tab keeps where the vendor was; ctrl-r reloads.
            guard !model.shops.hasLoaded, !model.shops.isLoading else { return resumed }
            return .batch([resumed, loadShops(&model, env: env)])

        case .edit(let event):
            if model.shopOrders != nil { return ordersAction(&model, .edit(event), env: env) }
            if model.importer != nil { return importInput(&model, event, env: env) }
            if model.dialog != nil { return dialogInput(&model, event, env: env) }
            if model.editor != nil { return editorInput(&model, event, env: env) }
            if model.shopForm != nil { return shopFormInput(&model, event, env: env) }
            return .none

        case .key(let press):
            if model.shopOrders != nil { return ordersAction(&model, .key(press), env: env) }
            if model.importer != nil {
                _ = model.importer?.errors.handle(.key(press), keymap: .navigation)
                return .none
            }
            if model.products != nil {
                guard model.products?.table.handle(.key(press), keymap: .navigation) ?? false else { return .none }
                return loadMoreProductsIfNeeded(&model, env: env)
            }
            guard model.shopTable.handle(.key(press), keymap: .navigation) else { return .none }
            return loadMoreShopsIfNeeded(&model, env: env)

        case .mouse(let mouse, let body):
            return mouseInput(&model, mouse, body: body, env: env)

        case .failed, .toast:
            return .none  // the app has shown or handled them

        case .refresh:
            if model.shopOrders != nil { return ordersAction(&model, .refresh, env: env) }
            if model.importer != nil { return resumeImport(&model, env: env) }
            return model.products != nil ? loadProducts(&model, env: env) : loadShops(&model, env: env)

        case .shopsLoaded(let cursor, let generation, .success(let page)):
            let shops = page.items.map(ShopDTO.sanitizedForTerminal)
            guard model.shops.receive(shops, nextCursor: page.nextCursor, cursor: cursor, generation: generation) else { return .none }
            model.shopTable.setRowCount(model.shops.items.count)
            return loadMoreShopsIfNeeded(&model, env: env)
        case .shopsLoaded(let cursor, let generation, .failure(let error)):
            guard model.shops.fail(ErrorText.sentence(for: error), cursor: cursor, generation: generation) else { return .none }
            return emit(.failed(error))

        case .openShop:
            guard let shop = model.selectedShop else { return .none }
            model.products = ShopProductsModel(shop: shop)
            return loadProducts(&model, env: env)

        case .newShop:
            model.shopForm = ShopFormModel()
            return .none
        case .submitShop:
            return submitShop(&model, env: env)
        case .shopCreated(.success(let shop)):
            let clean = ShopDTO.sanitizedForTerminal(shop)
            model.shopForm = nil
            // The list is oldest first, so a new shop goes last; it is selected so Enter opens it.
            model.shops.items.append(clean)
            model.shopTable.setRowCount(model.shops.items.count)
            if let index = model.shopOrder.firstIndex(where: { model.shops.items[$0].id == clean.id }) { model.shopTable.rows.select(index) }
            return emit(.toast("Opened your shop “\(clean.name)”.", .success))
        case .shopCreated(.failure(let error)):
            guard var form = model.shopForm else { return emit(.failed(error)) }
            form.isSubmitting = false
            let fieldErrors = ErrorText.fieldErrors(for: error)
            let unplaced = fieldErrors.isEmpty ? [] : form.show(fieldErrors)
            form.form.formError = unplaced.first ?? ErrorText.sentence(for: error)
            model.shopForm = form
            return emit(.failed(error))

        case .cycleSort:
            // A new order starts at its top (the table's own rule); changes within an order
            // keep the selection instead (`keepingSelection`).
            if model.products != nil {
                model.products?.table.stepSort()
                return loadMoreProductsIfNeeded(&model, env: env)
            }
            model.shopTable.stepSort()
            return loadMoreShopsIfNeeded(&model, env: env)

        case .productsLoaded(let shopID, let cursor, let generation, let result):
            return productsLoaded(&model, shopID: shopID, cursor: cursor, generation: generation, result, env: env)
        case .newProduct:
            guard let products = model.products else { return .none }
            model.editor = ProductEditorModel(shop: products.shop, product: nil)
            return .none
        case .editProduct:
            guard let products = model.products, let product = products.selectedProduct else { return .none }
            model.editor = ProductEditorModel(shop: products.shop, product: product)
            return .none
        case .askDelete:
            guard let product = model.products?.selectedProduct, !model.deleting.contains(product.id) else { return .none }
            model.dialog = .confirmDelete(product.id, title: product.title, buttons: ModalState(buttons: ["Delete", "Cancel"], focused: 1))
            return .none
        case .deleted(let id, let title, let result):
            model.deleting.remove(id)
            switch result {
            case .success:
                model.products?.remove(id)
                return emit(.toast("Deleted “\(title)”.", .success))
            case .failure(let error):
                return emit(.toast("“\(title)” was not deleted: \(ErrorText.sentence(for: error))", .error), .failed(error))
            }
        case .adjustStock(let delta):
            guard let products = model.products, let product = products.selectedProduct else { return .none }
            guard let key = products.selectedStockKey else {
                return emit(.toast("“\(product.title)” has variants: select one of the rows under it to change its stock.", .info))
            }
            return startStockChange(&model, key: key, delta: delta, env: env)
        case .stockAnswered(let productID, let variantID, let sequence, let result):
            return stockAnswered(&model, StockKey(productID: productID, variantID: variantID), sequence: sequence, result)
        case .askSetStock:
            return askSetStock(&model)

        case .save:
            return saveProduct(&model, env: env)
        case .saved(let result):
            return productSaved(&model, result)
        case .addVariant:
            guard var editor = model.editor, !editor.isSaving else { return .none }
            editor.variantDialog = VariantDialog(index: nil, draft: VariantDraft(), currency: editor.currency)
            model.editor = editor
            return .none
        case .editVariant:
            guard var editor = model.editor, !editor.isSaving, let index = editor.selectedVariant else { return .none }
            editor.variantDialog = VariantDialog(index: index, draft: editor.variants[index], currency: editor.currency)
            model.editor = editor
            return .none
        case .removeVariant:
            guard var editor = model.editor, !editor.isSaving, let index = editor.selectedVariant else { return .none }
            editor.removeVariant(at: index)
            model.editor = editor
            return .none

        case .openImport, .startImport, .importUploaded, .pollImport, .importStatus, .disappear:
            return importAction(&model, action, env: env)

        case .openOrders:
            return openOrders(&model, env: env)
        case .orders(let inner):
            return ordersAction(&model, inner, env: env)

        case .back:
            if model.shopOrders != nil { return ordersAction(&model, .back, env: env) }
            return back(&model)
        }
    }

    /// Up one level; unsaved work is asked about first.
    static func back(_ model: inout VendorModel) -> Effect<VendorAction> {
        if let importer = model.importer {
            // A file on its way is not abandoned halfway; once it is on the server, closing
            // only stops watching (pending status answers are dropped with the model).
            if case .uploading = importer.phase { return .none }
            model.importer = nil
            return .none
        }
        if model.dialog != nil {
            model.dialog = nil
            return .none
        }
        if var editor = model.editor {
            guard !editor.isSaving else { return .none }
            if editor.variantDialog != nil {
                editor.variantDialog = nil
                model.editor = editor
            } else if editor.isDirty {
                model.dialog = .confirmDiscard(.editor, buttons: ModalState(buttons: ["Discard", "Keep editing"], focused: 1))
            } else {
                model.editor = nil
            }
            return .none
        }
        if let form = model.shopForm {
            guard !form.isSubmitting else { return .none }
            if form.isDirty {
                model.dialog = .confirmDiscard(.shopForm, buttons: ModalState(buttons: ["Discard", "Keep editing"], focused: 1))
            } else {
                model.shopForm = nil
            }
            return .none
        }
        model.products = nil
        return .none
    }

    // MARK: Shops

    static func loadShops(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard let ownerID = model.ownerID else { return .none }
        let generation = model.shops.beginReload()
        let client = env.client
        return .run { send in
            do {
                send(.shopsLoaded(cursor: nil, generation: generation, .success(try await client.shops(ownerId: ownerID, limit: 100))))
            } catch {
                send(.shopsLoaded(cursor: nil, generation: generation, .failure(error)))
            }
        }
    }

    /// Vendors have a handful of shops, but a sorted table must sort all of them, so with a
    /// sort on, the remaining pages are fetched too.
    static func loadMoreShopsIfNeeded(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard let ownerID = model.ownerID, model.shops.hasMore,
              model.shopTable.sort != nil || model.shopTable.rows.isNearEnd(threshold: 5),
              let cursor = model.shops.beginLoadMore()
        else { return .none }
        let generation = model.shops.generation
        let client = env.client
        return .run { send in
            do {
                send(.shopsLoaded(cursor: cursor, generation: generation, .success(try await client.shops(ownerId: ownerID, limit: 100, cursor: cursor))))
            } catch {
                send(.shopsLoaded(cursor: cursor, generation: generation, .failure(error)))
            }
        }
    }

    static func shopFormInput(_ model: inout VendorModel, _ event: InputEvent, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var form = model.shopForm, !form.isSubmitting else { return .none }
        if case .key(let press) = event, env.keymap.matches(press, "save") { return submitShop(&model, env: env) }
        let before = form.form.focusedField
        switch form.form.handle(event) {
        case .submitted, .invalid:
            model.shopForm = form
            return submitShop(&model, env: env)
        case .cancelled:
            model.shopForm = form
            return back(&model)
        case .handled, .ignored:
            break
        }
        // Leaving a field checks it, so a mistake shows before submitting.
        if let before, before != form.form.focusedField {
            if case .failure(let problems) = form.request() { form.show(problems.messages, only: before) } else { form.form.setError(nil, for: before) }
        }
        model.shopForm = form
        return .none
    }

    static func submitShop(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var form = model.shopForm, !form.isSubmitting else { return .none }
        form.form.formError = nil
        switch form.request() {
        case .failure(let problems):
            let unplaced = form.show(problems.messages)
            form.form.formError = unplaced.first
            model.shopForm = form
            return .none
        case .success(let request):
            form.isSubmitting = true
            model.shopForm = form
            let client = env.client
            return .run { send in
                do { send(.shopCreated(.success(try await client.createShop(request)))) } catch { send(.shopCreated(.failure(error))) }
            }
        }
    }

    // MARK: Shared

    /// An effect that sends `actions` back at once: toasts and `.failed` for the app.
    static func emit(_ actions: VendorAction...) -> Effect<VendorAction> { .sending(actions) }
}
