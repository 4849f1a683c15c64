import MarketClient
import MarketModels
import TerminalKit

/// The Cart tab: the server's cart with the buyer's edits on top (`CartBook`), the line
/// selection, the coupon, and the checkout when one is open.
struct CartModel {
    var book = CartBook()
    var list = ListState()
    var isLoading = false
    var errorMessage: String?
    /// Lines the last checkout found short of stock, with the server's words.
    var problems: [CartItemID: String] = [:]

    /// The coupon applied to quotes and the checkout.
    var couponCode: String?
    /// The coupon field, while the buyer types one.
    var couponField: TextFieldState?
    var couponError: String?
    /// A quote with the coupon and standard shipping, for the discount it gives.
    var couponQuote: CheckoutQuoteDTO?
    var couponGeneration = 0
    var isQuotingCoupon = false

    var checkout: CheckoutModel?
    /// The address of the last checkout, offered again in the next.
    var lastAddress: ShippingAddress?
    /// The signed-in buyer's name, the address form's first guess.
    var buyerName = ""

    var isBusy: Bool { isLoading || book.isSyncing || isQuotingCoupon || (checkout?.isBusy ?? false) }
    var isTextEntry: Bool { couponField != nil || (checkout?.isTextEntry ?? false) }

    /// One shop's part of the cart as drawn: its name, its lines and their subtotal.
    struct ShopGroup {
        var shopID: ShopID
        var name: String
        var lines: [CartItemDTO]
        var subtotal: Money
    }

    /// The lines shown, grouped by shop in the order the shops first appear: each shop is
    /// one order at checkout.
    var groups: [ShopGroup] {
        var order: [ShopID] = []
        var byShop: [ShopID: [CartItemDTO]] = [:]
        for line in book.visibleLines {
            if byShop[line.shopId] == nil { order.append(line.shopId) }
            byShop[line.shopId, default: []].append(line)
        }
        return order.map { shop in
            let lines = byShop[shop] ?? []
            return ShopGroup(shopID: shop, name: book.shopNames[shop] ?? shop.rawValue, lines: lines, subtotal: Self.total(lines))
        }
    }

    /// The lines in display order (what the selection indexes).
    var rows: [CartItemDTO] { groups.flatMap(\.lines) }

    var selectedLine: CartItemDTO? {
        let rows = rows
        guard let index = list.selected, rows.indices.contains(index) else { return nil }
        return rows[index]
    }

    /// The subtotal of the lines as shown (edits included).
    var subtotal: Money? {
        let lines = book.visibleLines
        return lines.isEmpty ? nil : Self.total(lines)
    }

    static func lineTotal(_ line: CartItemDTO) -> Money {
        (try? line.unitPrice.multiplied(by: Int64(line.quantity))) ?? line.unitPrice
    }

    static func total(_ lines: [CartItemDTO]) -> Money {
        let currency = lines.first?.unitPrice.currency ?? .usd
        return (try? Money.sum(lines.map(lineTotal), currency: currency)) ?? .zero(currency)
    }

    /// "Cart 3 · 42.00 USD" for the header (the count alone for an empty cart).
    var headerText: String {
        let count = book.itemCount
        guard let subtotal, count > 0 else { return "Cart \(count)" }
        return "Cart \(count) · \(subtotal.formatted)"
    }

    /// What the checkout's key is bound to, besides the request: the lines and quantities.
    var fingerprintLines: [CheckoutModel.Fingerprint.Line] {
        book.visibleLines.map { CheckoutModel.Fingerprint.Line(id: $0.id, quantity: $0.quantity) }
    }

    /// Keeps the selection on the same line when lines come and go.
    mutating func keepingSelection(_ change: (inout CartModel) -> Void) {
        let before = selectedLine?.id
        let beforeIndex = list.selected
        change(&self)
        let rows = rows
        list.setCount(rows.count)
        if let before, let index = rows.firstIndex(where: { $0.id == before }) {
            list.select(index)
        } else if let beforeIndex, !rows.isEmpty {
            list.select(min(beforeIndex, rows.count - 1))
        }
    }
}

public enum CartAction: Sendable {
    case appear
    case refresh
    case loaded(sequence: Int, Result<CartDTO, any Error>)
    /// From a product page: one unit of the product (or the variant).
    case add(ProductID, VariantID?, title: String)
    case added(title: String, quantity: Int, sequence: Int, Result<CartDTO, any Error>)
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// `+`/`-` on the selected line.
    case changeQuantity(Int)
    case remove
    case edited(CartItemID, sequence: Int, Result<CartDTO, any Error>)
    case editCoupon
    /// Every key while the coupon field or the checkout's address form has the focus.
    case edit(InputEvent)
    case couponQuoted(code: String, generation: Int, Result<CheckoutQuoteDTO, any Error>)
    case startCheckout
    case checkout(CheckoutAction)
    /// The buyer checked out and wants to see the orders: the app switches tabs.
    case showOrders
    /// The buyer signed out or switched accounts: forget the cart.
    case reset
    /// For the app: a failure, or a toast to show.
    case report(ScreenReport)

    static func failed(_ error: any Error) -> Self { .report(.failed(error)) }
    static func toast(_ message: String, _ kind: ToastKind) -> Self { .report(.toast(message, kind)) }
}
