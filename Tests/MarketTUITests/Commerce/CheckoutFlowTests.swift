import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The checkout's steps and its idempotency key, through `CartScreen.update` (which owns the
/// checkout) with answers handed in as the server would send them.
@Suite("Checkout flow")
struct CheckoutFlowTests {
    typealias F = CommerceFixtures

    /// A cart with two mugs and a checkout opened on it, the address typed in.
    static func started(keys: F.KeyMaker = F.KeyMaker()) -> (CartModel, TUIEnvironment, CartItemDTO) {
        let env = F.environment(keys: keys)
        let mug = F.line(title: "Oat mug", quantity: 2, price: 1200)
        var model = CartModel()
        model.buyerName = "Bea Buyer"
        _ = CartScreen.update(&model, .loaded(sequence: model.book.nextSequence(), .success(F.cart([mug]))), env: env)
        _ = CartScreen.update(&model, .startCheckout, env: env)
        for (field, value) in [("line1", "12 Harbour Road"), ("city", "Springfield"), ("postalCode", "94110")] {
            model.checkout?.address.setValue(value, for: field)
        }
        return (model, env, mug)
    }

    /// Through address, shipping and payment (`method`) to the confirm step.
    static func toConfirm(_ model: inout CartModel, env: TUIEnvironment, method: Int = 0) {
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        let generation = model.checkout?.quoteGeneration ?? 0
        _ = CartScreen.update(&model, .checkout(.quoted(generation: generation, option: "standard", .success(F.quote()))), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        for _ in 0..<method { _ = CartScreen.update(&model, .checkout(.key(KeyPress(.down))), env: env) }
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
    }

    @Test("the steps: the address is checked first, then shipping from the quote, payment, review, confirm")
    func steps() throws {
        var (model, env, _) = Self.started()
        #expect(model.checkout?.step == .address)
        #expect(model.checkout?.address.value(of: "name") == "Bea Buyer")
        #expect(model.checkout?.address.value(of: "country") == "US")
        #expect(model.isTextEntry)

        // A missing city stops it, under the field, with ShippingAddress's own words.
        model.checkout?.address.setValue("", for: "city")
        model.checkout?.address.setValue("u1", for: "country")
        #expect(CartScreen.update(&model, .checkout(.next), env: env).isNone)
        #expect(model.checkout?.step == .address)
        #expect(model.checkout?.address.errors["city"] == "Enter this line of the address.")
        #expect(model.checkout?.address.errors["country"] == "Use a two-letter country code such as US or DE.")
        #expect(model.checkout?.address.focusedField == "city")

        model.checkout?.address.setValue("Springfield", for: "city")
        model.checkout?.address.setValue("US", for: "country")
        #expect(!CartScreen.update(&model, .checkout(.next), env: env).isNone)  // asks for the quote
        #expect(model.checkout?.step == .shipping)
        #expect(model.checkout?.isQuoting == true)
        #expect(!model.isTextEntry)
        let generation = try #require(model.checkout?.quoteGeneration)
        // An older quote's answer is dropped.
        _ = CartScreen.update(&model, .checkout(.quoted(generation: generation - 1, option: "standard", .success(F.quote(discount: 99)))), env: env)
        #expect(model.checkout?.quote == nil)
        _ = CartScreen.update(&model, .checkout(.quoted(generation: generation, option: "standard", .success(F.quote()))), env: env)
        #expect(model.checkout?.shippingOptions.map(\.code) == ["standard", "express"])

        // Express: a new quote for it before the review.
        _ = CartScreen.update(&model, .checkout(.key(KeyPress(.down))), env: env)
        #expect(!CartScreen.update(&model, .checkout(.next), env: env).isNone)
        #expect(model.checkout?.step == .payment)
        #expect(model.checkout?.shippingOption == "express")
        #expect(model.checkout?.currentQuote == nil)
        let express = try #require(model.checkout?.quoteGeneration)
        _ = CartScreen.update(&model, .checkout(.quoted(generation: express, option: "express", .success(F.quote()))), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout?.step == .review)
        #expect(model.checkout?.paymentMethod == "pm_card_visa")
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout?.step == .confirm)

        // Back walks the same way, and from the address closes the checkout.
        for step in [CheckoutModel.Step.review, .payment, .shipping, .address] {
            _ = CartScreen.update(&model, .checkout(.back), env: env)
            #expect(model.checkout?.step == step)
        }
        _ = CartScreen.update(&model, .checkout(.back), env: env)
        #expect(model.checkout == nil)
    }

    @Test("one key per attempt: a double Enter sends once, a lost answer is retried with the same key, a new key after a final answer")
    func idempotencyKey() throws {
        var (model, env, _) = Self.started()
        Self.toConfirm(&model, env: env)
        #expect(model.checkout?.step == .confirm)

        #expect(!CartScreen.update(&model, .checkout(.next), env: env).isNone)
        #expect(model.checkout?.attempt.key == "key-1")
        #expect(model.checkout?.isPlacing == true)
        // Enter again while it is on its way: nothing is sent.
        #expect(CartScreen.update(&model, .checkout(.next), env: env).isNone)

        // The connection dropped: the same attempt, the same key, when sent again.
        _ = CartScreen.update(&model, .checkout(.placed(key: "key-1", .failure(F.unreachable))), env: env)
        #expect(model.checkout?.step == .confirm)
        #expect(model.checkout?.placingError?.contains("nothing is charged twice") == true)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout?.attempt.key == "key-1")
        _ = CartScreen.update(&model, .checkout(.placed(key: "key-1", .failure(F.serverError(.serviceUnavailable, status: 503)))), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout?.attempt.key == "key-1")

        // Declined is a final answer: back to the payment step; the next try is a new attempt.
        _ = CartScreen.update(&model, .checkout(.placed(key: "key-1", .failure(F.serverError(.paymentDeclined, status: 402)))), env: env)
        #expect(model.checkout?.step == .payment)
        #expect(model.checkout?.paymentError?.hasPrefix("Declined:") == true)
        #expect(model.checkout?.attempt.key == nil)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout?.attempt.key == "key-2")

        // A stale answer for the old key changes nothing.
        _ = CartScreen.update(&model, .checkout(.placed(key: "key-1", .success(F.result(.succeeded, orders: [])))), env: env)
        #expect(model.checkout?.step == .confirm)
        #expect(model.checkout?.isPlacing == true)
    }

