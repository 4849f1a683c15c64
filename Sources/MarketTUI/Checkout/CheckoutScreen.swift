import MarketClient
import MarketModels
import TerminalKit

/// The checkout's steps (see `CheckoutModel`). The cart screen owns it and handles what
/// leaves it: closing (back from the address, enter when done), the cart emptied after an
/// order, and short stock sending the buyer back to the cart.
enum CheckoutScreen {
    static func update(
        _ model: inout CheckoutModel, _ action: CheckoutAction, lines: [CheckoutModel.Fingerprint.Line], env: TUIEnvironment
    ) -> Effect<CheckoutAction> {
        switch action {
        case .edit(let event):
            guard model.step == .address else { return .none }
            if case .key(let press) = event, env.keymap.matches(press, "save") { return next(&model, lines: lines, env: env) }
            switch model.address.handle(event) {
            case .submitted, .invalid: return next(&model, lines: lines, env: env)
            case .cancelled: return .sending([.back])
            case .handled, .ignored: return .none
            }
        case .key(let press):
            switch model.step {
            case .shipping: _ = model.shippingList.handle(.key(press), keymap: .navigation)
            case .payment: _ = model.paymentList.handle(.key(press), keymap: .navigation)
            default: break
            }
            return .none
        case .mouse(let mouse, let body):
            let area = CheckoutView.choicesArea(body)
            switch model.step {
            case .shipping: _ = model.shippingList.handle(.mouse(mouse), area: area, keymap: .navigation)
            case .payment: _ = model.paymentList.handle(.mouse(mouse), area: area, keymap: .navigation)
            default: break
            }
            return .none
        case .next:
            return next(&model, lines: lines, env: env)
        case .back:
            switch model.step {
            case .shipping: model.step = .address
            case .payment: model.step = .shipping
            case .review: model.step = .payment
            case .confirm where !model.isPlacing: model.step = .review
            default: break  // the address closes (the cart does it); an order once placed stays
            }
            return .none
        case .requote:
            return quote(&model, env: env)
        case .quoted(let generation, let option, let result):
            guard generation == model.quoteGeneration else { return .none }
            model.isQuoting = false
            switch result {
            case .success(let quote):
                let clean = CheckoutQuoteDTO.sanitizedForTerminal(quote)
                model.quote = clean
                model.quotedOption = option
                model.quoteError = nil
                model.shippingList.setCount(clean.shippingOptions.count)
                if let index = clean.shippingOptions.firstIndex(where: { $0.code == model.shippingOption }) { model.shippingList.select(index) }
                return .none
            case .failure(let error):
                model.quoteError = ErrorText.sentence(for: error)
                return .none
            }
        case .placed(let key, let result):
            guard key == model.attempt.key else { return .none }  // an attempt already settled
            model.isPlacing = false
            return placed(&model, result)
        case .confirmed(let key, let result):
            guard key == model.confirmAttempt.key else { return .none }
            model.isConfirming = false
            switch result {
            case .success(let answer):
                model.confirmAttempt.finish()
                model.result = CheckoutResultDTO.sanitizedForTerminal(answer)
                if answer.payment.status == .requiresAction {
                    model.confirmError = "The payment still needs your authentication; press enter to try again."
                } else {
                    model.step = .done
                }
            case .failure(let error):
                model.confirmError = retryText(error, definitive: &model.confirmAttempt)
            }
            return .none
        }
    }

    /// Enter: check this step and go on, or place the order, or confirm the payment.
    static func next(_ model: inout CheckoutModel, lines: [CheckoutModel.Fingerprint.Line], env: TUIEnvironment) -> Effect<CheckoutAction> {
        switch model.step {
        case .address:
            switch model.shippingAddress() {
            case .failure(let problems):
                model.show(problems.messages)
                return .none
            case .success:
                model.show([:])
                model.step = .shipping
                return quote(&model, env: env)
            }
        case .shipping:
            guard let index = model.shippingList.selected, model.shippingOptions.indices.contains(index) else {
                return model.isQuoting ? .none : quote(&model, env: env)
            }
            model.shippingOption = model.shippingOptions[index].code
            model.step = .payment
            return model.currentQuote == nil ? quote(&model, env: env) : .none
        case .payment:
            guard let index = model.paymentList.selected, PaymentMethodRules.testMethods.indices.contains(index) else { return .none }
            model.paymentMethod = PaymentMethodRules.testMethods[index].id
            model.paymentError = nil
            model.step = .review
            return .none
        case .review:
            guard model.currentQuote != nil else { return model.isQuoting ? .none : quote(&model, env: env) }
            model.placingError = nil
            model.step = .confirm
            return .none
        case .confirm:
            return place(&model, lines: lines, env: env)
        case .authenticate:
            return confirmPayment(&model, env: env)
        case .done:
            return .none  // the cart closes the checkout
        }
    }

