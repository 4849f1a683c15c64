import FluentKit
import Foundation
import MarketModels
import SQLKit

/// `POST /checkout` and `POST /checkout/quote`.
///
/// A checkout is three steps, so no database transaction is held open across the network
/// call to the payment provider:
/// 1. one transaction takes the stock with guarded updates (in product order, so concurrent
///    checkouts cannot deadlock), prices the lines as they are now, redeems the coupon,
///    writes one order per shop (`pending`) and the payment (`processing`), and enqueues a
///    delayed settle job: if anything is short, nothing is taken (409 `out_of_stock` naming
///    every short line);
/// 2. the provider is asked to charge (its idempotency key is the payment id);
/// 3. `PaymentSettlement` applies the answer: paid, declined (stock back, orders cancelled,
///    402), or waiting for authentication; the answer is stored for the Idempotency-Key.
/// A process killed between 1 and 3 leaves a `processing` payment that the settle job (or a
/// retry of the same key) finishes; a retry never takes stock twice.
///
/// A provider that answers in-process (`settlesInProcess`: the simulated one) has no network
/// call to keep out of a transaction, so the three steps run in one: nothing is left to
/// settle if the process dies (the transaction rolls back whole), and the payment and its
/// orders need not be read back for step 3. The steps' code is the same either way.
struct CheckoutService: Sendable {
    let context: CommerceContext
    let pricer: CheckoutPricer
    let keys: IdempotencyKeys
    let settlement: PaymentSettlement

    /// Seconds before the settle job looks at a checkout (the request normally settles it first).
    var settleDelay: TimeInterval = 60

    func quote(_ request: CheckoutQuoteRequest, user: UserID) async throws -> CheckoutQuoteDTO {
        var problems = request.shippingAddress?.validate() ?? []
        if !ShippingOptionCode.isValid(request.shippingOption) {
            problems.append(ErrorDetail(field: "shippingOption", code: .invalidFormat, message: "Choose a shipping option such as standard or express."))
        }
        try AppError.check(problems)
        let db = context.database()
        let rows = try await CartService.lines(for: user, on: context.sql(db))
        let currency = rows.first.flatMap { Currency(code: $0.currency) } ?? .usd
        let shortages = rows.filter { $0.quantity > $0.available }.map(Self.shortage)
        let lines = rows.map { CheckoutPricer.PricedLine(cartItemID: $0.id, productID: $0.product_id, variantID: $0.variant_id, shopID: $0.shop_id,
                                                          title: $0.title, sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice) }
        let priced = try await pricer.price(lines, currency: currency, option: request.shippingOption, address: request.shippingAddress,
                                            couponCode: request.couponCode, now: context.clock.now(), on: db)
        let money = { (amount: Int64) in Money(amount: amount, currency: currency) }
        return CheckoutQuoteDTO(
            orders: priced.result.orders.map { order in
                QuoteOrderDTO(shopId: ShopID(rawValue: order.shopID)!, shopName: priced.shopNames[order.shopID] ?? "", subtotal: money(order.subtotal),
                              discount: money(order.discount), shipping: money(order.shipping), tax: money(order.tax), total: money(order.total))
            },
            discount: money(priced.result.discount), total: money(priced.result.total),
            shippingOptions: CheckoutPricer.commonOptions(priced.options, currency: currency), problems: shortages)
    }

    private static func shortage(_ row: CartService.LineRow) -> ErrorDetail {
        ErrorDetail(field: "items.\(row.id)", code: "out_of_stock",
                    message: row.available == 0 ? "\(row.title) is out of stock." : "Only \(row.available) of \(row.title) left.")
    }

    // MARK: Checkout

    func checkout(_ request: CheckoutRequest, key: String, user: UserID) async throws -> IdempotencyKeys.StoredResponse {
        try AppError.check(request.validate())
        switch try await keys.claim(user: user, scope: "checkout", key: key, hash: try IdempotencyKeys.hash(request)) {
        case .replay(let answer):
            return answer
        case .claimed(let claim, let checkoutID?):
            // An earlier request with this key died after taking the stock: finish that checkout.
            return try await finish(checkoutID: checkoutID, claim: claim, askProvider: true)
        case .claimed(let claim, nil):
            let begun: Begun
            do {
                if context.provider.settlesInProcess { return try await checkoutAtOnce(request, user: user, claim: claim) }
                begun = try await begin(request, user: user, claim: claim)
            } catch let error as AppError where [400, 402, 404, 409].contains(Int(error.status.code)) {
                // The request ran and was refused (short stock, a used-up coupon): that is its answer.
                let answer = IdempotencyKeys.StoredResponse.failure(error)
                try await keys.complete(claim, status: answer.status, body: answer.body, on: context.database())
                throw error
            } catch {
                await keys.release(claim)
                throw error
            }
            return try await charge(begun, claim: claim)
        }
    }