    @Test("another body, or another cart, is another attempt with its own key")
    func newKeyWhenTheBodyChanges() {
        var attempt = IdempotentAttempt<CheckoutModel.Fingerprint>()
        let keys = F.KeyMaker()
        let request = CheckoutRequest(shippingAddress: F.address, shippingOption: "standard", paymentMethod: "pm_card_visa")
        let lines = [CheckoutModel.Fingerprint.Line(id: .generate(), quantity: 2)]
        let first = attempt.key(for: .init(request: request, lines: lines), make: keys.make)
        #expect(attempt.key(for: .init(request: request, lines: lines), make: keys.make) == first)
        var express = request
        express.shippingOption = "express"
        let second = attempt.key(for: .init(request: express, lines: lines), make: keys.make)
        #expect(second != first)
        let third = attempt.key(for: .init(request: express, lines: [.init(id: lines[0].id, quantity: 3)]), make: keys.make)
        #expect(third != second)
        attempt.finish()
        #expect(attempt.key(for: .init(request: express, lines: lines), make: keys.make) == "key-4")
    }

    @Test("success empties the cart and shows the orders; enter then goes to the Orders tab")
    func success() throws {
        var (model, env, _) = Self.started()
        Self.toConfirm(&model, env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        let buyer = UserID.generate()
        let orders = [F.order(status: .paid, buyer: buyer), F.order(status: .paid, buyer: buyer, shop: F.shopB)]
        _ = CartScreen.update(&model, .checkout(.placed(key: "key-1", .success(F.result(.succeeded, orders: orders)))), env: env)
        #expect(model.checkout?.step == .done)
        #expect(model.checkout?.attempt.key == nil)
        #expect(model.book.visibleLines.isEmpty)
        #expect(model.headerText == "Cart 0")
        #expect(model.lastAddress?.city == "Springfield")
        let screen = F.render(width: 80, height: 22) { buffer, area in _ = CartView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        #expect(screen.contains("Thank you: your order is placed and paid (29.00 USD)."))
        #expect(screen.contains(OrderText.number(orders[0].id)))
        #expect(screen.contains(OrderText.number(orders[1].id)))
        #expect(CartScreen.commands(model).map(\.id).contains("confirm"))
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout == nil)
    }

    @Test("requires_action: a 'Confirm payment (authentication)' step, with a key of its own kept across retries")
    func authentication() throws {
        var (model, env, _) = Self.started()
        Self.toConfirm(&model, env: env, method: 2)
        #expect(model.checkout?.paymentMethod == "pm_card_authenticationRequired")
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        let order = F.order(status: .pending, buyer: .generate())
        _ = CartScreen.update(&model, .checkout(.placed(key: "key-1", .success(F.result(.requiresAction, orders: [order])))), env: env)
        #expect(model.checkout?.step == .authenticate)
        let screen = F.render(width: 80, height: 22) { buffer, area in _ = CartView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        #expect(screen.contains("Confirm payment (authentication)"))
        #expect(CartScreen.commands(model).first?.title == "Confirm payment (authentication)")

        #expect(!CartScreen.update(&model, .checkout(.next), env: env).isNone)
        #expect(model.checkout?.confirmAttempt.key == "key-2")
        #expect(CartScreen.update(&model, .checkout(.next), env: env).isNone)
        _ = CartScreen.update(&model, .checkout(.confirmed(key: "key-2", .failure(F.unreachable))), env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        #expect(model.checkout?.confirmAttempt.key == "key-2")
        var paid = order
        paid.status = .paid
        _ = CartScreen.update(&model, .checkout(.confirmed(key: "key-2", .success(F.result(.succeeded, orders: [paid])))), env: env)
        #expect(model.checkout?.step == .done)
    }

    @Test("409 out_of_stock: nothing ordered; back to the cart with the short lines marked")
    func outOfStock() throws {
        var (model, env, mug) = Self.started()
        Self.toConfirm(&model, env: env)
        _ = CartScreen.update(&model, .checkout(.next), env: env)
        let short = F.serverError(.outOfStock, status: 409, details: [ErrorDetail(field: "items.\(mug.id.rawValue)", code: "out_of_stock", message: "Only 1 left.")])
        let effect = CartScreen.update(&model, .checkout(.placed(key: "key-1", .failure(short))), env: env)
        #expect(!effect.isNone)
        #expect(model.checkout == nil)
        #expect(model.problems == [mug.id: "Only 1 left."])
        #expect(model.book.visibleLines.map(\.id) == [mug.id])
        let screen = F.render(width: 80, height: 22) { buffer, area in _ = CartView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        #expect(screen.split(separator: "\n").contains { $0.contains("Oat mug") && $0.contains("Only 1 left.") })
    }
}
