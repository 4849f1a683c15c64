import MarketModels
import TerminalKit

public enum AppAction: Sendable {
    case start
    case login(LoginAction)
    case catalog(CatalogAction)
    case detail(ProductDetailAction)
    case account(AccountAction)
    case vendor(VendorAction)
    case admin(AdminHomeAction)
    case flagAdmin(FlagsAction)
    case notifications(NotificationsAction)
    case cart(CartAction)
    case orders(OrdersAction)
    case selectTab(Int)
    case nextTab
    case previousTab
    case showHelp
    case showPalette
    case overlay(InputEvent)
    case tick
    case resized(Size)
    case toast(String, ToastKind)
    /// A longer-lived information toast (the demo's how-to).
    case notice(String)
    case sessionRestored(Result<UserDTO, any Error>)
    /// The user's evaluated feature flags: the cached copy, then the server's answer.
    case flagsLoaded(EvaluatedFlags)
    case switchDemoUser
    case demoUserSwitched(Result<UserDTO, any Error>)
    case signedOut
    case quit
}