    /// What step 1 wrote: the payment to ask for, its orders, and the rows of the answer
    /// besides the orders' own (lines, first timeline entries, shop names), so the answer is
    /// built from them instead of being read back.
    struct Begun: Sendable {
        var payment: PaymentModel
        var orders: [OrderModel]
        var parts: OrderAssembler.Parts
        /// Change-log rows still to record (the orders are not announced yet).
        var changes: [ChangeLog.Change] = []
    }

    /// Step 1 in a transaction of its own, with the settle job as the safety net for a
    /// process that dies before step 3.
    private func begin(_ request: CheckoutRequest, user: UserID, claim: String) async throws -> Begun {
        let (begun, effects) = try await withTaskExecutorPreference(context.writer) { try await context.database().transaction { tx -> (Begun, CommerceEffects) in
            let (rows, products) = try await take(request, user: user, claim: claim, on: tx)
            return try await write(rows, products: products, outlivesTransaction: true, on: tx)
        } }
        await effects.publish(in: context)
        return begun
    }

    /// Steps 1 to 3 in one transaction (`settlesInProcess`). The provider is asked once the
    /// stock is taken and the amount known, before any row is written: a payment that
    /// succeeds at once is written paid, with its orders, in their final state (the state
    /// before was never visible to anyone); any other answer writes them pending and
    /// settles them as a provider over the network would be settled.
    private func checkoutAtOnce(_ request: CheckoutRequest, user: UserID, claim: String) async throws -> IdempotencyKeys.StoredResponse {
        let (answer, effects) = try await withTaskExecutorPreference(context.writer) { try await context.database().transaction { tx -> (IdempotencyKeys.StoredResponse?, CommerceEffects) in
            let (rows, products) = try await take(request, user: user, claim: claim, on: tx)
            let outcome = try await ask(for: rows.payment)
            if outcome.status == .succeeded {
                return try await writePaid(rows, intentID: outcome.intentID, products: products, on: tx)
            }
            var (begun, effects) = try await write(rows, products: products, outlivesTransaction: false, on: tx)
            // Settling announces the orders, in their final state, with the products' change-log rows.
            let settled = try await settlement.apply(outcome, to: begun.payment, known: begun.parts,
                                                     orders: begun.orders, recording: begun.changes, on: tx)
            effects.merge(settled.effects)
            return (settled.answer, effects)
        } }
        await effects.publish(in: context)
        // The claim is this request's, so settling stored its answer; read it back otherwise.
        if let answer { return answer }
        guard let stored = try await stored(claim) else { throw AppError(.conflict, .conflict, "This checkout's answer was not stored; try again.") }
        return stored
    }

    /// Step 1 then 3 for a payment that succeeded before anything was written: payment and
    /// orders go in paid, each order's timeline gets its two entries (placed, paid) in one
    /// statement, the bought lines leave the cart, and the answer is stored for the key.
    private func writePaid(_ rows: CheckoutRows, intentID: String, products: Set<String>,
                           on tx: any Database) async throws -> (IdempotencyKeys.StoredResponse?, CommerceEffects) {
        let sql = context.sql(tx)
        let transitions = OrderTransitions(context: context)
        rows.payment.status = PaymentStatus.succeeded.rawValue
        rows.payment.intentID = intentID
        for order in rows.orders { order.status = OrderStatus.paid.rawValue }
        try await rows.insert(on: sql)
        let events = try await transitions.recordPlacedAndPaid(rows.orders, buyer: rows.payment.userID, note: "Payment succeeded",
                                                               at: rows.payment.createdAt, on: tx)
        let orders = rows.orders.sorted { $0.id! < $1.id! }  // as settling answers them
        let invoices = try orders.map { try InvoiceJobHandler.job(orderID: $0.id!) }
        var effects = CommerceEffects()
        effects.products = products
        effects.merge(try await transitions.announce(orders, recording: Self.productChanges(products), enqueueing: invoices, on: tx))
        try await settlement.clearBoughtLines(of: rows.payment, on: tx)
        let parts = OrderAssembler.Parts(lines: rows.lines, events: events, shopNames: rows.shopNames)
        let answer = try IdempotencyKeys.StoredResponse.success(
            OrderAssembler.checkoutResult(payment: rows.payment, orders: orders, parts: parts), status: 201)
        return (try await keys.complete(rows.payment.idempotencyID!, status: answer.status, body: answer.body, on: tx) ? answer : nil, effects)
    }

