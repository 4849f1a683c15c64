import Foundation

/// One line of the cart (`GET /cart`). `unitPrice` is the price now; `addedUnitPrice` is
/// what it was when the line was added, so a client can say that it changed.
public struct CartItemDTO: Codable, Hashable, Sendable {
    public var id: CartItemID
    public var productId: ProductID
    public var variantId: VariantID?
    public var quantity: Int
    public var unitPrice: Money
    public var shopId: ShopID
    public var title: String
    public var sku: String?
    public var addedUnitPrice: Money
    public var priceChanged: Bool
    /// Units in stock now; below `quantity` the line cannot be checked out as it is.
    public var available: Int
    /// Why the line needs attention ("The price changed from 12.00 USD.", "Only 2 left."), or nil.
    public var notice: String?

    public init(id: CartItemID, productId: ProductID, variantId: VariantID?, quantity: Int, unitPrice: Money, shopId: ShopID,
                title: String, sku: String?, addedUnitPrice: Money, priceChanged: Bool, available: Int, notice: String?) {
        self.id = id
        self.productId = productId
        self.variantId = variantId
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.shopId = shopId
        self.title = title
        self.sku = sku
        self.addedUnitPrice = addedUnitPrice
        self.priceChanged = priceChanged
        self.available = available
        self.notice = notice
    }
}

/// The subtotal of one shop's lines: each shop becomes one order at checkout.
public struct CartShopDTO: Codable, Hashable, Sendable {
    public var shopId: ShopID
    public var shopName: String
    public var subtotal: Money
    public init(shopId: ShopID, shopName: String, subtotal: Money) {
        self.shopId = shopId
        self.shopName = shopName
        self.subtotal = subtotal
    }
}

/// `GET /cart`: the caller's one cart. A cart holds one currency (adding a product priced in
/// another is refused), so `subtotal` is a single amount; an empty cart's is zero USD.
public struct CartDTO: Codable, Hashable, Sendable {
    public var items: [CartItemDTO]
    public var subtotal: Money
    public var shops: [CartShopDTO]
    public var updatedAt: Date?

    public init(items: [CartItemDTO], subtotal: Money, shops: [CartShopDTO], updatedAt: Date?) {
        self.items = items
        self.subtotal = subtotal
        self.shops = shops
        self.updatedAt = updatedAt
    }
}

/// `POST /cart`: adds to the line of this product (and variant), or makes one.
public struct AddCartItemRequest: Codable, Hashable, Sendable {
    public var productId: ProductID
    public var variantId: VariantID?
    public var quantity: Int

    public init(productId: ProductID, variantId: VariantID? = nil, quantity: Int) {
        self.productId = productId
        self.variantId = variantId
        self.quantity = quantity
    }

    public func validate() -> [ErrorDetail] { CartRules.quantity(quantity, field: "quantity", allowZero: false) }
}

/// `PATCH /cart`: sets a line's quantity; 0 removes the line.
public struct UpdateCartItemRequest: Codable, Hashable, Sendable {
    public var itemId: CartItemID
    public var quantity: Int

    public init(itemId: CartItemID, quantity: Int) {
        self.itemId = itemId
        self.quantity = quantity
    }

    public func validate() -> [ErrorDetail] { CartRules.quantity(quantity, field: "quantity", allowZero: true) }
}

public enum CartRules {
    /// Units of one line; more is a typo, not a purchase.
    public static let maxQuantity = 999
    /// Lines in one cart.
    public static let maxItems = 100

    public static func quantity(_ value: Int, field: String, allowZero: Bool) -> [ErrorDetail] {
        if value < (allowZero ? 0 : 1) {
            return [ErrorDetail(field: field, code: "invalid_value", message: allowZero ? "Enter 0 or more." : "Enter at least 1.")]
        }
        if value > maxQuantity {
            return [ErrorDetail(field: field, code: "invalid_value", message: "At most \(maxQuantity) of one item.")]
        }
        return []
    }
}
