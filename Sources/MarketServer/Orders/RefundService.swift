import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Refunds, full or partial, never more than was paid.
///
/// The amount is reserved on the order (`refundedAmount`) in the same transaction that
/// writes the refund row, under the order's lock, so two refunds at once cannot together
/// pass the total. The provider is then asked with the refund's id as its idempotency key;
/// its answer settles the row (a failure frees the amount again). A refund whose answer was
/// lost is asked again by the `payments.refund` job. When everything is given back, the
/// order becomes `refunded`.
struct RefundService: Sendable {
    let context: CommerceContext
    let transitions: OrderTransitions
    let keys: IdempotencyKeys

    /// `POST /orders/:id/refund` (shop owner or admin, `Idempotency-Key`).
    func refund(_ rawID: String, _ request: RefundOrderRequest, key: String, principal: Principal,
                orders: OrderService) async throws -> IdempotencyKeys.StoredResponse {
        let db = context.database()
        let (order, role) = try await orders.visible(rawID, principal: principal, on: db)
        guard role == .vendor || role == .admin else { throw AppError(.forbidden, .forbidden, "Only the shop or an admin refunds an order.") }
        if let amount = request.amount {
            if amount.currency != order.currencyValue {
                throw AppError.validation(field: "amount.currency", code: "not_allowed", "This order is in \(order.currency).")
            }
            if amount.amount <= 0 { throw AppError.validation(field: "amount.amount", code: "invalid_value", "Refund a positive amount.") }
        }
        switch try await keys.claim(user: principal.userID, scope: "refund:\(order.id!)", key: key, hash: try IdempotencyKeys.hash(request)) {
        case .replay(let answer):
            return answer
        case .claimed(let claim, let existing):
            do {
                let refund: RefundModel
                if let existing, let earlier = try await RefundModel.find(existing, on: db) {
                    refund = earlier
                } else {
                    refund = try await db.transaction { tx in
                        try await context.lock(table: OrderModel.schema, id: order.id!, on: tx)
                        guard let current = try await OrderModel.find(order.id!, on: tx) else { throw OrderService.notFound }
                        guard current.statusValue.isPaid else { throw OrderTransitions.invalid(current, to: .refunded) }
                        let remaining = current.total - current.refundedAmount
                        let amount = request.amount?.amount ?? remaining
                        guard remaining > 0, amount <= remaining else {
                            throw AppError(.conflict, .conflict, "At most \(current.money(max(0, remaining)).formatted) can still be refunded.",
                                           details: [ErrorDetail(field: "amount", code: "exceeds_paid", message: "More than is left to refund.")])
                        }
                        let refund = try await reserve(current, amount: amount, reason: request.reason, actorID: principal.userID.rawValue, on: tx)
                        try await keys.attach(resourceID: refund.id!, to: claim, on: tx)
                        return refund
                    }
                }
                try await send(refund, actorRole: role, actorID: principal.userID.rawValue)
                let answer = try IdempotencyKeys.StoredResponse.success(
                    try await OrderAssembler.dto(try await OrderModel.find(order.id!, on: db) ?? order, on: db), status: 200)
                try await keys.complete(claim, status: answer.status, body: answer.body, on: db)
                return answer
            } catch let error as AppError where [400, 409].contains(Int(error.status.code)) {
                let answer = IdempotencyKeys.StoredResponse.failure(error)
                try await keys.complete(claim, status: answer.status, body: answer.body, on: db)
                throw error
            } catch {
                await keys.release(claim)
                throw error
            }
        }
    }

