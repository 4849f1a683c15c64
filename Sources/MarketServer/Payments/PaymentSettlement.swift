import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Applies what the payment provider said to a payment and its orders: the checkout's own
/// call, the confirmation step, the settle job and webhooks all end here.
///
/// Idempotent: a payment that already succeeded, failed or was cancelled ignores later
/// answers, so a webhook arriving after the synchronous answer (or five times) changes
/// nothing. The payment row is locked first, then its orders, always in that order.
struct PaymentSettlement: Sendable {
    let context: CommerceContext
    let transitions: OrderTransitions
    let keys: IdempotencyKeys

    static let declinedMessage = "Your card was declined. Nothing was charged; choose another payment method."

    /// Returns the answer it stored for the checkout's Idempotency-Key, nil when it stored
    /// none (the payment was settled already, or its key holds an earlier answer).
    /// `known`: the checkout's rows besides its orders, as the checkout just wrote them, to
    /// build that answer without reading them back.
    @discardableResult
    func apply(_ outcome: PaymentOutcome, paymentID: String, known: OrderAssembler.Parts? = nil) async throws -> IdempotencyKeys.StoredResponse? {
        let (effects, answer) = try await context.database().transaction { tx -> (CommerceEffects, IdempotencyKeys.StoredResponse?) in
            guard let payment = try await PaymentModel.find(paymentID, forUpdate: true, engine: context.engine, on: context.sql(tx)) else {
                return (CommerceEffects(), nil)
            }
            return try await apply(outcome, to: payment, known: known, on: tx)
        }
        await effects.publish(in: context)
        return answer
    }

    /// The same, inside a transaction of the caller's that locked the payment. `orders`: the
    /// payment's orders when this transaction wrote them (checkout in one transaction): they
    /// are neither read nor locked, and they are announced here, in the state this leaves
    /// them in, with `recording` (the checkout's own change-log rows): the state they were
    /// written in was never visible to anyone.
    func apply(_ outcome: PaymentOutcome, to payment: PaymentModel, known: OrderAssembler.Parts? = nil, orders written: [OrderModel]? = nil,
               recording changes: [ChangeLog.Change] = [], on tx: any Database) async throws -> (effects: CommerceEffects, answer: IdempotencyKeys.StoredResponse?) {
        let current = payment.statusValue
        guard current == .processing || current == .requiresAction else { return (CommerceEffects(), nil) }
        if payment.intentID == nil { payment.intentID = outcome.intentID }
        var effects = CommerceEffects()
        let orders: [OrderModel]
        if let written {
            orders = written.sorted { $0.id! < $1.id! }  // as the read below sorts them
        } else {
            orders = try await OrderModel.all(checkoutID: payment.checkoutID, on: context.sql(tx))
        }
        let lockOrders = written == nil
        var unannounced = written ?? []
        var changes = changes  // recorded with the first announcement
        // The rows in hand tell the whole story only while every order is still pending (its
        // timeline is then the one entry checkout wrote); otherwise the answer is read.
        var parts = orders.allSatisfy({ $0.statusValue == .pending }) ? known : nil
        switch outcome.status {
        case .processing:
            break
        case .requiresAction:
            payment.status = PaymentStatus.requiresAction.rawValue
        case .succeeded:
            payment.status = PaymentStatus.succeeded.rawValue
            for order in orders where order.statusValue == .pending {
                if lockOrders { try await context.lock(table: OrderModel.schema, id: order.id!, on: tx) }
                let moved = try await transitions.moved(order, to: .paid, actor: .system, actorID: nil, note: "Payment succeeded", recording: changes, on: tx)
                changes = []
                unannounced.removeAll { $0 === order }
                effects.merge(moved.effects)
                parts?.events[order.id!, default: []].append(moved.event)
                try await context.jobs.enqueue(batch: [InvoiceJobHandler.job(orderID: order.id!)], on: tx)
            }
            try await clearBoughtLines(of: payment, on: tx)
        case .declined:
            payment.status = PaymentStatus.failed.rawValue
            payment.declineCode = outcome.declineCode.map { String($0.prefix(64)) }
            payment.message = Self.declinedMessage
            for order in orders where order.statusValue == .pending {
                if lockOrders { try await context.lock(table: OrderModel.schema, id: order.id!, on: tx) }
                effects.merge(try await transitions.restock(order, on: tx))
                effects.merge(try await transitions.move(order, to: .cancelled, actor: .system, actorID: nil, note: "Payment declined",
                                                         recording: changes, on: tx))
                changes = []
                unannounced.removeAll { $0 === order }
            }
        }
        if !unannounced.isEmpty || !changes.isEmpty {
            effects.merge(try await transitions.announce(unannounced, recording: changes, on: tx))
        }
        payment.updatedAt = context.clock.now()
        try await payment.saveSettlement(on: context.sql(tx))
        guard let claim = payment.idempotencyID else { return (effects, nil) }
        let answer: IdempotencyKeys.StoredResponse
        if outcome.status == .declined {
            answer = .failure(Self.declined(payment))
        } else if let parts {
            answer = try .success(OrderAssembler.checkoutResult(payment: payment, orders: orders, parts: parts), status: 201)
        } else {
            answer = try .success(try await OrderAssembler.checkoutResult(checkoutID: payment.checkoutID, on: tx), status: 201)
        }
        return (effects, try await keys.complete(claim, status: answer.status, body: answer.body, on: tx) ? answer : nil)
    }