    static func quote(_ model: inout CheckoutModel, env: TUIEnvironment) -> Effect<CheckoutAction> {
        model.quoteGeneration += 1
        model.isQuoting = true
        let client = env.client, generation = model.quoteGeneration, request = model.quoteRequest()
        return .run { send in
            do {
                send(.quoted(generation: generation, option: request.shippingOption, .success(try await client.checkoutQuote(request))))
            } catch {
                send(.quoted(generation: generation, option: request.shippingOption, .failure(error)))
            }
        }
    }

    /// Sends the order. A second Enter while it is on its way sends nothing; a retry after
    /// a lost answer sends the same key, so the server answers with the first result.
    static func place(_ model: inout CheckoutModel, lines: [CheckoutModel.Fingerprint.Line], env: TUIEnvironment) -> Effect<CheckoutAction> {
        guard !model.isPlacing, let request = model.request() else { return .none }
        let key = model.attempt.key(for: CheckoutModel.Fingerprint(request: request, lines: lines), make: env.makeIdempotencyKey)
        model.isPlacing = true
        model.placingError = nil
        let client = env.client
        return .run { send in
            do {
                send(.placed(key: key, .success(try await client.checkout(request, idempotencyKey: key))))
            } catch {
                send(.placed(key: key, .failure(error)))
            }
        }
    }

    static func placed(_ model: inout CheckoutModel, _ result: Result<CheckoutResultDTO, any Error>) -> Effect<CheckoutAction> {
        switch result {
        case .success(let answer):
            model.attempt.finish()
            let clean = CheckoutResultDTO.sanitizedForTerminal(answer)
            model.result = clean
            switch clean.payment.status {
            case .succeeded, .processing:
                model.step = .done
            case .requiresAction:
                model.step = .authenticate
            case .failed, .cancelled:
                model.paymentError = clean.payment.message ?? "The payment did not go through; choose another payment method."
                model.step = .payment
            }
        case .failure(let error):
            let clientError = error as? ClientError
            switch clientError?.code {
            case .paymentDeclined?:
                model.attempt.finish()
                model.paymentError = "Declined: " + ErrorText.sentence(for: error)
                model.step = .payment
            case .validationFailed?:
                model.attempt.finish()
                let problems = CheckoutModel.formProblems(clientError.map { failureDetails($0) } ?? [])
                if problems.isEmpty {
                    model.placingError = ErrorText.sentence(for: error)
                } else {
                    model.show(problems)
                    model.step = .address
                }
            default:
                // Short stock is the cart's to show (it closes the checkout).
                model.placingError = retryText(error, definitive: &model.attempt)
            }
        }
        return .none
    }

    static func confirmPayment(_ model: inout CheckoutModel, env: TUIEnvironment) -> Effect<CheckoutAction> {
        guard !model.isConfirming, let payment = model.result?.payment else { return .none }
        let key = model.confirmAttempt.key(for: payment.id, make: env.makeIdempotencyKey)
        model.isConfirming = true
        model.confirmError = nil
        let client = env.client
        return .run { send in
            do {
                send(.confirmed(key: key, .success(try await client.confirmPayment(payment.id, idempotencyKey: key))))
            } catch {
                send(.confirmed(key: key, .failure(error)))
            }
        }
    }

    /// The sentence for a failed attempt. A final answer ends the attempt (the next try is a
    /// new one); otherwise the key is kept and the buyer told a retry is safe.
    static func retryText<Body>(_ error: any Error, definitive attempt: inout IdempotentAttempt<Body>) -> String {
        if (error as? ClientError)?.isDefinitiveAnswer == true {
            attempt.finish()
            return ErrorText.sentence(for: error)
        }
        return ErrorText.sentence(for: error) + " Press enter to try again: it is the same request, so nothing is charged twice."
    }

    static func failureDetails(_ error: ClientError) -> [ErrorDetail] {
        if case .server(let failure) = error { return failure.details }
        return []
    }

    // MARK: Commands

    static func commands(_ model: CheckoutModel) -> [Command<CheckoutAction>] {
        switch model.step {
        case .address:
            return [
                Command("save", "Go on to shipping", .next, footer: "next"),
                Command("back", "Close the checkout", .back, footer: "close"),
            ]
        case .shipping, .payment:
            return [
                Command("confirm", "Choose the selected option", .next, footer: "choose"),
                Command("back", "Back a step", .back, footer: "back"),
                Command("refresh", "Ask for the prices again", .requote),
            ]
        case .review:
            return [
                Command("confirm", "Go on to confirm the order", .next, footer: "continue"),
                Command("back", "Back to the payment method", .back, footer: "back"),
                Command("refresh", "Ask for the prices again", .requote),
            ]
        case .confirm:
            return [
                Command("confirm", model.placingError == nil ? "Place the order" : "Try placing the order again", .next, footer: "place order"),
                Command("back", "Back to the review", .back, footer: "back"),
            ]
        case .authenticate:
            return [Command("confirm", "Confirm payment (authentication)", .next, footer: "confirm payment")]
        case .done:
            return [
                Command("confirm", "See your orders", .next, footer: "orders"),
                Command("back", "Back to the cart", .back, footer: "cart"),
            ]
        }
    }
}
