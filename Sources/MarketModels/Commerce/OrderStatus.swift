import Foundation

/// An order's state (API.md): `pending` → `paid` → `shipped` → `complete`, with `cancelled`
/// and `refunded` from the states that allow them. The moves live here, in one table, so
/// the server enforces them and the terminal apps offer only the actions that can succeed.
public enum OrderStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// Stock is taken; the payment has not succeeded yet (processing or needs authentication).
    case pending
    case paid
    case shipped
    /// Delivered; the buyer (or the shop, or an admin) closed it.
    case complete
    case cancelled
    /// Fully refunded. Partial refunds keep the order's state and raise `refunded` on it.
    case refunded

    /// The states this one may move to.
    public var next: Set<OrderStatus> {
        switch self {
        case .pending: [.paid, .cancelled]
        case .paid: [.shipped, .cancelled, .refunded]
        case .shipped: [.complete, .refunded]
        case .complete: [.refunded]
        case .cancelled, .refunded: []
        }
    }

    public func canMove(to target: OrderStatus) -> Bool { next.contains(target) }

    public var isFinal: Bool { next.isEmpty }

    /// Whether money was taken for it and not all given back (refunds are possible).
    public var isPaid: Bool { self == .paid || self == .shipped || self == .complete }
}

/// Who asks for an order action: the three views of API.md.
public enum OrderActor: String, Codable, Hashable, Sendable {
    case buyer, vendor, admin, system
}

extension OrderStatus {
    /// Whether `actor` may ask for the move to `target` (the transition itself must also be
    /// allowed by `canMove`). Payment outcomes (`paid`, and `refunded` by the provider) are
    /// the system's; a buyer may cancel only before the parcel leaves, and may close a
    /// shipped order as received.
    public static func actor(_ actor: OrderActor, mayRequest target: OrderStatus) -> Bool {
        switch (actor, target) {
        case (.system, _): true
        case (_, .pending), (_, .paid): false
        case (.buyer, .cancelled), (.buyer, .complete): true
        case (.buyer, _): false
        case (.vendor, _), (.admin, _): true
        }
    }
}
