import MarketClient
import MarketModels
import TerminalKit

/// The Cart tab: the server's cart, edited in place (`+`, `-`, `d`), a coupon, and the
/// checkout over it. Edits show at once and are sent at once; `CartBook` folds the answers
/// back in. Drawing is in `CartView`, the checkout's rules in `CheckoutScreen`.
enum CartScreen {
    static func update(_ model: inout CartModel, _ action: CartAction, env: TUIEnvironment) -> Effect<CartAction> {
        switch action {
        case .appear, .refresh:
            // Always fresh: prices and stock change while the buyer is elsewhere.
            return load(&model, env: env)
        case .loaded(let sequence, .success(let cart)):
            model.isLoading = false
            model.errorMessage = nil
            model.keepingSelection { $0.book.loaded(CartDTO.sanitizedForTerminal(cart), sequence: sequence) }
            model.problems = model.problems.filter { id, _ in model.book.lines.contains { $0.id == id } }
            return .none
        case .loaded(_, .failure(let error)):
            model.isLoading = false
            model.errorMessage = ErrorText.sentence(for: error)
            return emit(.failed(error))

        case .add(let productID, let variantID, let title):
            let sequence = model.book.beginAdd(quantity: 1)
            let client = env.client, request = AddCartItemRequest(productId: productID, variantId: variantID, quantity: 1)
            return .run { send in
                do {
                    send(.added(title: title, quantity: 1, sequence: sequence, .success(try await client.addToCart(request))))
                } catch {
                    send(.added(title: title, quantity: 1, sequence: sequence, .failure(error)))
                }
            }
        case .added(let title, let quantity, let sequence, .success(let cart)):
            model.keepingSelection { $0.book.addAnswered(quantity: quantity, sequence: sequence, cart: CartDTO.sanitizedForTerminal(cart)) }
            let count = model.book.itemCount
            return .batch([emit(.toast("Added \(title) to the cart (\(count) item\(count == 1 ? "" : "s")).", .success)), requoteCoupon(&model, env: env)])
        case .added(let title, let quantity, let sequence, .failure(let error)):
            model.book.addAnswered(quantity: quantity, sequence: sequence, cart: nil)
            return emit(.toast("\(title) was not added: \(ErrorText.sentence(for: error))", .error), .failed(error))

        case .key(let press):
            if model.checkout != nil { return update(&model, .checkout(.key(press)), env: env) }
            _ = model.list.handle(.key(press), keymap: .navigation)
            return .none
        case .mouse(let mouse, let body):
            if model.checkout != nil { return update(&model, .checkout(.mouse(mouse, body: body)), env: env) }
            _ = model.list.handle(.mouse(mouse), area: CartView.listArea(body, model: model), keymap: .navigation)
            return .none

        case .changeQuantity(let delta):
            guard let line = model.selectedLine else { return .none }
            let quantity = line.quantity + delta
            if quantity > CartRules.maxQuantity { return emit(.toast("At most \(CartRules.maxQuantity) of one item.", .info)) }
            return edit(&model, line.id, quantity: max(0, quantity), env: env)
        case .remove:
            guard let line = model.selectedLine else { return .none }
            return edit(&model, line.id, quantity: 0, env: env)
        case .edited(let id, let sequence, .success(let cart)):
            var next: CartBook.Send?
            model.keepingSelection { next = $0.book.editAnswered(id, sequence: sequence, cart: CartDTO.sanitizedForTerminal(cart)) }
            model.problems[id] = nil
            return .batch([next.map { send($0, env: env) } ?? .none, requoteCoupon(&model, env: env)])
        case .edited(let id, let sequence, .failure(let error)):
            let title = model.book.lines.first { $0.id == id }?.title ?? "The item"
            model.keepingSelection { $0.book.editFailed(id, sequence: sequence) }
            // The server's own view, in case the line changed or went meanwhile.
            let reload = load(&model, env: env)
            return .batch([reload, emit(.toast("\(title) was not changed: \(ErrorText.sentence(for: error))", .error), .failed(error))])

        case .editCoupon:
            model.couponField = TextFieldState(text: model.couponCode ?? "", maxLength: 32)
            return .none
        case .edit(let event):
            if model.checkout != nil { return update(&model, .checkout(.edit(event)), env: env) }
            return couponInput(&model, event, env: env)
        case .couponQuoted(let code, let generation, let result):
            guard generation == model.couponGeneration else { return .none }
            model.isQuotingCoupon = false
            switch result {
            case .success(let quote):
                model.couponQuote = CheckoutQuoteDTO.sanitizedForTerminal(quote)
                model.couponError = nil
                return .none
            case .failure(let error):
                model.couponQuote = nil
                // Refused for good (unknown, expired, not for these shops): it is taken off,
                // with the reason; a lost connection keeps it for the checkout to try.
                if (error as? ClientError)?.isDefinitiveAnswer == true, model.couponCode == code { model.couponCode = nil }
                model.couponError = "\(code): " + (ErrorText.fieldErrors(for: error)["couponCode"] ?? ErrorText.sentence(for: error))
                return emit(.failed(error))
            }

        case .startCheckout:
            guard !model.rows.isEmpty else { return emit(.toast("Your cart is empty: add something from the catalog first.", .info)) }
            guard !model.book.isSyncing else { return emit(.toast("Still saving your changes to the cart; try again in a moment.", .info)) }
            model.checkout = CheckoutModel(address: model.lastAddress, buyerName: model.buyerName, couponCode: model.couponCode)
            return .none
        case .checkout(let inner):
            return checkoutAction(&model, inner, env: env)

        case .reset:
            model = CartModel()
            return .none
        case .showOrders, .report:
            return .none  // the app handles these
        }
    }

