import MarketClient
import MarketModels
import TerminalKit

/// Dialogs (confirmations, set stock), the mouse, and the commands of each level.
extension VendorScreen {
    static func dialogInput(_ model: inout VendorModel, _ event: InputEvent, env: TUIEnvironment) -> Effect<VendorAction> {
        switch model.dialog {
        case .confirmDelete(let id, let title, var buttons)?:
            switch buttons.handle(event) {
            case .chosen(0):
                model.dialog = nil
                model.deleting.insert(id)
                let client = env.client
                return .run { send in
                    do {
                        try await client.deleteProduct(id)
                        send(.deleted(id, title: title, .success(())))
                    } catch {
                        send(.deleted(id, title: title, .failure(error)))
                    }
                }
            case .chosen, .cancelled:
                model.dialog = nil
            case .pending:
                model.dialog = .confirmDelete(id, title: title, buttons: buttons)
            }
            return .none

        case .confirmDiscard(let target, var buttons)?:
            switch buttons.handle(event) {
            case .chosen(0):
                model.dialog = nil
                switch target {
                case .editor: model.editor = nil
                case .shopForm: model.shopForm = nil
                }
            case .chosen, .cancelled:
                model.dialog = nil
            case .pending:
                model.dialog = .confirmDiscard(target, buttons: buttons)
            }
            return .none

        case .setStock(let key, let label, var field, _)?:
            if case .key(let press) = event {
                switch (press.key, press.modifiers) {
                case (.escape, []):
                    model.dialog = nil
                    return .none
                case (.enter, []):
                    switch CountText.parse(field.text) {
                    case .failure(let problem):
                        model.dialog = .setStock(key, label: label, field: field, error: problem.message)
                        return .none
                    case .success(let target):
                        model.dialog = nil
                        guard let products = model.products, let current = currentStock(products, key) else { return .none }
                        return startStockChange(&model, key: key, delta: target - current, env: env)
                    }
                default:
                    break
                }
            }
            // Digits only; anything else a field would take is left out rather than
            // refused after the fact.
            if case .key(let press) = event, case .character(let c) = press.key, press.modifiers.isEmpty, !c.isASCIIDigit { return .none }
            if case .paste(let text) = event, !text.allSatisfy(\.isASCIIDigit) { return .none }
            if field.handle(event) { model.dialog = .setStock(key, label: label, field: field, error: nil) }
            return .none

        case nil:
            return .none
        }
    }

    static func mouseInput(_ model: inout VendorModel, _ mouse: MouseEvent, body: Rect, env: TUIEnvironment) -> Effect<VendorAction> {
        if model.shopOrders != nil { return ordersAction(&model, .mouse(mouse, body: body), env: env) }
        if let importer = model.importer {
            let area = ImportView.errorsArea(body, count: importer.status?.errors.count ?? 0)
            _ = model.importer?.errors.handle(.mouse(mouse), area: area, keymap: .navigation)
            return .none
        }
        guard model.dialog == nil else { return .none }
        if var editor = model.editor {
            guard editor.variantDialog == nil, !editor.isSaving else { return .none }
            let layout = EditorView.layout(body, editor: editor)
            if editor.form.handle(.mouse(mouse), area: layout.form) == .handled {
                editor.focus = .fields
            } else if editor.variantTable.handle(.mouse(mouse), area: layout.variants), case .press = mouse.kind {
                editor.focus = .variants
            }
            model.editor = editor
            return .none
        }
        if var form = model.shopForm {
            _ = form.form.handle(.mouse(mouse), area: ShopsView.formArea(body))
            model.shopForm = form
            return .none
        }
        if var products = model.products {
            guard products.table.handle(.mouse(mouse), area: ProductsView.tableArea(body), keymap: .navigation) else { return .none }
            model.products = products
            return loadMoreProductsIfNeeded(&model, env: env)
        }
        guard model.shopTable.handle(.mouse(mouse), area: ShopsView.tableArea(body), keymap: .navigation) else { return .none }
        return loadMoreShopsIfNeeded(&model, env: env)
    }

