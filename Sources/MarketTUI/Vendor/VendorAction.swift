import MarketClient
import MarketModels
import TerminalKit

public enum VendorAction: Sendable {
    case appear(ownerID: UserID)
    /// Text input and every key while a form, the editor or a dialog is open.
    case edit(InputEvent)
    /// Movement keys (already turned into arrows, home, end, page keys).
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// A request failed; the app signs out when the session is gone.
    case failed(any Error)
    /// The app shows a toast.
    case toast(String, ToastKind)

    // Shops.
    case refresh
    case shopsLoaded(cursor: String?, generation: Int, Result<ListPage<ShopDTO>, any Error>)
    case openShop
    case newShop
    case submitShop
    case shopCreated(Result<ShopDTO, any Error>)
    case cycleSort

    // Products.
    case productsLoaded(ShopID, cursor: String?, generation: Int, Result<ProductListResponse, any Error>)
    case newProduct
    case editProduct
    case askDelete
    case deleted(ProductID, title: String, Result<Void, any Error>)
    /// `+`/`-`: change the selected stock by this much, now.
    case adjustStock(Int)
    case stockAnswered(ProductID, VariantID?, sequence: Int, Result<ProductDTO, any Error>)
    case askSetStock

    // The editor.
    case save
    case saved(Result<ProductDTO, any Error>)
    case addVariant
    case editVariant
    case removeVariant

    // Importing products from a CSV file.
    case openImport
    case startImport
    case importUploaded(Result<UploadAcceptedDTO, any Error>)
    /// Time to ask for the job's status again (dropped when `generation` is stale).
    case pollImport(generation: Int)
    case importStatus(generation: Int, Result<UploadJobStatusDTO, any Error>)
    /// The vendor left the tab: background polling stops until `appear`.
    case disappear

    // A shop's order queue.
    case openOrders
    case orders(OrdersAction)

    /// Up one level: import → editor → products → shops.
    case back
}