    static func load(_ model: inout CartModel, env: TUIEnvironment) -> Effect<CartAction> {
        model.isLoading = true
        let sequence = model.book.nextSequence(), client = env.client
        return .run { send in
            do { send(.loaded(sequence: sequence, .success(try await client.cart()))) } catch { send(.loaded(sequence: sequence, .failure(error))) }
        }
    }

    static func edit(_ model: inout CartModel, _ id: CartItemID, quantity: Int, env: TUIEnvironment) -> Effect<CartAction> {
        var outgoing: CartBook.Send?
        model.keepingSelection { outgoing = $0.book.edit(id, quantity: quantity) }
        return outgoing.map { send($0, env: env) } ?? .none
    }

    /// One edit on the wire: a quantity of 0 removes the line.
    static func send(_ edit: CartBook.Send, env: TUIEnvironment) -> Effect<CartAction> {
        let client = env.client
        return .run { send in
            do {
                let cart = edit.quantity == 0
                    ? try await client.removeCartItem(edit.itemID)
                    : try await client.updateCartItem(UpdateCartItemRequest(itemId: edit.itemID, quantity: edit.quantity))
                send(.edited(edit.itemID, sequence: edit.sequence, .success(cart)))
            } catch {
                send(.edited(edit.itemID, sequence: edit.sequence, .failure(error)))
            }
        }
    }

    // MARK: Coupon

    static func couponInput(_ model: inout CartModel, _ event: InputEvent, env: TUIEnvironment) -> Effect<CartAction> {
        guard var field = model.couponField else { return .none }
        if case .key(let press) = event {
            switch (press.key, press.modifiers) {
            case (.escape, []):
                model.couponField = nil
                return .none
            case (.enter, []):
                let code = CouponRules.normalized(field.text.trimmingCharacters(in: .whitespaces))
                if code.isEmpty {
                    model.couponField = nil
                    model.couponCode = nil
                    model.couponQuote = nil
                    model.couponError = nil
                    return .none
                }
                guard CouponRules.isValidCode(code) else {
                    model.couponError = "Coupon codes are 3 to 32 letters, digits, - or _."
                    return .none
                }
                model.couponField = nil
                model.couponCode = code
                model.couponError = nil
                return quoteCoupon(&model, env: env)
            default:
                break
            }
        }
        if field.handle(event) { model.couponField = field }
        return .none
    }

    /// A quote with the coupon (standard shipping, no address), for the discount it gives.
    static func quoteCoupon(_ model: inout CartModel, env: TUIEnvironment) -> Effect<CartAction> {
        guard let code = model.couponCode, !model.rows.isEmpty else {
            model.couponQuote = nil
            return .none
        }
        model.couponGeneration += 1
        model.isQuotingCoupon = true
        let client = env.client, generation = model.couponGeneration
        let request = CheckoutQuoteRequest(shippingOption: ShippingOptionCode.standard, couponCode: code)
        return .run { send in
            do {
                send(.couponQuoted(code: code, generation: generation, .success(try await client.checkoutQuote(request))))
            } catch {
                send(.couponQuoted(code: code, generation: generation, .failure(error)))
            }
        }
    }

    /// After the cart changed and settled: the coupon's discount again.
    static func requoteCoupon(_ model: inout CartModel, env: TUIEnvironment) -> Effect<CartAction> {
        guard model.couponCode != nil, !model.book.isSyncing else { return .none }
        return quoteCoupon(&model, env: env)
    }

    // MARK: Shared

    /// An effect that sends `actions` back at once: toasts and `.failed` for the app.
    static func emit(_ actions: CartAction...) -> Effect<CartAction> { .sending(actions) }
}
