import Foundation
import MarketModels
import TerminalKit

/// How orders read on screen, the same in the checkout, the buyer's orders and a shop's
/// order queue.
enum OrderText {
    /// The short number people quote: the last eight characters of the id (the random part
    /// of a ULID), `#7QK2M9ZD`. The full id is shown beside it in the order's detail.
    static func number(_ id: OrderID) -> String {
        "#" + String(id.rawValue.suffix(8)).uppercased()
    }

    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .pending: "pending"
        case .paid: "paid"
        case .shipped: "shipped"
        case .complete: "received"
        case .cancelled: "cancelled"
        case .refunded: "refunded"
        }
    }

    /// Waiting on someone: warning; over: muted; on its way or done: success.
    static func role(_ status: OrderStatus) -> ThemeRole {
        switch status {
        case .pending: .warning
        case .paid: .info
        case .shipped, .complete: .success
        case .cancelled, .refunded: .muted
        }
    }

    static func actor(_ actor: OrderActor) -> String {
        switch actor {
        case .buyer: "by the buyer"
        case .vendor: "by the shop"
        case .admin: "by an administrator"
        case .system: "by MarketMate"
        }
    }

    /// Local time: `Nov 21 14:03` in lists, `2026-11-21 14:03` in the detail.
    static func stamp(_ date: Date, long: Bool) -> String { NotificationsView.stamp(date, long: long) }

    static func itemCount(_ order: OrderDTO) -> String {
        let units = order.lines.reduce(0) { $0 + $1.quantity }
        return "\(units) item\(units == 1 ? "" : "s")"
    }

    /// "−3.60 USD" for a discount shown as money off.
    static func minus(_ money: Money) -> String { money.isZero ? money.formatted : "−" + money.formatted }

    /// What is left to refund.
    static func refundable(_ order: OrderDTO) -> Money {
        (try? order.total.subtracting(order.refunded)) ?? .zero(order.total.currency)
    }
}
