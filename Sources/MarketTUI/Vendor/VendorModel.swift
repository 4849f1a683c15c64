import MarketClient
import MarketModels
import TerminalKit

/// The vendor's side, as one value: the shops list, the open shop's products, the product
/// editor over them, and at most one dialog over everything. Back walks up the same way:
/// dialog → editor → products → shops.
struct VendorModel {
    var ownerID: UserID?
    var shops = PagedItems<ShopDTO>()
    var shopTable = TableState(columns: Self.shopColumns)
    /// The "new shop" form, over the shops list.
    var shopForm: ShopFormModel?
    /// The shop opened from the list.
    var products: ShopProductsModel?
    var editor: ProductEditorModel?
    var dialog: VendorDialog?
    /// The CSV import, over the shops or products level it was opened from.
    var importer: ImportModel?
    /// The path of the last import, offered again the next time.
    var lastImportPath = ""
    /// A shop's order queue, over the level it was opened from.
    var shopOrders: OrdersModel?
    /// Products being deleted (their rows stay until the server agrees).
    var deleting: Set<ProductID> = []
    /// The keys hints on screen name, as the user's keymap binds them.
    var keys = KeyLabels()

    static let shopColumns = [
        TableColumn("Shop", width: .fill(min: 12), sortable: true),
        TableColumn("Address", width: .fill(min: 10), sortable: true),
        TableColumn("Currency", width: .fixed(8), sortable: true),
        TableColumn("Status", width: .fixed(9), sortable: true),
    ]

    /// Something is on its way to or from the server: spinners need ticks.
    var isBusy: Bool {
        shops.isBusy || (shopForm?.isSubmitting ?? false) || (products?.page.isBusy ?? false)
            || (products?.stock.hasPending ?? false) || (editor?.isSaving ?? false) || !deleting.isEmpty
            || (importer?.isWorking ?? false) || (shopOrders?.isBusy ?? false)
    }

    /// True while a form, the editor or a dialog has the keyboard: every key then comes to
    /// this screen (as `.edit`), so letters are text and a stray `q`, `tab` or digit cannot
    /// quit or leave the tab with unsaved changes. The editor keeps it even while its
    /// variants list has the focus, for the same reason; that list reads its keys itself.
    var isTextEntry: Bool {
        dialog != nil || editor != nil || shopForm != nil || importer?.isChoosing == true || (shopOrders?.isTextEntry ?? false)
    }

    /// Shops in the table's order.
    var shopOrder: [Int] {
        shopTable.sortedIndices(shops.items.map(Self.shopCells))
    }

    var selectedShop: ShopDTO? {
        let order = shopOrder
        guard let index = shopTable.selected, order.indices.contains(index) else { return nil }
        return shops.items[order[index]]
    }

    static func shopCells(_ shop: ShopDTO) -> [String] {
        [shop.name, shop.slug, shop.currency.code, shop.status.rawValue]
    }
}

/// The chords hints in the body mention ("press n to add one"), read from the keymap when
/// the tab appears: views are pure functions of the model and do not see the keymap.
struct KeyLabels {
    var save: String
    var new: String
    var edit: String
    var delete: String
    var refresh: String
    var importFile: String
    var filter: String
    var invoice: String

    init(keymap: Keymap = KeyBindings.defaults) {
        func label(_ id: String) -> String { keymap.label(for: id, limit: 1) }
        save = label("save")
        new = label("new")
        edit = label("edit")
        delete = label("delete")
        refresh = label("refresh")
        importFile = label("import")
        filter = label("filter")
        invoice = label("invoice")
    }
}

/// What is drawn over the vendor screens and takes every key until it closes.
enum VendorDialog {
    /// "Delete this product?"
    case confirmDelete(ProductID, title: String, buttons: ModalState)
    /// "Discard your changes?" for the editor or the new-shop form.
    case confirmDiscard(DiscardTarget, buttons: ModalState)
    /// A number for the stock of one product or variant.
    case setStock(StockKey, label: String, field: TextFieldState, error: String?)

    enum DiscardTarget { case editor, shopForm }
}
