import MarketClient
import MarketModels
import TerminalKit

/// What may be done to an order (cancel, received, ship, refund), the dialogs that ask for
/// it, and the commands of the orders screens.
extension OrdersScreen {
    enum ShipField {
        static let carrier = "carrier", trackingNumber = "trackingNumber"
    }

    enum RefundField {
        static let amount = "amount", reason = "reason"
    }

    static func orderAction(_ model: inout OrdersModel, _ action: OrdersAction, env: TUIEnvironment) -> Effect<OrdersAction> {
        switch action {
        case .askCancel:
            guard let order = model.current, model.may(.cancelled, order), !model.working.contains(order.id) else { return .none }
            model.dialog = .confirmCancel(order.id, buttons: ModalState(buttons: ["Cancel the order", "Keep it"], focused: 1))
            return .none
        case .complete:
            guard let order = model.current, model.may(.complete, order) else { return .none }
            return send(&model, order.id, .complete, env: env) { client in try await client.completeOrder(order.id) }
        case .askShip:
            guard let order = model.current, model.may(.shipped, order), !model.working.contains(order.id) else { return .none }
            model.dialog = .ship(order.id, form: FormState(fields: [
                .text(ShipField.carrier, label: "Carrier", placeholder: "UPS, DHL, La Poste…", maxLength: 60),
                .text(ShipField.trackingNumber, label: "Tracking number", placeholder: "1Z999AA10123456784", maxLength: 64),
            ]))
            return .none
        case .askRefund:
            guard let order = model.current, model.may(.refunded, order), !model.working.contains(order.id) else { return .none }
            let remainder = OrderText.refundable(order)
            model.dialog = .refund(order.id, form: FormState(fields: [
                .text(RefundField.amount, label: "Amount (\(remainder.currency.code))", placeholder: PriceText.format(remainder.amount, currency: remainder.currency), maxLength: 20),
                .text(RefundField.reason, label: "Reason", placeholder: "optional: damaged in transit", maxLength: 200),
            ], values: [RefundField.amount: PriceText.format(remainder.amount, currency: remainder.currency)]), remainder: remainder)
            return .none
        case .edit(let event):
            return dialogInput(&model, event, env: env)
        case .submitDialog:
            return submitDialog(&model, env: env)
        case .changed(let id, let verb, let result):
            model.working.remove(id)
            switch result {
            case .success(let order):
                model.replace(OrderDTO.sanitizedForTerminal(order))
                return .sending([.toast("Order \(OrderText.number(id)) \(verb.rawValue).", .success)])
            case .failure(let error):
                return .sending([.toast("Order \(OrderText.number(id)) was not \(verb.rawValue): \(ErrorText.sentence(for: error))", .error), .failed(error)])
            }
        case .refunded(let id, let key, let result):
            model.working.remove(id)
            guard model.refundAttempts[id]?.key == key else { return .none }
            switch result {
            case .success(let order):
                model.refundAttempts[id] = nil
                let clean = OrderDTO.sanitizedForTerminal(order)
                model.replace(clean)
                if case .refund(id, _, _)? = model.dialog { model.dialog = nil }
                return .sending([.toast("Order \(OrderText.number(id)): \(clean.refunded.formatted) refunded in all.", .success)])
            case .failure(let error):
                var attempt = model.refundAttempts[id] ?? IdempotentAttempt()
                let sentence = CheckoutScreen.retryText(error, definitive: &attempt)
                model.refundAttempts[id] = attempt
                if case .refund(id, var form, let remainder)? = model.dialog {
                    form.formError = sentence
                    model.dialog = .refund(id, form: form, remainder: remainder)
                }
                return .sending([.toast("The refund of order \(OrderText.number(id)) did not go through: \(sentence)", .error), .failed(error)])
            }
        default:
            return .none
        }
    }

    /// One action on its way; its answer comes back as `.changed`.
    static func send(
        _ model: inout OrdersModel, _ id: OrderID, _ verb: OrderVerb, env: TUIEnvironment,
        _ call: @escaping @Sendable (APIClient) async throws -> OrderDTO
    ) -> Effect<OrdersAction> {
        guard !model.working.contains(id) else { return .none }
        model.working.insert(id)
        let client = env.client
        return .run { send in
            do { send(.changed(id, verb, .success(try await call(client)))) } catch { send(.changed(id, verb, .failure(error))) }
        }
    }

    static func dialogInput(_ model: inout OrdersModel, _ event: InputEvent, env: TUIEnvironment) -> Effect<OrdersAction> {
        switch model.dialog {
        case .confirmCancel(let id, var buttons)?:
            switch buttons.handle(event) {
            case .chosen(0):
                model.dialog = nil
                return send(&model, id, .cancel, env: env) { client in try await client.cancelOrder(id) }
            case .chosen, .cancelled:
                model.dialog = nil
            case .pending:
                model.dialog = .confirmCancel(id, buttons: buttons)
            }
            return .none
        case .ship(let id, _)?, .refund(let id, _, _)?:
            guard !model.working.contains(id), let dialog = model.dialog, var form = dialog.form else { return .none }
            let step = formStep(&form, event, keymap: env.keymap)
            model.dialog = step == .cancelled ? nil : dialog.with(form: form)
            return step == .submitted ? submitDialog(&model, env: env) : .none
        case nil:
            return .none
        }
    }

