import Foundation
import MarketClient
import MarketModels
import TerminalKit
@testable import MarketTUI

/// Wire values for the commerce screens' unit tests: carts, quotes, orders and checkout
/// answers as the server sends them, and an environment whose client reaches no server
/// (the tests call `update` and look at the model and the effects, never running them).
enum CommerceFixtures {
    static let shopA = ShopID.generate()
    static let shopB = ShopID.generate()

    static func usd(_ amount: Int64) -> Money { Money(amount: amount, currency: .usd) }

    static func line(_ id: CartItemID = .generate(), title: String, quantity: Int, price: Int64, shop: ShopID = shopA,
                     sku: String? = nil, available: Int = 10, notice: String? = nil) -> CartItemDTO {
        CartItemDTO(id: id, productId: .generate(), variantId: nil, quantity: quantity, unitPrice: usd(price), shopId: shop, title: title,
                    sku: sku, addedUnitPrice: usd(price), priceChanged: false, available: available, notice: notice)
    }

    /// A cart as `GET /cart` sends it: subtotals per shop, shop names "Shop A" and "Shop B".
    static func cart(_ lines: [CartItemDTO]) -> CartDTO {
        var shops: [CartShopDTO] = []
        for line in lines {
            let total = try! line.unitPrice.multiplied(by: Int64(line.quantity))
            if let index = shops.firstIndex(where: { $0.shopId == line.shopId }) {
                shops[index].subtotal = try! shops[index].subtotal.adding(total)
            } else {
                shops.append(CartShopDTO(shopId: line.shopId, shopName: line.shopId == shopA ? "Shop A" : "Shop B", subtotal: total))
            }
        }
        return CartDTO(items: lines, subtotal: try! Money.sum(shops.map(\.subtotal), currency: .usd), shops: shops, updatedAt: nil)
    }

    /// The same cart with one line's quantity changed (0 removes it).
    static func cart(_ lines: [CartItemDTO], setting id: CartItemID, to quantity: Int) -> CartDTO {
        cart(lines.compactMap { line in
            guard line.id == id else { return line }
            guard quantity > 0 else { return nil }
            var copy = line
            copy.quantity = quantity
            return copy
        })
    }

    static func quote(orders: [(ShopID, String, Int64)] = [(shopA, "Shop A", 2400)], discount: Int64 = 0) -> CheckoutQuoteDTO {
        let quoted = orders.map { shop, name, subtotal in
            QuoteOrderDTO(shopId: shop, shopName: name, subtotal: usd(subtotal), discount: usd(0), shipping: usd(500), tax: usd(subtotal / 10),
                          total: usd(subtotal + 500 + subtotal / 10))
        }
        return CheckoutQuoteDTO(
            orders: quoted, discount: usd(discount), total: usd(quoted.reduce(0) { $0 + $1.total.amount } - discount),
            shippingOptions: [
                ShippingOptionDTO(code: "standard", name: "Standard", price: usd(500 * Int64(orders.count)), estimatedDays: 4),
                ShippingOptionDTO(code: "express", name: "Express", price: usd(1500 * Int64(orders.count)), estimatedDays: 1),
            ],
            problems: [])
    }

    static let address = ShippingAddress(name: "Bea Buyer", line1: "12 Harbour Road", city: "Springfield", region: "CA", postalCode: "94110", country: "US")

    static func order(_ id: OrderID = .generate(), status: OrderStatus, buyer: UserID, shop: ShopID = shopA, total: Int64 = 2900,
                      refunded: Int64 = 0, invoice: Bool = false, carrier: String? = nil) -> OrderDTO {
        let at = Date(timeIntervalSince1970: 1_790_000_000)
        return OrderDTO(
            id: id, checkoutId: .generate(), paymentId: .generate(), buyerId: buyer, shopId: shop, shopName: shop == shopA ? "Shop A" : "Shop B",
            status: status,
            lines: [OrderLineDTO(id: "oln_1", productId: .generate(), variantId: nil, title: "Oat mug", sku: "KC-MUG", quantity: 2,
                                 unitPrice: usd(1200), discount: usd(0), tax: usd(0), total: usd(2400))],
            subtotal: usd(2400), discount: usd(0), shipping: usd(500), tax: usd(0), total: usd(total), refunded: usd(refunded),
            shippingOption: "standard", shippingAddress: address, couponCode: nil, carrier: carrier, trackingNumber: carrier == nil ? nil : "1Z999",
            invoiceAvailable: invoice,
            timeline: [OrderEventDTO(status: .pending, from: nil, actor: .buyer, actorId: buyer, note: nil, at: at),
                       OrderEventDTO(status: .paid, from: .pending, actor: .system, actorId: nil, note: nil, at: at + 2)],
            createdAt: at, updatedAt: at)
    }

    static func result(_ status: PaymentStatus, orders: [OrderDTO]) -> CheckoutResultDTO {
        CheckoutResultDTO(checkoutId: .generate(), orders: orders,
                          payment: PaymentDTO(id: .generate(), status: status, amount: usd(2900), refunded: usd(0), provider: "simulated",
                                              declineCode: nil, message: nil))
    }

    static func serverError(_ code: APIErrorCode, status: Int, details: [ErrorDetail] = []) -> ClientError {
        .server(ServerFailure(status: status, body: APIErrorBody(code: code.rawValue, message: "test", details: details, requestId: nil)))
    }

    static let unreachable = ClientError.unreachable(server: URL(string: "http://127.0.0.1:9")!)

    /// Keys `key-1`, `key-2`, … so a test can say which attempt a request belongs to.
    final class KeyMaker: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func make() -> String { lock.withLock { count += 1; return "key-\(count)" } }
    }

    static func environment(keys: KeyMaker = KeyMaker(), downloads: String = NSTemporaryDirectory()) -> TUIEnvironment {
        let client = APIClient(endpoint: ServerEndpoint("http://127.0.0.1:9")!, sessionStore: InMemorySessionStore())
        return TUIEnvironment(client: client, keymap: KeyBindings.defaults, downloadsDirectory: downloads, makeIdempotencyKey: { keys.make() })
    }

    /// A view drawn into a buffer of its own, as text.
    static func render(width: Int, height: Int, _ draw: (inout CellBuffer, Rect) -> Void) -> String {
        var buffer = CellBuffer(width: width, height: height)
        draw(&buffer, Rect(x: 0, y: 0, width: width, height: height))
        return buffer.lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
    }
}
