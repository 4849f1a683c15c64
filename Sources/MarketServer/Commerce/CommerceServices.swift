import FluentKit
import Foundation
import Logging
import MarketModels

/// Cart, checkout, orders, payments and refunds, wired once.
struct CommerceServices: Sendable {
    let context: CommerceContext
    let cart: CartService
    let keys: IdempotencyKeys
    let shipping: ShippingOptionStore
    let coupons: CouponService
    let transitions: OrderTransitions
    let settlement: PaymentSettlement
    let checkout: CheckoutService
    let payments: PaymentService
    let refunds: RefundService
    let orders: OrderService
    let invoices: any InvoiceStore
    let webhooks: StripeWebhookService

    init(context: CommerceContext, shops: ShopService, invoices: any InvoiceStore, webhookSecret: SecretString?) {
        self.context = context
        self.invoices = invoices
        cart = CartService(database: context.database, clock: context.clock, writer: context.writer)
        keys = IdempotencyKeys(database: context.database, clock: context.clock)
        shipping = ShippingOptionStore(database: context.database, settings: context.settings, shops: shops)
        coupons = CouponService(database: context.database, clock: context.clock, shops: shops)
        transitions = OrderTransitions(context: context)
        settlement = PaymentSettlement(context: context, transitions: transitions, keys: keys)
        checkout = CheckoutService(context: context, pricer: CheckoutPricer(settings: context.settings, shipping: shipping),
                                   keys: keys, settlement: settlement)
        payments = PaymentService(context: context, settlement: settlement)
        refunds = RefundService(context: context, transitions: transitions, keys: keys)
        orders = OrderService(context: context, transitions: transitions, refunds: refunds)
        webhooks = StripeWebhookService(context: context, settlement: settlement, transitions: transitions, secret: webhookSecret)
    }

    /// The commerce jobs: settling payments and refunds, invoices, and the hourly purge of
    /// old idempotency keys.
    func registerJobs(on jobs: JobQueue) throws {
        jobs.registry.register(PaymentSettleJobHandler(settlement: settlement))
        jobs.registry.register(RefundJobHandler(database: context.database, refunds: refunds))
        jobs.registry.register(InvoiceJobHandler(database: context.database, readDatabase: context.catalog.readDatabase, store: invoices))
        jobs.registry.register(IdempotencyPurgeJobHandler(keys: keys, retentionHours: context.settings.idempotencyRetentionHours))
        jobs.registry.schedule(try RecurringJob(name: "commerce.idempotency.purge", cron: "17 * * * *",
                                                type: IdempotencyPurgeJobHandler.type, payload: IdempotencyPurgeJobHandler.Payload()))
    }
}

/// `commerce.idempotency.purge`: deletes finished idempotency keys past their retention.
struct IdempotencyPurgeJobHandler: JobHandler {
    struct Payload: Codable, Sendable {}
    static let type = "commerce.idempotency.purge"
    static let settings = JobSettings(maxAttempts: 3, timeout: .seconds(300), concurrency: 1)
    let keys: IdempotencyKeys
    let retentionHours: Int

    func run(_ payload: Payload, context: JobContext) async throws {
        _ = try await keys.purge(olderThanHours: retentionHours)
    }
}
