import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Orders as each caller may see them (API.md: buyers their own, vendors their shops',
/// admins all; anyone else 404), and the actions on them: cancel, ship, complete.
/// Refunds are in `RefundService`.
struct OrderService: Sendable {
    let context: CommerceContext
    let transitions: OrderTransitions
    let refunds: RefundService

    static let notFound = AppError(.notFound, .notFound, "No such order.")

    /// How the caller relates to an order; nil when they may not see it.
    static func role(of principal: Principal, for order: OrderModel, shopOwner: String?) -> OrderActor? {
        if principal.role == .admin { return .admin }
        if shopOwner == principal.userID.rawValue { return .vendor }
        if order.buyerID == principal.userID.rawValue { return .buyer }
        return nil
    }

    func list(principal: Principal, page: PageRequest, status: String?, shopID: String?) async throws -> ListPage<OrderDTO> {
        let db = context.database()
        var query = OrderModel.query(on: db)
        if let status {
            guard OrderStatus(rawValue: status) != nil else {
                throw AppError.validation(field: "status", code: "invalid_value", "One of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query = query.filter(\.$status == status)
        }
        if let shopID {
            guard let shop = try await ShopModel.find(shopID, on: db), CatalogAccess.canManage(shop: shop, principal: principal) else {
                throw AppError(.notFound, .notFound, "No such shop of yours.")
            }
            query = query.filter(\.$shopID == shopID)
        } else if principal.role != .admin {
            let owned = try await ShopModel.query(on: db).filter(\.$ownerID == principal.userID.rawValue).all().compactMap(\.id)
            query = query.group(.or) { group in
                group.filter(\.$buyerID == principal.userID.rawValue)
                if !owned.isEmpty { group.filter(\.$shopID ~~ owned) }
            }
        }
        if let after = page.after { query = query.filter(\.$id < after) }
        let rows = try await query.sort(\.$id, .descending).limit(page.limit + 1).all()
        let listed = page.page(rows, key: { $0.id! }, map: { $0 })
        return ListPage(items: try await OrderAssembler.dtos(listed.items, on: db), nextCursor: listed.nextCursor)
    }

    /// The order and how the caller relates to it; 404 for orders they may not see.
    func visible(_ rawID: String, principal: Principal, on db: any Database) async throws -> (OrderModel, OrderActor) {
        guard OrderID(rawValue: rawID) != nil, let order = try await OrderModel.find(rawID, on: db) else { throw Self.notFound }
        let owner = try await ShopModel.find(order.shopID, on: db)?.ownerID
        guard let role = Self.role(of: principal, for: order, shopOwner: owner) else { throw Self.notFound }
        return (order, role)
    }

    func find(_ rawID: String, principal: Principal) async throws -> OrderDTO {
        let db = context.database()
        return try await OrderAssembler.dto(try await visible(rawID, principal: principal, on: db).0, on: db)
    }

    /// Cancels: the buyer before shipping, the shop or an admin. The units go back on the
    /// shelf; a paid order is refunded in full.
    func cancel(_ rawID: String, reason: String?, principal: Principal) async throws -> OrderDTO {
        let (order, effects, refund) = try await context.database().transaction { tx -> (OrderModel, CommerceEffects, RefundModel?) in
            let (found, role) = try await visible(rawID, principal: principal, on: tx)
            try await context.lock(table: OrderModel.schema, id: found.id!, on: tx)
            guard let order = try await OrderModel.find(found.id!, on: tx) else { throw Self.notFound }
            let wasPaid = order.statusValue.isPaid
            guard order.statusValue.canMove(to: .cancelled), OrderStatus.actor(role, mayRequest: .cancelled) else {
                throw order.statusValue == .shipped && role == .buyer
                    ? AppError(.conflict, .invalidTransition, "This order has shipped and can no longer be cancelled.")
                    : OrderTransitions.invalid(order, to: .cancelled)
            }
            var effects = try await transitions.restock(order, on: tx)
            effects.merge(try await transitions.move(order, to: .cancelled, actor: role, actorID: principal.userID.rawValue,
                                                     note: reason.map { TerminalText.sanitize($0).trimmingCharacters(in: .whitespaces) }, on: tx))
            let refund = wasPaid && order.total > order.refundedAmount
                ? try await refunds.reserve(order, amount: order.total - order.refundedAmount, reason: "Order cancelled", actorID: principal.userID.rawValue, on: tx)
                : nil
            return (order, effects, refund)
        }
        await effects.publish(in: context)
        if let refund { try await refunds.send(refund, actorRole: .system, actorID: nil) }
        try await cancelPaymentIfAbandoned(order)
        return try await OrderAssembler.dto(try await OrderModel.find(order.id!, on: context.database()) ?? order, on: context.database())
    }

    /// A payment waiting for authentication whose orders are all cancelled will never be
    /// completed: cancel the provider's intent and mark it cancelled.
    private func cancelPaymentIfAbandoned(_ order: OrderModel) async throws {
        let db = context.database()
        guard let payment = try await PaymentModel.find(order.paymentID, on: db),
              payment.statusValue == .requiresAction || payment.statusValue == .processing,
              try await OrderModel.query(on: db).filter(\.$checkoutID == order.checkoutID).filter(\.$status != OrderStatus.cancelled.rawValue).count() == 0
        else { return }
        if let intent = payment.intentID, !intent.isEmpty {
            try? await context.provider.cancel(intentID: intent, idempotencyKey: "cancel-\(payment.id!)")
        }
        try await context.sql(db).raw("""
            UPDATE payments SET status = \(bind: PaymentStatus.cancelled.rawValue), updated_at = \(bind: context.clock.now())
            WHERE id = \(bind: payment.id!) AND status IN ('requires_action', 'processing')
            """).run()
    }

    func ship(_ rawID: String, _ request: ShipOrderRequest, principal: Principal) async throws -> OrderDTO {
        try AppError.check(request.validate())
        return try await act(rawID, principal: principal) { order, role, tx in
            guard role == .vendor || role == .admin else {
                throw AppError(.forbidden, .forbidden, "Only the shop ships its orders.")
            }
            guard order.statusValue.canMove(to: .shipped) else { throw OrderTransitions.invalid(order, to: .shipped) }
            order.carrier = request.carrier.trimmingCharacters(in: .whitespaces)
            order.trackingNumber = request.trackingNumber.trimmingCharacters(in: .whitespaces)
            return try await transitions.move(order, to: .shipped, actor: role, actorID: principal.userID.rawValue,
                                              note: "\(order.carrier ?? "") \(order.trackingNumber ?? "")", on: tx)
        }
    }

    /// Closes a shipped order: the buyer says it arrived, or the shop or an admin closes it.
    func complete(_ rawID: String, principal: Principal) async throws -> OrderDTO {
        try await act(rawID, principal: principal) { order, role, tx in
            try await transitions.move(order, to: .complete, actor: role, actorID: principal.userID.rawValue, note: nil, on: tx)
        }
    }

    /// Locks the order the caller may see and runs `body` in one transaction.
    private func act(_ rawID: String, principal: Principal,
                     _ body: @escaping @Sendable (OrderModel, OrderActor, any Database) async throws -> CommerceEffects) async throws -> OrderDTO {
        let (order, effects) = try await context.database().transaction { tx -> (OrderModel, CommerceEffects) in
            let (found, role) = try await visible(rawID, principal: principal, on: tx)
            try await context.lock(table: OrderModel.schema, id: found.id!, on: tx)
            guard let order = try await OrderModel.find(found.id!, on: tx) else { throw Self.notFound }
            return (order, try await body(order, role, tx))
        }
        await effects.publish(in: context)
        return try await OrderAssembler.dto(order, on: context.database())
    }

    /// `GET /orders/:id/invoice`: the PDF once the invoice job made it.
    func invoice(_ rawID: String, principal: Principal, store: any InvoiceStore) async throws -> [UInt8] {
        let (order, _) = try await visible(rawID, principal: principal, on: context.database())
        guard order.invoiceReady, let pdf = try await store.read(OrderID(rawValue: order.id!)!) else {
            throw AppError(.notFound, .notFound, "The invoice is not ready yet: it is made once the order is paid.")
        }
        return pdf
    }
}

