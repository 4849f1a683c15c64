import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import MarketModels
import SQLKit

/// `POST /webhooks/stripe`: Stripe's events about payments, verified on the raw bytes and
/// applied once.
///
/// The event id is inserted into `webhook_events` in the same transaction that applies the
/// event; a second delivery (Stripe retries, or sends one event several times at once)
/// finds the row and changes nothing. On PostgreSQL a concurrent duplicate waits on the
/// first one's uncommitted row and then sees the conflict, so "at once" is covered too.
struct StripeWebhookService: Sendable {
    let context: CommerceContext
    let settlement: PaymentSettlement
    let transitions: OrderTransitions
    let secret: SecretString?

    static let invalid = AppError(.badRequest, .validationFailed, "The Stripe-Signature header does not verify this body.",
                                  details: [ErrorDetail(field: "Stripe-Signature", code: "invalid_signature", message: "Signature check failed.")])

    /// Verifies and applies; returns whether the event was new.
    @discardableResult
    func receive(body: [UInt8], signature: String?) async throws -> Bool {
        guard let secret else {
            throw AppError(.notFound, .notFound, "Webhooks are not configured on this server (MARKETMATE_STRIPE_WEBHOOK_SECRET).")
        }
        guard let signature else { throw Self.invalid }
        do {
            try StripeSignature.verify(header: signature, payload: body, secret: secret.value, now: context.clock.now())
        } catch {
            context.logger.notice("stripe webhook refused", metadata: ["reason": .string(error.description)])
            throw Self.invalid
        }
        let event: StripeEvent
        do {
            event = try StripeEvent.decode(body)
        } catch {
            throw AppError(.badRequest, .malformedRequest, "The body is not a Stripe event.")
        }
        let (fresh, effects) = try await context.database().transaction { tx -> (Bool, CommerceEffects) in
            let inserted = try await context.sql(tx).raw("""
                INSERT INTO webhook_events (id, type, received_at) VALUES (\(bind: event.id), \(bind: event.type), \(bind: context.clock.now()))
                ON CONFLICT (id) DO NOTHING RETURNING id
                """).all()
            guard !inserted.isEmpty else { return (false, CommerceEffects()) }
            return (true, try await apply(event, on: tx))
        }
        await effects.publish(in: context)
        return fresh
    }

    private func payment(for object: StripeEvent.Object, on tx: any Database) async throws -> PaymentModel? {
        if let checkout = object.metadata["checkoutId"], let found = try await PaymentModel.query(on: tx).filter(\.$checkoutID == checkout).first() {
            return found
        }
        let intent = object.paymentIntent ?? object.id
        return try await PaymentModel.query(on: tx).filter(\.$intentID == intent).first()
    }

    private func apply(_ event: StripeEvent, on tx: any Database) async throws -> CommerceEffects {
        let object = event.data.object
        guard ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"].contains(event.type),
              let found = try await payment(for: object, on: tx) else { return CommerceEffects() }
        try await context.lock(table: PaymentModel.schema, id: found.id!, on: tx)
        guard let payment = try await PaymentModel.find(found.id!, on: tx) else { return CommerceEffects() }
        switch event.type {
        case "payment_intent.succeeded":
            return try await settlement.apply(PaymentOutcome(intentID: object.id, status: .succeeded), to: payment, on: tx).effects
        case "payment_intent.payment_failed":
            let error = object.lastPaymentError
            return try await settlement.apply(PaymentOutcome(intentID: object.id, status: .declined,
                                                             declineCode: error?.declineCode ?? error?.code, message: error?.message), to: payment, on: tx).effects
        default:
            return try await refunded(payment, total: Int64(object.amountRefunded ?? 0), on: tx)
        }
    }

    /// `charge.refunded` (a refund made at Stripe, or ours echoed back): the payment's
    /// refunded total follows Stripe's; refunded in full, its paid orders become `refunded`.
    private func refunded(_ payment: PaymentModel, total: Int64, on tx: any Database) async throws -> CommerceEffects {
        guard total > payment.refundedAmount else { return CommerceEffects() }
        payment.refundedAmount = min(total, payment.amount)
        payment.updatedAt = context.clock.now()
        try await payment.update(on: tx)
        var effects = CommerceEffects()
        guard payment.refundedAmount >= payment.amount else { return effects }
        for order in try await OrderModel.query(on: tx).filter(\.$checkoutID == payment.checkoutID).sort(\.$id).all() where order.statusValue.isPaid {
            try await context.lock(table: OrderModel.schema, id: order.id!, on: tx)
            order.refundedAmount = order.total
            effects.merge(try await transitions.move(order, to: .refunded, actor: .system, actorID: nil, note: "Refunded at the payment provider", on: tx))
        }
        return effects
    }
}

/// The route: the raw body, as Stripe signed it (never re-encoded JSON).
struct StripeWebhookController {
    let webhooks: StripeWebhookService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("webhooks/stripe") { request, context in
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: 1 << 20)
            } catch {
                throw AppError(.contentTooLarge, .payloadTooLarge, "A Stripe event is at most 1 MiB.")
            }
            let fresh = try await webhooks.receive(body: Array(buffer.readableBytesView), signature: request.headers[HTTPField.Name("Stripe-Signature")!])
            return try Response.json(["received": true, "duplicate": !fresh])
        }
    }
}
