import FluentKit
import Foundation
import MarketModels
import SQLKit

/// The one place an order changes state. Every move is checked against `OrderStatus.next`
/// (409 `invalid_transition` otherwise), recorded in the timeline with who and when,
/// written to the change log, and mailed and notified to the buyer through jobs written in
/// the same transaction; the events go out after the commit (`CommerceEffects`).
struct OrderTransitions: Sendable {
    let context: CommerceContext

    static func invalid(_ order: OrderModel, to target: OrderStatus) -> AppError {
        AppError(.conflict, .invalidTransition, "This order is \(order.status) and cannot become \(target.rawValue).",
                 details: [ErrorDetail(field: "status", code: "invalid_transition", message: "Allowed next: \(order.statusValue.next.map(\.rawValue).sorted().joined(separator: ", ").isEmpty ? "none" : order.statusValue.next.map(\.rawValue).sorted().joined(separator: ", "))")])
    }

    /// Moves `order` (locked by the caller, in `tx`) to `target`.
    func move(_ order: OrderModel, to target: OrderStatus, actor: OrderActor, actorID: String?, note: String?,
              recording changes: [ChangeLog.Change] = [], on tx: any Database) async throws -> CommerceEffects {
        try await moved(order, to: target, actor: actor, actorID: actorID, note: note, recording: changes, on: tx).effects
    }

    /// `move`, also returning the timeline entry it wrote (a checkout's answer adds it to
    /// the entries it already holds instead of reading the timeline back).
    /// `changes`: the caller's own change-log rows, recorded with the order's (`announce`).
    func moved(_ order: OrderModel, to target: OrderStatus, actor: OrderActor, actorID: String?, note: String?,
               recording changes: [ChangeLog.Change] = [], on tx: any Database) async throws -> (effects: CommerceEffects, event: OrderEventModel) {
        let from = order.statusValue
        guard from.canMove(to: target), OrderStatus.actor(actor, mayRequest: target) else { throw Self.invalid(order, to: target) }
        let now = context.clock.now()
        order.status = target.rawValue
        order.updatedAt = now
        // Raw, not Fluent's `update` (it reflects over the model): the fields a move or its
        // caller changes (shipping: carrier and tracking number; refunds: the refunded
        // amount), never `invoice_ready`, which the invoice job sets beside.
        try await context.sql(tx).raw("""
            UPDATE orders SET status = \(bind: order.status), updated_at = \(bind: now), carrier = \(bind: order.carrier),
                              tracking_number = \(bind: order.trackingNumber), refunded_amount = \(bind: order.refundedAmount)
            WHERE id = \(bind: order.id!)
            """).run()
        let event = try await record(order, from: from, actor: actor, actorID: actorID, note: note, at: now, on: tx)
        return (try await announce([order], recording: changes, on: tx), event)
    }

    /// The timeline entry (also the first one, `pending`, written at checkout). Its `seq` is
    /// the order's count of entries, counted by the INSERT itself (one statement; the
    /// caller holds the order's lock, and the unique (order_id, seq) index backs it).
    @discardableResult
    func record(_ order: OrderModel, from: OrderStatus?, actor: OrderActor, actorID: String?, note: String?, at now: Date,
                on tx: any Database) async throws -> OrderEventModel {
        let event = OrderEventModel()
        event.id = "oev_" + ULIDGenerator.shared.next(at: now).description
        event.orderID = order.id!
        event.fromStatus = from?.rawValue
        event.toStatus = order.status
        event.actor = actor.rawValue
        event.actorID = actorID
        event.note = note.map { String($0.prefix(500)) }
        event.createdAt = now
        let row = try await context.sql(tx).raw("""
            INSERT INTO order_events (id, order_id, seq, from_status, to_status, actor, actor_id, note, created_at)
            SELECT \(bind: event.id!), \(bind: event.orderID), COUNT(*), \(bind: event.fromStatus), \(bind: event.toStatus), \(bind: event.actor),
                   \(bind: event.actorID), \(bind: event.note), \(bind: now)
            FROM order_events WHERE order_id = \(bind: event.orderID)
            RETURNING seq
            """).first()
        event.seq = try row?.decode(column: "seq", as: Int.self) ?? 0
        return event
    }