    /// The products' change-log rows, recorded with the orders' in one statement.
    private static func productChanges(_ products: Set<String>) -> [ChangeLog.Change] {
        products.sorted().map { ChangeLog.Change(entity: "product", id: $0, scope: "public") }
    }

    /// Step 1's first half, writing no checkout row yet: takes the stock, prices the lines as
    /// they are now and redeems the coupon; returns the rows to write (payment `processing`,
    /// orders `pending`) and the products whose stock moved.
    private func take(_ request: CheckoutRequest, user: UserID, claim: String,
                      on tx: any Database) async throws -> (CheckoutRows, products: Set<String>) {
        let now = context.clock.now()
        let sql = context.sql(tx)
        let rows = try await CartService.lines(for: user, on: sql)
        guard !rows.isEmpty else { throw AppError.validation(field: "cart", code: "required", "Your cart is empty.") }
        guard let currency = Currency(code: rows[0].currency), rows.allSatisfy({ $0.currency == rows[0].currency }) else {
            throw AppError(.conflict, .conflict, "Your cart mixes currencies; remove the items in the other currency.")
        }
        let lines = try await takeStock(rows, on: tx, now: now)
        let priced = try await pricer.price(lines, currency: currency, option: request.shippingOption, address: request.shippingAddress,
                                            couponCode: request.couponCode, now: now, on: tx)
        if let coupon = priced.coupon { try await CouponService.redeem(coupon, on: tx) }
        let written = CheckoutRows(checkoutID: CheckoutID.generate(at: now).rawValue, paymentID: PaymentID.generate(at: now).rawValue, user: user,
                                   request: request, provider: context.provider.name, claim: claim, priced: priced, now: now)
        return (written, Set(lines.map(\.productID)))
    }

    /// Step 1's second half: the rows written as they are (pending), each order's first
    /// timeline entry. `outlivesTransaction`: the payment is settled after this transaction
    /// commits, so the orders are announced as pending, the settle job is enqueued and the
    /// claim records the checkout, for whoever finishes it if this process dies first;
    /// otherwise settling announces them.
    private func write(_ written: CheckoutRows, products: Set<String>, outlivesTransaction: Bool,
                       on tx: any Database) async throws -> (Begun, CommerceEffects) {
        var effects = CommerceEffects()
        effects.products = products
        try await written.insert(on: context.sql(tx))
        let user = written.payment.userID
        let now = written.payment.createdAt
        var parts = OrderAssembler.Parts(lines: written.lines, shopNames: written.shopNames)
        let transitions = OrderTransitions(context: context)
        for order in written.orders {
            parts.events[order.id!] = [try await transitions.record(order, from: nil, actor: .buyer, actorID: user, note: nil, at: now, on: tx)]
        }
        var begun = Begun(payment: written.payment, orders: written.orders, parts: parts)
        let changes = Self.productChanges(products)
        guard outlivesTransaction else {
            begun.changes = changes
            return (begun, effects)
        }
        effects.merge(try await transitions.announce(written.orders, recording: changes, on: tx))
        try await context.jobs.enqueue(PaymentSettleJobHandler.self, payload: .init(paymentID: written.payment.id!),
                                       options: JobOptions(delay: settleDelay, uniqueKey: "settle:\(written.payment.id!)"), on: tx)
        try await keys.attach(resourceID: written.payment.checkoutID, to: written.payment.idempotencyID!, on: tx)
        return (begun, effects)
    }