    /// Writes a pending refund and reserves its amount on the order (the caller holds the
    /// order's lock in `tx`), with a delayed job that asks the provider if nobody else does.
    func reserve(_ order: OrderModel, amount: Int64, reason: String?, actorID: String?, on tx: any Database) async throws -> RefundModel {
        let now = context.clock.now()
        let refund = RefundModel()
        refund.id = "rfd_" + ULIDGenerator.shared.next(at: now).description
        refund.orderID = order.id!
        refund.paymentID = order.paymentID
        refund.amount = amount
        refund.currency = order.currency
        refund.status = RefundModel.State.pending.rawValue
        refund.reason = reason.map { String(TerminalText.sanitize($0).prefix(500)) }
        refund.actorID = actorID
        refund.createdAt = now
        refund.updatedAt = now
        try await refund.create(on: tx)
        order.refundedAmount += amount
        order.updatedAt = now
        try await order.update(on: tx)
        try await context.jobs.enqueue(RefundJobHandler.self, payload: .init(refundID: refund.id!),
                                       options: JobOptions(delay: 60, uniqueKey: "refund:\(refund.id!)"), on: tx)
        return refund
    }

    /// Asks the provider for a pending refund and settles it. Unreachable provider: stays
    /// pending for the job (thrown only when `rethrow`).
    func send(_ refund: RefundModel, actorRole: OrderActor, actorID: String?, rethrow: Bool = false) async throws {
        let db = context.database()
        guard refund.status == RefundModel.State.pending.rawValue, let payment = try await PaymentModel.find(refund.paymentID, on: db) else { return }
        let succeeded: Bool
        do {
            _ = try await context.provider.refund(intentID: payment.intentID ?? "", amount: Int(refund.amount), idempotencyKey: refund.id!)
            succeeded = true
        } catch .unavailable(let message) {
            context.logger.warning("refund waits for the payment provider", metadata: ["refund": .string(refund.id!)])
            if rethrow { throw AppError(.serviceUnavailable, .serviceUnavailable, message) }
            return
        } catch {
            succeeded = false
        }
        let effects = try await db.transaction { tx -> CommerceEffects in
            try await context.lock(table: OrderModel.schema, id: refund.orderID, on: tx)
            guard let current = try await RefundModel.find(refund.id!, on: tx), current.status == RefundModel.State.pending.rawValue,
                  let order = try await OrderModel.find(refund.orderID, on: tx) else { return CommerceEffects() }
            current.status = (succeeded ? RefundModel.State.succeeded : .failed).rawValue
            current.updatedAt = context.clock.now()
            try await current.update(on: tx)
            guard succeeded else {
                order.refundedAmount -= current.amount
                try await order.update(on: tx)
                return CommerceEffects()
            }
            try await context.sql(tx).raw("""
                UPDATE payments SET refunded_amount = refunded_amount + \(bind: current.amount), updated_at = \(bind: context.clock.now())
                WHERE id = \(bind: current.paymentID)
                """).run()
            if order.refundedAmount >= order.total, order.statusValue.canMove(to: .refunded) {
                return try await transitions.move(order, to: .refunded, actor: actorRole == .buyer ? .system : actorRole, actorID: actorID,
                                                  note: "Refunded \(order.money(order.refundedAmount).formatted)", on: tx)
            }
            return try await transitions.announce(order, notify: false, on: tx)
        }
        await effects.publish(in: context)
        if !succeeded {
            throw AppError(.conflict, .conflict, "The payment provider refused this refund.")
        }
    }
}

/// `payments.refund`: asks the provider for a refund still pending (its request died or the
/// provider was down), with the same idempotency key.
struct RefundJobHandler: JobHandler {
    struct Payload: Codable, Sendable { var refundID: String }
    static let type = "payments.refund"
    static let settings = JobSettings(maxAttempts: 12, timeout: .seconds(120), concurrency: 2)
    let database: @Sendable () -> any Database
    let refunds: RefundService

    func run(_ payload: Payload, context: JobContext) async throws {
        guard let refund = try await RefundModel.find(payload.refundID, on: database()) else { return }
        do {
            try await refunds.send(refund, actorRole: .system, actorID: nil, rethrow: true)
        } catch let error as AppError where error.code == .conflict {
            throw PermanentJobError(error.message)
        }
    }
}
