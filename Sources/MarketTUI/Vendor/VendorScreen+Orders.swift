import MarketClient
import MarketModels
import TerminalKit

/// A shop's order queue in My shops: the orders screen narrowed to one shop
/// (`GET /orders?shopId=`), with the shop's actions (ship, cancel, refund). Opened from the
/// shops list or a shop's products; back at its list returns there.
extension VendorScreen {
    static func openOrders(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard let ownerID = model.ownerID, let shop = model.products?.shop ?? model.selectedShop else { return .none }
        model.shopOrders = OrdersModel(scope: .shop(shop))
        return ordersAction(&model, .appear(userID: ownerID, role: .vendor), env: env)
    }

    static func ordersAction(_ model: inout VendorModel, _ action: OrdersAction, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var orders = model.shopOrders else { return .none }
        if case .back = action, orders.dialog == nil, orders.detail == nil {
            model.shopOrders = nil
            return .none
        }
        let effect = OrdersScreen.update(&orders, action, env: env)
        model.shopOrders = orders
        // Toasts and failures go up to the app as the vendor screen's own.
        return effect.map { action in
            switch action {
            case .report(.toast(let message, let kind)): .toast(message, kind)
            case .report(.failed(let error)): .failed(error)
            default: .orders(action)
            }
        }
    }
}