    /// A checkout whose payment succeeded before its orders were written: each new order
    /// (written `paid`) gets its first two timeline entries, placed by the buyer and paid
    /// by the system, in one INSERT (a new order's `seq`s are 0 and 1). Returns order id →
    /// those entries.
    func recordPlacedAndPaid(_ orders: [OrderModel], buyer: String, note: String, at now: Date,
                             on tx: any Database) async throws -> [String: [OrderEventModel]] {
        guard OrderStatus.pending.canMove(to: .paid), OrderStatus.actor(.system, mayRequest: .paid) else {
            throw AppError(.conflict, .invalidTransition, "A new order cannot become paid.")
        }
        func entry(_ order: OrderModel, seq: Int, from: OrderStatus?, to: OrderStatus, actor: OrderActor, actorID: String?, note: String?) -> OrderEventModel {
            let event = OrderEventModel()
            event.id = "oev_" + ULIDGenerator.shared.next(at: now).description
            event.orderID = order.id!
            event.seq = seq
            event.fromStatus = from?.rawValue
            event.toStatus = to.rawValue
            event.actor = actor.rawValue
            event.actorID = actorID
            event.note = note
            event.createdAt = now
            return event
        }
        var events: [String: [OrderEventModel]] = [:]
        for order in orders {
            events[order.id!] = [entry(order, seq: 0, from: nil, to: .pending, actor: .buyer, actorID: buyer, note: nil),
                                 entry(order, seq: 1, from: .pending, to: .paid, actor: .system, actorID: nil, note: note)]
        }
        try await BulkValues(prefix: "INSERT INTO order_events (id, order_id, seq, from_status, to_status, actor, actor_id, note, created_at)")
            .run(orders.flatMap { events[$0.id!] ?? [] }.map { e in
                [.text(e.id), .text(e.orderID), .int(e.seq), .text(e.fromStatus), .text(e.toStatus), .text(e.actor), .text(e.actorID),
                 .text(e.note), .date(e.createdAt)]
            }, on: context.sql(tx))
        return events
    }

    /// Who hears of an order's move: its buyer, and its shop's owner.
    private struct Audience: Decodable {
        let id: String
        let email: String
        let name: String
        let owner_id: String
        let shop_name: String
    }

    /// Change log and events for the orders' current state (after `changes`, the caller's
    /// own change-log rows of the same write, all in one INSERT), and (`notify`, for a new
    /// state) each buyer's mail and notification and, once paid, the shop's. The mail jobs
    /// and the caller's `jobs` are enqueued in one batch.
    func announce(_ orders: [OrderModel], notify: Bool = true, recording changes: [ChangeLog.Change] = [], enqueueing jobs: [NewJob] = [],
                  on tx: any Database) async throws -> CommerceEffects {
        var effects = CommerceEffects()
        var changes = changes
        for order in orders {
            for scope in ["user:\(order.buyerID)", "shop:\(order.shopID)"] {
                changes.append(ChangeLog.Change(entity: "order", id: order.id!, scope: scope))
                effects.events.append(DomainEvent(name: "order.status.updated", entity: "order", entityID: order.id!, scope: scope,
                                                  attributes: ["status": order.status], occurredAt: order.updatedAt))
            }
        }
        try await context.changeLog.recordBatch(changes, on: tx)
        let (mails, drafts) = try await mailsAndNotifications(notify ? orders.filter { $0.statusValue != .pending } : [], on: tx)
        try await context.jobs.enqueue(batch: mails + jobs, on: tx)  // no statement when both are empty
        effects.notifications += try await context.notifications.create(drafts, on: tx)
        return effects
    }

