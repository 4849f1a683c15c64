import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The commerce screens drawn from wire values at 80x24 and 200x60 (the body between header
/// and footer: 22 and 58 rows): everything that matters fits, nothing spills over a border.
/// With `MARKETMATE_TUI_SCREENS` set, the screens are written there for review.
@Suite("Commerce layouts")
struct CommerceLayoutTests {
    typealias F = CommerceFixtures
    static let sizes = [(80, 22), (200, 58)]

    static func save(_ text: String, _ name: String) {
        guard let directory = ProcessInfo.processInfo.environment["MARKETMATE_TUI_SCREENS"], !directory.isEmpty else { return }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? (text + "\n").write(toFile: (directory as NSString).appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
    }

    static func cart() -> CartModel {
        let env = F.environment()
        var model = CartModel()
        let lines = [
            F.line(title: "Oat mug", quantity: 2, price: 1200, sku: "KC-MUG-OAT", available: 1, notice: "Only 1 left."),
            F.line(title: "Ash bowl with a very long name that will not fit in a narrow column", quantity: 1, price: 1850, sku: "KC-BWL"),
            F.line(title: "Desk lamp", quantity: 1, price: 4550, shop: F.shopB, sku: "BB-LAMP", notice: "The price changed from 40.00 USD."),
        ]
        _ = CartScreen.update(&model, .loaded(sequence: model.book.nextSequence(), .success(F.cart(lines))), env: env)
        model.couponCode = "SAVE10"
        model.couponQuote = F.quote(discount: 1155)
        return model
    }

    @Test("the cart: lines with notices, totals per shop and overall, the coupon", arguments: sizes)
    func cartScreen(width: Int, height: Int) {
        let model = Self.cart()
        let screen = F.render(width: width, height: height) { buffer, area in _ = CartView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        Self.save(screen, "cart-\(width)x\(height)")
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[0].hasPrefix(" Cart"))
        #expect(lines[0].hasSuffix("4 items in 2 shops · 88.00 USD"))
        let mug = lines.first { $0.contains("Oat mug") } ?? ""
        for text in ["Only 1 left.", "KC-MUG-OAT", "2", "12.00 USD", "24.00 USD"] { #expect(mug.contains(text), "\(text) in \(mug)") }
        #expect(lines.contains { $0.contains("Desk lamp") && $0.contains("45.50 USD") })
        #expect(lines.contains { $0.contains("Shop A") && $0.contains("3 items") && $0.contains("42.50 USD") })
        #expect(lines.contains { $0.contains("Shop B") && $0.contains("1 item") && $0.contains("45.50 USD") })
        #expect(lines.contains { $0.contains("Coupon SAVE10") && $0.contains("−11.55 USD") })
        #expect(lines.contains { $0.contains("Subtotal") && $0.contains("88.00 USD") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
        // The shop column only where there is room for it.
        #expect((lines.first { $0.contains("Desk lamp") } ?? "").contains("Shop B") == (width >= 110))
    }

    @Test("the coupon field takes the keys, refuses a malformed code and applies a good one", arguments: [(80, 22)])
    func couponField(width: Int, height: Int) {
        let env = F.environment()
        var model = Self.cart()
        model.couponCode = nil
        _ = CartScreen.update(&model, .editCoupon, env: env)
        #expect(model.isTextEntry)
        for character in "no!" { _ = CartScreen.update(&model, .edit(.key(.char(character))), env: env) }
        _ = CartScreen.update(&model, .edit(.key(KeyPress(.enter))), env: env)
        #expect(model.couponError == "Coupon codes are 3 to 32 letters, digits, - or _.")
        let screen = F.render(width: width, height: height) { buffer, area in _ = CartView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        #expect(screen.contains("no!"))
        _ = CartScreen.update(&model, .edit(.key(KeyPress(.backspace))), env: env)
        _ = CartScreen.update(&model, .edit(.key(.char("w"))), env: env)
        #expect(!CartScreen.update(&model, .edit(.key(KeyPress(.enter))), env: env).isNone)
        #expect(model.couponCode == "NOW")
        #expect(model.couponField == nil)
        #expect(model.isQuotingCoupon)
    }

    @Test("the checkout review: per shop subtotal, discount, shipping, tax, total; the grand total; the confirm step", arguments: sizes)
    func review(width: Int, height: Int) {
        var (model, env, _) = CheckoutFlowTests.started()
        CheckoutFlowTests.toConfirm(&model, env: env)
        model.checkout?.quote = F.quote(orders: [(F.shopA, "Shop A", 2400), (F.shopB, "Shop B", 4550)])
        let screen = F.render(width: width, height: height) { buffer, area in _ = CartView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        Self.save(screen, "checkout-confirm-\(width)x\(height)")
        let lines = screen.components(separatedBy: "\n")
        #expect(lines[0].contains("Checkout   Address › Shipping › Payment › Review › Confirm"))
        for header in ["Shop", "Subtotal", "Discount", "Shipping", "Tax", "Total"] { #expect(lines.contains { $0.contains(header) && $0.contains("Subtotal") }, "\(header)") }
        #expect(lines.contains { $0.contains("Shop A") && $0.contains("24.00 USD") && $0.contains("2.40 USD") && $0.contains("31.40 USD") })
        #expect(lines.contains { $0.contains("Shop B") && $0.contains("45.50 USD") && $0.contains("4.55 USD") })
        #expect(screen.contains("Grand total 86.45 USD"))
        #expect(screen.contains("Standard · Visa"))
        #expect(screen.contains("12 Harbour Road"))
        #expect(screen.contains("Press enter to place the order and pay 86.45 USD."))
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
    }

    static func orders(scope: OrdersModel.Scope, role: Role, buyer: UserID) -> OrdersModel {
        let env = F.environment()
        var model = OrdersModel(scope: scope)
        _ = OrdersScreen.update(&model, .appear(userID: buyer, role: role), env: env)
        let page = ListPage(items: [
            F.order(status: .paid, buyer: buyer, invoice: true),
            F.order(status: .shipped, buyer: buyer, shop: F.shopB, carrier: "UPS"),
            F.order(status: .cancelled, buyer: buyer),
        ], nextCursor: nil)
        _ = OrdersScreen.update(&model, .loaded(cursor: nil, generation: model.page.generation, .success(page)), env: env)
        return model
    }

    @Test("the buyer's orders and one in detail: lines, totals, timeline, carrier; actions as the state allows", arguments: sizes)
    func buyerOrders(width: Int, height: Int) {
        let env = F.environment()
        let buyer = UserID.generate()
        var model = Self.orders(scope: .mine, role: .buyer, buyer: buyer)
        var screen = F.render(width: width, height: height) { buffer, area in _ = OrdersView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        Self.save(screen, "orders-\(width)x\(height)")
        var lines = screen.components(separatedBy: "\n")
        #expect(lines[0].hasSuffix("status: all · 3 orders"))
        #expect(lines.contains { $0.contains("Shop A") && $0.contains("2 items") && $0.contains("29.00 USD") && $0.hasSuffix("paid") })
        #expect(lines.contains { $0.contains("Shop B") && $0.hasSuffix("shipped") })
        // A paid order: the buyer may cancel it; the invoice is there.
        #expect(OrdersScreen.commands(model, closeTitle: nil).map(\.id) == ["open", "cancel-order", "invoice", "filter", "refresh"])

        _ = OrdersScreen.update(&model, .key(KeyPress(.down)), env: env)
        _ = OrdersScreen.update(&model, .open, env: env)
        // A shipped one: received, no cancel.
        #expect(OrdersScreen.commands(model, closeTitle: nil).map(\.id) == ["back", "complete-order", "refresh"])
        screen = F.render(width: width, height: height) { buffer, area in _ = OrdersView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        Self.save(screen, "order-detail-\(width)x\(height)")
        lines = screen.components(separatedBy: "\n")
        #expect(lines[0].contains("Order #"))
        #expect(lines.contains { $0.contains("Oat mug") && $0.contains("KC-MUG") && $0.contains("24.00 USD") })
        #expect(screen.contains("Total 29.00 USD"))
        #expect(screen.contains("Shipped with UPS, tracking number 1Z999"))
        #expect(screen.contains("Ship to: Bea Buyer, 12 Harbour Road, 94110 Springfield CA, US"))
        #expect(screen.contains("Timeline"))
        #expect(lines.contains { $0.contains("pending") && $0.contains("by the buyer") })
        #expect(lines.contains { $0.contains("paid") && $0.contains("by MarketMate") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })

        // The cancelled one offers nothing but going back.
        _ = OrdersScreen.update(&model, .back, env: env)
        _ = OrdersScreen.update(&model, .key(KeyPress(.down)), env: env)
        #expect(OrdersScreen.commands(model, closeTitle: nil).map(\.id) == ["open", "filter", "refresh"])
    }

    @Test("a shop's queue: ship, refund (the remainder by default, one key across retries) and cancel, as the state allows", arguments: sizes)
    func vendorQueue(width: Int, height: Int) throws {
        let keys = F.KeyMaker()
        let env = F.environment(keys: keys)
        let shop = ShopDTO(id: F.shopA, slug: "shop-a", ownerId: .generate(), name: "Shop A", description: "", currency: .usd,
                           contactEmail: nil, status: .active, createdAt: Date(), updatedAt: Date())
        var model = Self.orders(scope: .shop(shop), role: .vendor, buyer: .generate())
        #expect(OrdersScreen.commands(model, closeTitle: "Back").map(\.id) == ["open", "back", "ship", "refund", "cancel-order", "invoice", "filter", "refresh"])
        var screen = F.render(width: width, height: height) { buffer, area in _ = OrdersView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        Self.save(screen, "shop-orders-\(width)x\(height)")
        #expect(screen.contains("Orders of Shop A"))
        #expect(screen.contains("Ship to"))
        #expect(screen.contains("Bea Buyer"))

        _ = OrdersScreen.update(&model, .askRefund, env: env)
        #expect(model.isTextEntry)
        guard case .refund(let id, let form, _)? = model.dialog else { Issue.record("no refund form"); return }
        #expect(form.value(of: "amount") == "29.00")
        screen = F.render(width: width, height: height) { buffer, area in _ = OrdersView.draw(model, into: &buffer, area: area, theme: .fallback, tick: 0) }
        Self.save(screen, "shop-refund-\(width)x\(height)")
        #expect(screen.contains("Up to 29.00 USD is left to refund."))

        // Too much is refused before sending.
        for _ in 0..<5 { _ = OrdersScreen.update(&model, .edit(.key(KeyPress(.backspace))), env: env) }
        _ = OrdersScreen.update(&model, .edit(.key(.char("9"))), env: env)
        _ = OrdersScreen.update(&model, .edit(.key(.char("9"))), env: env)
        #expect(OrdersScreen.update(&model, .submitDialog, env: env).isNone)
        guard case .refund(_, var edited, _)? = model.dialog else { Issue.record("the form closed"); return }
        #expect(edited.errors["amount"] == "At most 29.00 USD is left to refund.")
        edited.setValue("10", for: "amount")
        model.dialog = .refund(id, form: edited, remainder: F.usd(2900))
        #expect(!OrdersScreen.update(&model, .submitDialog, env: env).isNone)
        #expect(model.refundAttempts[id]?.key == "key-1")
        // Lost answer: the same key the next time; a final answer ends the attempt.
        _ = OrdersScreen.update(&model, .refunded(id, key: "key-1", .failure(F.unreachable)), env: env)
        #expect(model.dialog != nil)
        _ = OrdersScreen.update(&model, .submitDialog, env: env)
        #expect(model.refundAttempts[id]?.key == "key-1")
        var refunded = try #require(model.page.items.first)
        refunded.refunded = F.usd(1000)
        _ = OrdersScreen.update(&model, .refunded(id, key: "key-1", .success(refunded)), env: env)
        #expect(model.dialog == nil)
        #expect(model.refundAttempts[id] == nil)
        #expect(model.page.items.first?.refunded == F.usd(1000))

        // Shipping asks for a carrier and a tracking number, checked with the server's rules.
        _ = OrdersScreen.update(&model, .askShip, env: env)
        #expect(OrdersScreen.update(&model, .submitDialog, env: env).isNone)
        guard case .ship(_, let ship)? = model.dialog else { Issue.record("no ship form"); return }
        #expect(ship.errors["carrier"] == "Name the carrier (1 to 60 characters).")
    }
}
