import MarketClient
import MarketModels
import TerminalKit

/// The checkout as the cart sees it: opening and closing it, the cart emptied once an order
/// is placed, lines short of stock marked; and the cart's commands.
extension CartScreen {
    static func checkoutAction(_ model: inout CartModel, _ action: CheckoutAction, env: TUIEnvironment) -> Effect<CartAction> {
        guard var checkout = model.checkout else { return .none }
        switch action {
        case .back where checkout.step == .address || checkout.step == .done:
            model.checkout = nil
            return .none
        case .next where checkout.step == .done:
            model.checkout = nil
            return emit(.showOrders)
        default:
            break
        }
        // An answer to the attempt under way (not one already settled).
        let isCurrent: Bool
        if case .placed(let key, _) = action { isCurrent = key == checkout.attempt.key } else { isCurrent = false }
        let effect = CheckoutScreen.update(&checkout, action, lines: model.fingerprintLines, env: env).map(CartAction.checkout)
        model.checkout = checkout
        switch action {
        case .placed(_, .success) where isCurrent:
            // The orders exist: the server's cart is empty now, and so is this one.
            model.lastAddress = try? checkout.shippingAddress().get()
            model.keepingSelection { $0.book.emptied() }
            model.couponCode = nil
            model.couponQuote = nil
            model.problems = [:]
            return .batch([effect, load(&model, env: env)])
        case .placed(_, .failure(let error)) where isCurrent && (error as? ClientError)?.code == .outOfStock:
            // Nothing was ordered or charged: back to the cart, with the short lines marked.
            model.checkout = nil
            model.problems = outOfStockLines(error)
            let reload = load(&model, env: env)
            let count = model.problems.count
            let lines = count == 1 ? "One item is" : count == 0 ? "Some items are" : "\(count) items are"
            return .batch([effect, reload, emit(.toast("\(lines) short of stock: nothing was ordered. Adjust the marked lines and check out again.", .error))])
        case .placed(_, .failure(let error)), .confirmed(_, .failure(let error)), .quoted(_, _, .failure(let error)):
            return .batch([effect, emit(.failed(error))])
        default:
            return effect
        }
    }

    /// The cart lines a 409 `out_of_stock` names (`items.<cartItemId>`), with its words.
    static func outOfStockLines(_ error: any Error) -> [CartItemID: String] {
        guard case .server(let failure)? = error as? ClientError else { return [:] }
        var lines: [CartItemID: String] = [:]
        for detail in failure.details {
            guard let field = detail.field, field.hasPrefix("items."), let id = CartItemID(rawValue: String(field.dropFirst(6))) else { continue }
            lines[id] = TerminalText.sanitize(detail.message)
        }
        return lines
    }

    // MARK: Commands

    static func commands(_ model: CartModel) -> [Command<CartAction>] {
        if let checkout = model.checkout { return CheckoutScreen.commands(checkout).map { $0.map(CartAction.checkout) } }
        if model.couponField != nil {
            return [Command("back", "Close the coupon field without changing the coupon", .edit(.key(KeyPress(.escape))), footer: "cancel")]
        }
        var commands: [Command<CartAction>] = []
        if !model.rows.isEmpty {
            commands.append(Command("checkout", "Check out", .startCheckout, footer: "checkout"))
        }
        if model.selectedLine != nil {
            commands += [
                Command("quantity-up", "One more of the selected item", .changeQuantity(1), footer: "more"),
                Command("quantity-down", "One less of the selected item (none removes it)", .changeQuantity(-1), footer: "less"),
                Command("delete", "Remove the selected item", .remove, footer: "remove"),
            ]
        }
        commands += [
            Command("coupon", model.couponCode == nil ? "Enter a coupon code" : "Change or remove the coupon", .editCoupon, footer: "coupon"),
            Command("refresh", "Reload the cart", .refresh),
        ]
        return commands
    }
}
