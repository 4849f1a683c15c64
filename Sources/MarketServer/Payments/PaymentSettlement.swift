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

    func apply(_ outcome: PaymentOutcome, paymentID: String) async throws {
        let effects = try await context.database().transaction { tx -> CommerceEffects in
            try await context.lock(table: PaymentModel.schema, id: paymentID, on: tx)
            guard let payment = try await PaymentModel.find(paymentID, on: tx) else { return CommerceEffects() }
            return try await apply(outcome, to: payment, on: tx)
        }
        await effects.publish(in: context)
    }

    /// The same, inside a transaction of the caller's that locked the payment.
    func apply(_ outcome: PaymentOutcome, to payment: PaymentModel, on tx: any Database) async throws -> CommerceEffects {
        let current = payment.statusValue
        guard current == .processing || current == .requiresAction else { return CommerceEffects() }
        if payment.intentID == nil { payment.intentID = outcome.intentID }
        var effects = CommerceEffects()
        let orders = try await OrderModel.query(on: tx).filter(\.$checkoutID == payment.checkoutID).sort(\.$id).all()
        switch outcome.status {
        case .processing:
            break
        case .requiresAction:
            payment.status = PaymentStatus.requiresAction.rawValue
        case .succeeded:
            payment.status = PaymentStatus.succeeded.rawValue
            for order in orders where order.statusValue == .pending {
                try await context.lock(table: OrderModel.schema, id: order.id!, on: tx)
                effects.merge(try await transitions.move(order, to: .paid, actor: .system, actorID: nil, note: "Payment succeeded", on: tx))
                try await context.jobs.enqueue(InvoiceJobHandler.self, payload: .init(orderID: order.id!),
                                               options: JobOptions(uniqueKey: "invoice:\(order.id!)"), on: tx)
            }
            try await clearBoughtLines(of: payment, orders: orders, on: tx)
        case .declined:
            payment.status = PaymentStatus.failed.rawValue
            payment.declineCode = outcome.declineCode.map { String($0.prefix(64)) }
            payment.message = Self.declinedMessage
            for order in orders where order.statusValue == .pending {
                try await context.lock(table: OrderModel.schema, id: order.id!, on: tx)
                effects.merge(try await transitions.restock(order, on: tx))
                effects.merge(try await transitions.move(order, to: .cancelled, actor: .system, actorID: nil, note: "Payment declined", on: tx))
            }
        }
        payment.updatedAt = context.clock.now()
        try await payment.update(on: tx)
        if let claim = payment.idempotencyID {
            let answer: IdempotencyKeys.StoredResponse = outcome.status == .declined
                ? .failure(Self.declined(payment))
                : try .success(try await OrderAssembler.checkoutResult(checkoutID: payment.checkoutID, on: tx), status: 201)
            try await keys.complete(claim, status: answer.status, body: answer.body, on: tx)
        }
        return effects
    }

    static func declined(_ payment: PaymentModel) -> AppError {
        AppError(.init(code: 402), .paymentDeclined, declinedMessage,
                 details: [ErrorDetail(field: "paymentMethod", code: payment.declineCode ?? "card_declined", message: "Declined by the card issuer.")])
    }

    /// The bought lines leave the cart once paid (lines added since stay).
    private func clearBoughtLines(of payment: PaymentModel, orders: [OrderModel], on tx: any Database) async throws {
        let lines = try await OrderLineModel.query(on: tx).filter(\.$orderID ~~ orders.compactMap(\.id)).all()
        let keys = lines.map { CartItemModel.lineKey(product: $0.productID, variant: $0.variantID) }
        guard !keys.isEmpty else { return }
        try await context.sql(tx).delete(from: CartItemModel.schema).where("user_id", .equal, payment.userID).where("line_key", .in, keys).run()
    }

    /// Asks the provider (again) for a payment still processing; the provider's idempotency
    /// key is the payment id, so this never charges twice. Used by the settle job.
    func settle(paymentID: String) async throws {
        guard let payment = try await PaymentModel.find(paymentID, on: context.database()), payment.statusValue == .processing,
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