    /// Sends the open ship or refund form, unless its order has an action on its way.
    static func submitDialog(_ model: inout OrdersModel, env: TUIEnvironment) -> Effect<OrdersAction> {
        switch model.dialog {
        case .ship(let id, let form)? where !model.working.contains(id): return submitShip(&model, id, form: form, env: env)
        case .refund(let id, let form, let remainder)? where !model.working.contains(id):
            return submitRefund(&model, id, form: form, remainder: remainder, env: env)
        default: return .none
        }
    }

    /// The ship form's order, checked with the server's rules first.
    static func submitShip(_ model: inout OrdersModel, _ id: OrderID, form: FormState, env: TUIEnvironment) -> Effect<OrdersAction> {
        var form = form
        let values = form.values
        let request = ShipOrderRequest(carrier: (values[ShipField.carrier] ?? "").trimmingCharacters(in: .whitespaces),
                                       trackingNumber: (values[ShipField.trackingNumber] ?? "").trimmingCharacters(in: .whitespaces))
        let problems = request.validate()
        for field in [ShipField.carrier, ShipField.trackingNumber] { form.setError(problems.first { $0.field == field }?.message, for: field) }
        model.dialog = .ship(id, form: form)
        guard problems.isEmpty else { return .none }
        model.dialog = nil
        return send(&model, id, .ship, env: env) { client in try await client.shipOrder(id, request) }
    }

    enum FormStep { case editing, submitted, cancelled }

    /// A key in a dialog's form: typing, or the save key or enter on the last field
    /// (submitted), or esc.
    static func formStep(_ form: inout FormState, _ event: InputEvent, keymap: Keymap) -> FormStep {
        if case .key(let press) = event, keymap.matches(press, "save") { return .submitted }
        switch form.handle(event) {
        case .cancelled: return .cancelled
        case .submitted, .invalid: return .submitted
        case .handled, .ignored: return .editing
        }
    }

    /// Sends the refund with the attempt's key: the same key as last time while the amount
    /// and reason are the same, so a retry after a lost answer does not refund twice.
    static func submitRefund(_ model: inout OrdersModel, _ id: OrderID, form: FormState, remainder: Money, env: TUIEnvironment) -> Effect<OrdersAction> {
        var form = form
        let values = form.values
        let amountText = values[RefundField.amount] ?? ""
        var problem: String?
        var amount: Int64 = 0
        switch PriceText.parse(amountText, currency: remainder.currency) {
        case .failure(let error): problem = error.message
        case .success(let value): amount = value
        }
        if problem == nil, amount <= 0 { problem = "Refund more than nothing." }
        if problem == nil, amount > remainder.amount { problem = "At most \(remainder.formatted) is left to refund." }
        form.setError(problem, for: RefundField.amount)
        form.formError = nil
        model.dialog = .refund(id, form: form, remainder: remainder)
        guard problem == nil else { return .none }
        let reason = (values[RefundField.reason] ?? "").trimmingCharacters(in: .whitespaces)
        let request = RefundOrderRequest(amount: Money(amount: amount, currency: remainder.currency), reason: reason.isEmpty ? nil : reason)
        var attempt = model.refundAttempts[id] ?? IdempotentAttempt()
        let key = attempt.key(for: request, make: env.makeIdempotencyKey)
        model.refundAttempts[id] = attempt
        model.working.insert(id)
        let client = env.client
        return .run { send in
            do {
                send(.refunded(id, key: key, .success(try await client.refundOrder(id, request, idempotencyKey: key))))
            } catch {
                send(.refunded(id, key: key, .failure(error)))
            }
        }
    }

    // MARK: Commands

    static func commands(_ model: OrdersModel, closeTitle: String?) -> [Command<OrdersAction>] {
        switch model.dialog {
        case .confirmCancel?: return [Command("back", "Close the dialog", .back, footer: "cancel")]
        case .ship?: return [Command("save", "Mark the order shipped", .submitDialog, footer: "ship"), Command("back", "Close the form", .back, footer: "cancel")]
        case .refund?: return [Command("save", "Send the refund", .submitDialog, footer: "refund"), Command("back", "Close the form", .back, footer: "cancel")]
        case nil: break
        }
        var commands: [Command<OrdersAction>] = []
        if model.detail != nil {
            commands.append(Command("back", "Back to the list", .back, footer: "list"))
        } else {
            if model.selected != nil { commands.append(Command("open", "Open the selected order", .open, footer: "open")) }
            if let closeTitle { commands.append(Command("back", closeTitle, .back, footer: "back")) }
        }
        if let order = model.current {
            if model.may(.shipped, order) { commands.append(Command("ship", "Mark the order shipped (carrier and tracking)", .askShip, footer: "ship")) }
            if model.may(.complete, order) { commands.append(Command("complete-order", "Mark the order received", .complete, footer: "received")) }
            if model.may(.refunded, order) { commands.append(Command("refund", "Refund the order (all or part)", .askRefund, footer: "refund")) }
            if model.may(.cancelled, order) { commands.append(Command("cancel-order", "Cancel the order", .askCancel, footer: "cancel order")) }
            if order.invoiceAvailable { commands.append(Command("invoice", "Save the invoice (PDF)", .downloadInvoice, footer: "invoice")) }
        }
        if model.detail == nil {
            commands.append(Command("filter", "Show only orders in the next state (all, pending, paid, …)", .cycleFilter, footer: "filter"))
        }
        commands.append(Command("refresh", "Reload the orders", .refresh))
        return commands
    }
}