    /// Each order's mail to its buyer and notifications (the buyer's; once paid, the shop
    /// owner's), from one query for who they go to; nothing, and no query, for no orders.
    private func mailsAndNotifications(_ orders: [OrderModel], on tx: any Database) async throws -> ([NewJob], [NotificationDraft]) {
        guard !orders.isEmpty else { return ([], []) }
        let ids = orders.map { $0.id! as any Encodable & Sendable }
        let audience = Dictionary(uniqueKeysWithValues: try await context.sql(tx).raw("""
            SELECT o.id, u.email, u.name, s.owner_id, s.name AS shop_name FROM orders o
            JOIN users u ON u.id = o.buyer_id JOIN shops s ON s.id = o.shop_id WHERE o.id IN (\(binds: ids))
            """).all(decoding: Audience.self).map { ($0.id, $0) })
        var mails: [NewJob] = []
        var drafts: [NotificationDraft] = []
        for order in orders {
            guard let heard = audience[order.id!] else { continue }
            let link = context.publicURL.map { "\($0)/orders/\(order.id!)" }
            mails.append(try NewJob(SendMailJobHandler.self, payload: .orderUpdate(
                to: heard.email, name: heard.name, orderID: order.id!, status: order.status,
                carrier: order.carrier, trackingNumber: order.trackingNumber, link: link)))
            let wording = MailTemplates.orderWording(status: order.status, orderID: order.id!)
            drafts.append(NotificationDraft(
                userID: UserID(rawValue: order.buyerID)!, kind: .orderUpdate, title: "Order \(wording.headline)", body: wording.sentence,
                data: ["orderId": order.id!, "status": order.status]))
            if order.statusValue == .paid {
                drafts.append(NotificationDraft(
                    userID: UserID(rawValue: heard.owner_id)!, kind: .orderUpdate, title: "New order for \(heard.shop_name)",
                    body: "Order \(order.id!) was paid: \(order.money(order.total).formatted). Ship it from the order queue.",
                    data: ["orderId": order.id!, "status": order.status]))
            }
        }
        return (mails, drafts)
    }

    func announce(_ order: OrderModel, notify: Bool = true, on tx: any Database) async throws -> CommerceEffects {
        try await announce([order], notify: notify, on: tx)
    }

    /// Puts an order's units back on the shelf (cancel, declined payment), in product order
    /// like checkout takes them, so concurrent checkouts and restocks never deadlock.
    func restock(_ order: OrderModel, on tx: any Database) async throws -> CommerceEffects {
        let sql = context.sql(tx)
        let lines = try await OrderLineModel.query(on: tx).filter(\.$orderID == order.id!).all()
            .sorted { ($0.productID, $0.variantID ?? "") < ($1.productID, $1.variantID ?? "") }
        var effects = CommerceEffects()
        let now = context.clock.now()
        for line in lines {
            try await sql.raw("""
                UPDATE products SET inventory_count = inventory_count + \(bind: line.quantity), updated_at = \(bind: now) WHERE id = \(bind: line.productID)
                """).run()
            if let variant = line.variantID {
                try await sql.raw("UPDATE product_variants SET inventory_count = inventory_count + \(bind: line.quantity) WHERE id = \(bind: variant)").run()
            }
            effects.products.insert(line.productID)
        }
        for product in effects.products.sorted() {
            let scope = try await ProductModel.find(product, on: tx).map(ProductService.scope) ?? "public"
            _ = try await context.changeLog.record(entity: "product", id: product, op: .upsert, scope: scope, on: tx)
        }
        if let coupon = order.couponID, try await OrderModel.query(on: tx).filter(\.$checkoutID == order.checkoutID)
            .filter(\.$status != OrderStatus.cancelled.rawValue).filter(\.$id != order.id!).count() == 0 {
            // The checkout's last live order is going: its coupon use is given back.
            try await CouponService.unredeem(couponID: coupon, on: tx)
        }
        return effects
    }
}
