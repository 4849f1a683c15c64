import MarketClient
import MarketModels
import TerminalKit

/// A list of orders with one open in detail and the actions on it. The Orders tab shows the
/// signed-in user's (a buyer's purchases; a vendor's purchases and their shops' orders); a
/// vendor's shop has its own queue of the same kind in My shops (`scope: .shop`).
///
/// What may be done to an order comes from `OrderStatus` (the table the server enforces),
/// for the part the user plays in it: the buyer may cancel before shipping and mark a
/// shipped order received; the shop ships, cancels and refunds.
struct OrdersModel {
    enum Scope: Equatable {
        case mine
        case shop(ShopDTO)

        var shopID: ShopID? {
            if case .shop(let shop) = self { return shop.id }
            return nil
        }
    }

    static let pageSize = 50

    var scope: Scope
    var userID: UserID?
    var role: Role?
    var page = PagedItems<OrderDTO>()
    var table: TableState
    /// Only orders in this state (`f` steps through them); nil for all.
    var statusFilter: OrderStatus?
    var detail: OrderDetailModel?
    var dialog: OrderDialog?
    /// Orders with an action on its way.
    var working: Set<OrderID> = []
    /// Refunds sent but not answered for good, by order: a retry reuses the key.
    var refundAttempts: [OrderID: IdempotentAttempt<RefundOrderRequest>] = [:]
    var downloading: Set<OrderID> = []
    /// Where the last invoice was saved, shown in the detail.
    var savedInvoices: [OrderID: String] = [:]
    /// The keys hints on screen name, as the user's keymap binds them.
    var keys = KeyLabels()

    init(scope: Scope) {
        self.scope = scope
        let party = TableColumn(scope == .mine ? "Shop" : "Ship to", width: .fill(min: 10))
        table = TableState(columns: [
            TableColumn("Placed", width: .fixed(12)), TableColumn("Order", width: .fixed(9)), party,
            TableColumn("Items", width: .fixed(8)), TableColumn("Total", width: .fixed(13), alignment: .right),
            TableColumn("Status", width: .fixed(9)),
        ])
    }

    var isBusy: Bool { page.isBusy || !working.isEmpty || !downloading.isEmpty || (detail?.isLoading ?? false) }
    /// A dialog takes every key (as `.edit`): letters are text in the forms and choose a
    /// button in the confirmation, never a command behind it.
    var isTextEntry: Bool { dialog != nil }

    var selected: OrderDTO? {
        guard let index = table.selected, page.items.indices.contains(index) else { return nil }
        return page.items[index]
    }

    /// The order actions apply to: the open one, else the selected row.
    var current: OrderDTO? { detail.map { $0.order } ?? selected }

    /// The part the user plays in `order`.
    func actor(for order: OrderDTO) -> OrderActor {
        if role == .admin { return .admin }
        if scope == .mine, order.buyerId == userID { return .buyer }
        return .vendor
    }

    /// Whether the user may move `order` to `target` now: allowed from its state, and asked
    /// by someone who may ask for it. Buyers are offered cancel and received; shops ship,
    /// cancel and refund.
    func may(_ target: OrderStatus, _ order: OrderDTO) -> Bool {
        let actor = actor(for: order)
        guard order.status.canMove(to: target), OrderStatus.actor(actor, mayRequest: target) else { return false }
        switch target {
        case .complete: return actor == .buyer
        case .shipped: return actor != .buyer
        case .refunded: return actor != .buyer && OrderText.refundable(order).amount > 0
        default: return true
        }
    }

    /// Puts the server's copy of an order in the list and the detail.
    mutating func replace(_ order: OrderDTO) {
        if let index = page.items.firstIndex(where: { $0.id == order.id }) { page.items[index] = order }
        if detail?.order.id == order.id { detail?.order = order }
    }

    /// "12 orders", "50+ orders".
    var countLabel: String {
        let count = page.items.count
        return "\(count)\(page.hasMore ? "+" : "") order\(count == 1 && !page.hasMore ? "" : "s")"
    }
}

/// One order open in full; `order` is the list's copy until the fresh one comes.
struct OrderDetailModel {
    var order: OrderDTO
    var isLoading = true
    var errorMessage: String?
    var scroll = 0
}

/// What is drawn over the orders and takes every key until it closes.
enum OrderDialog {
    case confirmCancel(OrderID, buttons: ModalState)
    /// Carrier and tracking number.
    case ship(OrderID, form: FormState)
    /// The amount to give back (the remainder by default).
    case refund(OrderID, form: FormState, remainder: Money)

    var orderID: OrderID {
        switch self {
        case .confirmCancel(let id, _), .ship(let id, _), .refund(let id, _, _): id
        }
    }

    /// The form of the ship and refund dialogs.
    var form: FormState? {
        switch self {
        case .ship(_, let form), .refund(_, let form, _): form
        case .confirmCancel: nil
        }
    }

    /// The same dialog with its form as edited.
    func with(form: FormState) -> OrderDialog {
        switch self {
        case .ship(let id, _): .ship(id, form: form)
        case .refund(let id, _, let remainder): .refund(id, form: form, remainder: remainder)
        case .confirmCancel: self
        }
    }
}

public enum OrdersAction: Sendable {
    case appear(userID: UserID, role: Role)
    case refresh
    case loaded(cursor: String?, generation: Int, Result<ListPage<OrderDTO>, any Error>)
    /// Movement keys (already turned into arrows, home, end, page keys).
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    case cycleFilter
    case open
    case detailLoaded(OrderID, Result<OrderDTO, any Error>)
    /// Closes the dialog, then the detail; at the list a shop's queue closes (its owner does it).
    case back
    case askCancel
    case complete
    case askShip
    case askRefund
    /// Every key while a dialog is open.
    case edit(InputEvent)
    /// Sends the open ship or refund form (the palette's way to the save key).
    case submitDialog
    case changed(OrderID, OrderVerb, Result<OrderDTO, any Error>)
    case refunded(OrderID, key: String, Result<OrderDTO, any Error>)
    case downloadInvoice
    case downloaded(OrderID, Result<String, any Error>)
    /// For the app: a failure, or a toast to show.
    case report(ScreenReport)

    static func failed(_ error: any Error) -> Self { .report(.failed(error)) }
    static func toast(_ message: String, _ kind: ToastKind) -> Self { .report(.toast(message, kind)) }
}

/// An action on an order that answers with the order as it is after it; the raw value
/// says what it did, for the toast ("Order #7QK2M9ZD marked shipped.").
public enum OrderVerb: String, Sendable {
    case cancel = "cancelled"
    case complete = "marked received"
    case ship = "marked shipped"
}