    static func declined(_ payment: PaymentModel) -> AppError {
        AppError(.init(code: 402), .paymentDeclined, declinedMessage,
                 details: [ErrorDetail(field: "paymentMethod", code: payment.declineCode ?? "card_declined", message: "Declined by the card issuer.")])
    }

    /// The bought lines leave the cart once paid (lines added since stay). One statement:
    /// the line keys are `CartItemModel.lineKey`'s, spelt in SQL.
    func clearBoughtLines(of payment: PaymentModel, on tx: any Database) async throws {
        try await context.sql(tx).raw("""
            DELETE FROM cart_items WHERE user_id = \(bind: payment.userID) AND line_key IN (
                SELECT l.product_id || '/' || COALESCE(l.variant_id, '') FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE o.checkout_id = \(bind: payment.checkoutID))
            """).run()
    }

    /// Asks the provider (again) for a payment still processing; the provider's idempotency
    /// key is the payment id, so this never charges twice. Used by the settle job.
    func settle(paymentID: String) async throws {
        guard let payment = try await PaymentModel.find(paymentID, forUpdate: false, engine: context.engine, on: context.sql(context.database())),
              payment.statusValue == .processing,
              let currency = Currency(code: payment.currency) else { return }
        let outcome: PaymentOutcome
        do {
            outcome = try await context.provider.charge(PaymentRequest(
                amount: Int(payment.amount), currency: currency, paymentMethod: payment.paymentMethod, idempotencyKey: payment.id!,
                metadata: ["checkoutId": payment.checkoutID], description: "MarketMate checkout \(payment.checkoutID)"))
        } catch .invalidRequest(let message) {
            outcome = PaymentOutcome(intentID: payment.intentID ?? "", status: .declined, declineCode: "invalid_request", message: message)
        } catch {
            throw error  // unavailable or authentication: the job retries with backoff
        }
        try await apply(outcome, paymentID: paymentID)
    }
}

/// `payments.settle`: a safety net enqueued with every checkout (delayed), so a payment whose
/// request died between taking the stock and hearing from the provider is settled anyway:
/// paid, or declined and restocked.
struct PaymentSettleJobHandler: JobHandler {
    struct Payload: Codable, Sendable { var paymentID: String }
    static let type = "payments.settle"
    static let settings = JobSettings(maxAttempts: 12, timeout: .seconds(120), concurrency: 4)
    let settlement: PaymentSettlement

    func run(_ payload: Payload, context: JobContext) async throws {
        try await settlement.settle(paymentID: payload.paymentID)
    }
}