    // MARK: Commands

    static func commands(_ model: VendorModel) -> [Command<VendorAction>] {
        if let orders = model.shopOrders {
            let back = model.products == nil ? "Back to your shops" : "Back to the shop's products"
            return OrdersScreen.commands(orders, closeTitle: back).map { $0.map(VendorAction.orders) }
        }
        if let importer = model.importer { return importCommands(importer) }
        if let dialog = model.dialog {
            switch dialog {
            case .setStock: return [Command("back", "Close without changing the stock", .back, footer: "cancel")]
            case .confirmDelete, .confirmDiscard: return [Command("back", "Close the dialog", .back, footer: "cancel")]
            }
        }
        if let editor = model.editor { return editorCommands(editor) }
        if model.shopForm != nil {
            return [
                Command("save", "Open the shop", .submitShop, footer: "open shop"),
                Command("back", "Close the form", .back, footer: "cancel"),
            ]
        }
        if let products = model.products {
            var commands: [Command<VendorAction>] = [Command("back", "Back to your shops", .back, footer: "shops")]
            commands.append(Command("new", "Add a product to \(products.shop.name)", .newProduct, footer: "new"))
            if products.selectedProduct != nil {
                commands += [
                    Command("edit", "Edit the selected product", .editProduct, footer: "edit"),
                    Command("open", "Edit the selected product", .editProduct),
                    Command("stock-up", "Add one to the selected stock", .adjustStock(1), footer: "add 1"),
                    Command("stock-down", "Take one from the selected stock", .adjustStock(-1), footer: "take 1"),
                    Command("set-stock", "Set the selected stock to a number", .askSetStock, footer: "set stock"),
                    Command("delete", "Delete the selected product", .askDelete, footer: "delete"),
                ]
            }
            commands += [
                Command("sort", "Sort by the next column (again: the other way)", .cycleSort, footer: "sort"),
                Command("refresh", "Reload the products", .refresh),
                // No footer hint: the stock keys need the room more; help and the palette list these.
                Command("import", "Import products into \(products.shop.name) from a CSV file", .openImport),
                Command("orders", "Show the orders of \(products.shop.name)", .openOrders),
            ]
            return commands
        }
        var commands: [Command<VendorAction>] = []
        if let shop = model.selectedShop {
            commands.append(Command("open", "Show the shop's products", .openShop, footer: "products"))
            commands.append(Command("import", "Import products into \(shop.name) from a CSV file", .openImport, footer: "import"))
            commands.append(Command("orders", "Show the orders of \(shop.name)", .openOrders, footer: "orders"))
        }
        commands += [
            Command("new", "Open a new shop", .newShop, footer: "new shop"),
            Command("sort", "Sort by the next column (again: the other way)", .cycleSort, footer: "sort"),
            Command("refresh", "Reload your shops", .refresh),
        ]
        return commands
    }

    static func editorCommands(_ editor: ProductEditorModel) -> [Command<VendorAction>] {
        if editor.variantDialog != nil {
            return [
                Command("save", "Keep the variant and save the product", .save, footer: "save"),
                Command("back", "Close the variant without keeping changes", .back, footer: "cancel"),
            ]
        }
        let save = Command<VendorAction>("save", "Save the product", .save, footer: "save")
        let close = Command<VendorAction>("back", "Close the editor (asks before discarding changes)", .back, footer: "close")
        guard editor.focus == .variants else {
            // In a field, letters are text: the variant keys work from the list (tab
            // there), and from the palette under ids with no key.
            return [save, close, Command("add-variant", "Add a variant", .addVariant)]
        }
        var commands: [Command<VendorAction>] = [save, Command("new", "Add a variant", .addVariant, footer: "add variant")]
        if editor.selectedVariant != nil {
            commands += [
                Command("edit", "Edit the selected variant", .editVariant, footer: "edit"),
                Command("open", "Edit the selected variant", .editVariant),
                Command("delete", "Remove the selected variant", .removeVariant, footer: "remove"),
            ]
        }
        commands.append(close)
        return commands
    }
}
