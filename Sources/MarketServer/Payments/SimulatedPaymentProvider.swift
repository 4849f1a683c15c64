import Foundation
import MarketModels

/// The built-in provider and the default: no network, and Stripe's test mode as far as
/// checkout can tell. It knows Stripe's test payment-method ids (`pm_card_visa` succeeds,
/// `pm_card_chargeDeclined` is declined with `generic_decline`,
/// `pm_card_authenticationRequired` needs `confirm`) and refuses everything else without
/// repeating it.
///
/// Like Stripe, an idempotency key replays its first result (the same intent id and
/// outcome) and refuses a different request; refusals are not remembered, so a corrected
/// request may reuse the key. Intent ids are derived from the key (`pi_sim_…`), so even a
/// forgotten key gives the same id again.
///
/// State lives in memory and is bounded (`capacity` intents and as many keys, the oldest
/// forgotten first): checkout keeps the durable record. An intent this provider no longer
/// remembers (after a restart, or evicted) but that carries its `pi_sim_` prefix is taken
/// on the caller's word: `confirm` succeeds, `cancel` and `refund` are accepted, and the
/// caller's own ledger bounds refunds. Intents it does remember follow Stripe's rules:
/// refunds only of succeeded intents and never past the charged amount, no cancelling a
/// succeeded intent, no confirming a declined or cancelled one.
public actor SimulatedPaymentProvider: PaymentProvider {
    public nonisolated let name = "simulated"
    /// An actor in this process: nothing to wait for.
    public nonisolated let settlesInProcess = true

    private enum Behaviour {
        case succeed
        case decline(code: String, message: String)
        case authenticate
    }

    /// Stripe's test ids (https://docs.stripe.com/testing), both spellings where Stripe has two.
    private static let behaviours: [String: Behaviour] = {
        var table: [String: Behaviour] = [:]
        for brand in ["visa", "visa_debit", "mastercard", "mastercard_debit", "mastercard_prepaid", "amex", "discover", "diners", "jcb", "unionpay"] {
            table["pm_card_\(brand)"] = .succeed
        }
        let declines: [(String, String, String)] = [
            ("chargeDeclined", "generic_decline", "Your card was declined."),
            ("chargeDeclinedInsufficientFunds", "insufficient_funds", "Your card has insufficient funds."),
            ("chargeDeclinedLostCard", "lost_card", "Your card was declined."),
            ("chargeDeclinedStolenCard", "stolen_card", "Your card was declined."),
            ("chargeDeclinedFraudulent", "fraudulent", "Your card was declined."),
            ("chargeDeclinedExpiredCard", "expired_card", "Your card has expired."),
            ("chargeDeclinedIncorrectCvc", "incorrect_cvc", "Your card's security code is incorrect."),
            ("chargeDeclinedProcessingError", "processing_error", "An error occurred while processing your card. Try again in a little bit."),
        ]
        for (suffix, code, message) in declines {
            table["pm_card_\(suffix)"] = .decline(code: code, message: message)
            table["pm_card_visa_\(suffix)"] = .decline(code: code, message: message)
        }
        table["pm_card_authenticationRequired"] = .authenticate
        table["pm_card_threeDSecure2Required"] = .authenticate
        return table
    }()

    private enum State { case succeeded, requiresAction, declined, canceled }

    private struct Intent {
        var amount: Int
        var state: State
        var refunded = 0
    }

    /// What a key was first used for; the same key with another call is refused.
    private enum Call: Equatable {
        case charge(PaymentRequest)
        case confirm(String)
        case cancel(String)
        case refund(String, Int)
    }

    private enum Reply {
        case payment(PaymentOutcome)
        case canceled
        case refund(RefundOutcome)
    }

    private let capacity: Int
    private var intents = BoundedMap<String, Intent>()
    private var keys = BoundedMap<String, (call: Call, reply: Reply)>()

    public init(capacity: Int = 50_000) {
        self.capacity = max(1, capacity)
    }

    public func charge(_ request: PaymentRequest) throws(PaymentProviderError) -> PaymentOutcome {
        if let problem = request.problem() { throw .invalidRequest(problem) }
        if case .payment(let outcome)? = try replay(request.idempotencyKey, .charge(request)) { return outcome }
        guard let behaviour = Self.behaviours[request.paymentMethod] else {
            throw .invalidRequest("no such payment method: the simulated provider accepts Stripe's test ids such as pm_card_visa")
        }
        let id = Self.derivedID("pi_sim_", request.idempotencyKey)
        let outcome: PaymentOutcome
        switch behaviour {
        case .succeed:
            outcome = PaymentOutcome(intentID: id, status: .succeeded)
        case .decline(let code, let message):
            outcome = PaymentOutcome(intentID: id, status: .declined, declineCode: code, message: message)
        case .authenticate:
            outcome = PaymentOutcome(intentID: id, status: .requiresAction, message: "The card needs authentication (3-D Secure).")
        }
        let state: State = switch outcome.status {
        case .succeeded, .processing: .succeeded
        case .requiresAction: .requiresAction
        case .declined: .declined
        }
        intents.insert(Intent(amount: request.amount, state: state), for: id, capacity: capacity)
        remember(request.idempotencyKey, .charge(request), .payment(outcome))
        return outcome
    }

    public func confirm(intentID: String, idempotencyKey: String) throws(PaymentProviderError) -> PaymentOutcome {
        if case .payment(let outcome)? = try replay(idempotencyKey, .confirm(intentID)) { return outcome }
        try checkID(intentID)
        switch intents[intentID]?.state {
        case .requiresAction?, .succeeded?, nil:
            intents.update(intentID) { $0.state = .succeeded }
        case .declined?:
            throw .invalidRequest("this PaymentIntent was declined: it needs a new payment method, not a confirmation")
        case .canceled?:
            throw .invalidRequest("this PaymentIntent was cancelled and cannot be confirmed")
        }
        let outcome = PaymentOutcome(intentID: intentID, status: .succeeded)
        remember(idempotencyKey, .confirm(intentID), .payment(outcome))
        return outcome
    }

    public func cancel(intentID: String, idempotencyKey: String) throws(PaymentProviderError) {
        if try replay(idempotencyKey, .cancel(intentID)) != nil { return }
        try checkID(intentID)
        if intents[intentID]?.state == .succeeded {
            throw .invalidRequest("a succeeded PaymentIntent cannot be cancelled: refund it instead")
        }
        intents.update(intentID) { $0.state = .canceled }
        remember(idempotencyKey, .cancel(intentID), .canceled)
    }

    public func refund(intentID: String, amount: Int, idempotencyKey: String) throws(PaymentProviderError) -> RefundOutcome {
        if case .refund(let outcome)? = try replay(idempotencyKey, .refund(intentID, amount)) { return outcome }
        try checkID(intentID)
        guard amount > 0 else { throw .invalidRequest("the refund amount must be a positive number of minor units") }
        if let intent = intents[intentID] {
            guard intent.state == .succeeded else { throw .invalidRequest("only a succeeded PaymentIntent can be refunded") }
            let left = intent.amount - intent.refunded
            guard amount <= left else {
                throw .invalidRequest("refund amount (\(amount)) is greater than the unrefunded amount (\(left))")
            }
            intents.update(intentID) { $0.refunded += amount }
        }
        let outcome = RefundOutcome(refundID: Self.derivedID("re_sim_", idempotencyKey), amount: amount, status: "succeeded")
        remember(idempotencyKey, .refund(intentID, amount), .refund(outcome))
        return outcome
    }

    // MARK: Idempotency

    /// The first reply to `key`, if it was used for this very call; a different call is
    /// refused as Stripe refuses it.
    private func replay(_ key: String, _ call: Call) throws(PaymentProviderError) -> Reply? {
        if let problem = PaymentRequestRules.idempotencyKeyProblem(key) { throw .invalidRequest(problem) }
        guard let first = keys[key] else { return nil }
        guard first.call == call else {
            throw .invalidRequest("this idempotency key was already used for a different request")
        }
        return first.reply
    }

    private func remember(_ key: String, _ call: Call, _ reply: Reply) {
        keys.insert((call, reply), for: key, capacity: capacity)
    }

    private func checkID(_ intentID: String) throws(PaymentProviderError) {
        guard intentID.hasPrefix("pi_sim_"), PaymentMethodID.isStripeID(intentID) else {
            throw .invalidRequest("no such PaymentIntent")
        }
    }

    /// `prefix` and 24 hex digits of the key's SHA-256: stable across restarts and evictions.
    static func derivedID(_ prefix: String, _ key: String) -> String {
        prefix + SecureToken.digest(prefix + key).prefix(24)
    }
}

/// A dictionary that forgets its oldest entries past a capacity: the simulated provider's
/// memory must not grow with every checkout of a long-running server.
private struct BoundedMap<Key: Hashable, Value> {
    private var values: [Key: Value] = [:]
    private var order: [Key] = []
    private var head = 0

    subscript(key: Key) -> Value? { values[key] }

    mutating func insert(_ value: Value, for key: Key, capacity: Int) {
        if values.updateValue(value, forKey: key) == nil { order.append(key) }
        while values.count > capacity {
            values[order[head]] = nil
            head += 1
        }
        // Compact now and then, so `order` does not keep every key ever seen.
        if head > capacity {
            order.removeFirst(head)
            head = 0
        }
    }

    mutating func update(_ key: Key, _ change: (inout Value) -> Void) {
        guard var value = values[key] else { return }
        change(&value)
        values[key] = value
    }
}