    /// Takes every line's units with guarded updates, products in id order; throws
    /// `out_of_stock` naming every short line (the transaction then rolls back whole).
    private func takeStock(_ rows: [CartService.LineRow], on tx: any Database, now: Date) async throws -> [CheckoutPricer.PricedLine] {
        let sql = context.sql(tx)
        var taken: [String: CheckoutPricer.PricedLine] = [:]
        var short: [ErrorDetail] = []
        for row in rows.sorted(by: { ($0.product_id, $0.variant_id ?? "") < ($1.product_id, $1.variant_id ?? "") }) {
            let product = try await sql.raw("""
                UPDATE products SET inventory_count = inventory_count - \(bind: row.quantity), updated_at = \(bind: now)
                WHERE id = \(bind: row.product_id) AND visible = \(bind: true) AND inventory_count >= \(bind: row.quantity)
                RETURNING price_amount, title
                """).first()
            var price = try product?.decode(column: "price_amount", as: Int64.self)
            var sku: String?
            if product != nil, let variant = row.variant_id {
                let variantRow = try await sql.raw("""
                    UPDATE product_variants SET inventory_count = inventory_count - \(bind: row.quantity)
                    WHERE id = \(bind: variant) AND product_id = \(bind: row.product_id) AND deleted_at IS NULL AND inventory_count >= \(bind: row.quantity)
                    RETURNING price_amount, sku
                    """).first()
                if let variantRow {
                    price = try variantRow.decode(column: "price_amount", as: Int64?.self) ?? price
                    sku = try variantRow.decode(column: "sku", as: String.self)
                } else {
                    price = nil
                }
            }
            guard let price, let title = try product?.decode(column: "title", as: String.self) else {
                short.append(Self.shortage(row))
                continue
            }
            taken[row.id] = CheckoutPricer.PricedLine(cartItemID: row.id, productID: row.product_id, variantID: row.variant_id, shopID: row.shop_id,
                                                      title: title, sku: sku, quantity: row.quantity, unitPrice: price)
        }
        if !short.isEmpty {
            throw AppError(.conflict, .outOfStock, "Some items are short of stock: nothing was taken and nothing charged.",
                           details: short.sorted { $0.field ?? "" < $1.field ?? "" })
        }
        // The cart's order (oldest line first), so orders list lines as the buyer added them.
        return rows.compactMap { taken[$0.id] }
    }

    /// Step 2 and 3: ask the provider, apply the answer, return the stored answer.
    private func charge(_ begun: Begun, claim: String) async throws -> IdempotencyKeys.StoredResponse {
        // Settling stores the answer in its transaction; nil when something else (a webhook,
        // the settle job) settled the payment first and stored its own.
        if let answer = try await settlement.apply(try await ask(for: begun.payment), paymentID: begun.payment.id!, known: begun.parts) {
            return answer
        }
        return try await finish(checkoutID: begun.payment.checkoutID, claim: claim, askProvider: false)
    }

    /// Step 2: the provider's answer (its idempotency key is the payment id).
    private func ask(for payment: PaymentModel) async throws -> PaymentOutcome {
        do {
            return try await context.provider.charge(PaymentRequest(
                amount: Int(payment.amount), currency: payment.currencyValue, paymentMethod: payment.paymentMethod, idempotencyKey: payment.id!,
                metadata: ["checkoutId": payment.checkoutID], description: "MarketMate checkout \(payment.checkoutID)"))
        } catch .invalidRequest(let message) {
            return PaymentOutcome(intentID: "", status: .declined, declineCode: "invalid_request", message: message)
        } catch {
            // The provider could not be reached: the payment stays processing and the settle
            // job asks again; the buyer sees it pending.
            context.logger.warning("payment provider unavailable; the settle job retries", metadata: ["payment": .string(payment.id!)])
            return PaymentOutcome(intentID: "", status: .processing)
        }
    }

    /// The stored answer of a checkout whose payment step ran, or (`askProvider`, a claim taken
    /// over from a dead request) whose payment was never asked for: it is asked now, with
    /// the same provider key, so it is never charged twice.
    private func finish(checkoutID: String, claim: String, askProvider: Bool) async throws -> IdempotencyKeys.StoredResponse {
        let db = context.database()
        guard var payment = try await PaymentModel.query(on: db).filter(\.$checkoutID == checkoutID).first() else {
            throw AppError(.notFound, .notFound, "No such checkout.")
        }
        if askProvider, payment.statusValue == .processing {
            try await settlement.settle(paymentID: payment.id!)
            payment = try await PaymentModel.find(payment.id!, on: db) ?? payment
        }
        let answer: IdempotencyKeys.StoredResponse = payment.statusValue == .failed
            ? .failure(PaymentSettlement.declined(payment))
            : try .success(try await OrderAssembler.checkoutResult(checkoutID: checkoutID, on: db), status: 201)
        // Whatever was stored first wins (settling stores its own answer in its transaction).
        if try await keys.complete(claim, status: answer.status, body: answer.body, on: db) { return answer }
        return try await stored(claim) ?? answer
    }

    private func stored(_ claim: String) async throws -> IdempotencyKeys.StoredResponse? {
        let row = try await context.sql(context.database()).raw(
            "SELECT response_status, response_body FROM idempotency_keys WHERE id = \(bind: claim)").first()
        guard let row, let status = try row.decode(column: "response_status", as: Int?.self),
              let body = try row.decode(column: "response_body", as: String?.self) else { return nil }
        return .init(status: status, body: body)
    }
}
