import MarketModels
import TerminalKit

/// Which app this is: the buyer and vendor app, or the admin shell.
public enum AppFlavor: Sendable, Equatable {
    case shop
    case admin

    var title: String { self == .admin ? "MarketMate Admin" : "MarketMate" }
}

/// The header tabs.
enum Tab: String, CaseIterable, Sendable {
    case catalog = "Catalog"
    case shops = "My shops"
    case account = "Account"
    case admin = "Users & shops"
    /// The notification feed.
    case inbox = "Inbox"
    case cart = "Cart"
    case orders = "Orders"
    /// The admin app's feature flags.
    case flags = "Flags"
}

/// Everything on screen, as one value.
public struct AppModel {
    var flavor: AppFlavor
    var user: UserDTO?
    var tab: Tab
    var login: LoginModel?
    var catalog = CatalogModel()
    /// The product open on top of the catalog, if any.
    var detail: ProductDetailModel?
    var account: AccountModel?
    var vendor = VendorModel()
    var admin = AdminHomeModel()
    /// The admin app's Flags tab (the flag definitions, not this user's evaluated `flags`).
    var flagAdmin = FlagsModel()
    /// The Inbox tab and the header's unread count.
    var notifications = NotificationsModel()
    var overlay: Overlay?
    var toasts = ToastState<ContinuousClock.Instant>()
    /// The Cart tab, its checkout, and the count and subtotal the header shows everywhere.
    var cart = CartModel()
    /// The Orders tab: the user's own orders (and, for a vendor, their shops').
    var orders = OrdersModel(scope: .mine)
    var tick = 0
    /// The terminal size, for mapping mouse clicks onto the layout the view draws.
    var lastSize = Size(width: 80, height: 24)
    var isFinished = false
    /// A demo account sign-in is running (switching demo users).
    var isSwitchingAccount = false
    /// The feature flags evaluated for this user (`GET /flags`); empty until they arrive,
    /// so every flag starts at the app's own default.
    var flags = EvaluatedFlags()

    enum Overlay {
        case help(HelpOverlayState)
        case palette(CommandPaletteState)
    }

    init(flavor: AppFlavor, user: UserDTO?) {
        self.flavor = flavor
        self.user = user
        tab = flavor == .admin ? .admin : .catalog
        if user == nil { login = LoginModel(requiredRole: flavor == .admin ? .admin : nil) }
        if let user { account = AccountModel(user: user) }
    }

    var cartCount: Int { cart.book.itemCount }

    /// Only a signed-in shopper has a cart (administrators buy nothing).
    var hasCart: Bool { flavor == .shop && user != nil && user?.role != .admin }

    /// The tabs this user sees. New tabs go after the old ones, so the digit keys people
    /// knew before them (2 is Account for a buyer, My shops for a vendor) still reach the
    /// same tabs; `c` and `t` reach the cart and the orders from anywhere.
    var tabs: [Tab] {
        switch flavor {
        case .admin: return [.admin, .account, .inbox, .flags]
        case .shop:
            let base: [Tab] = user?.role == .vendor || user?.role == .admin ? [.catalog, .shops, .account, .inbox] : [.catalog, .account, .inbox]
            return base + (hasCart ? [.cart] : []) + [.orders]
        }
    }

    /// True while the user types into a field: plain letters are text, not commands.
    var isTextEntry: Bool {
        if login != nil { return true }
        if overlay != nil { return false }
        switch tab {
        case .catalog: return detail == nil && catalog.isSearchFocused
        case .shops: return vendor.isTextEntry
        case .admin: return admin.isTextEntry
        case .flags: return flagAdmin.isTextEntry
        case .cart: return cart.isTextEntry
        case .orders: return orders.isTextEntry
        case .account, .inbox: return false
        }
    }
}
