import FluentKit
import Foundation
import MarketModels

/// One line of a user's cart. The cart itself is implicit: a user has one, made of these.
final class CartItemModel: Model, @unchecked Sendable {
    static let schema = "cart_items"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "product_id") var productID: String
    @OptionalField(key: "variant_id") var variantID: String?
    @Field(key: "line_key") var lineKey: String
    @Field(key: "shop_id") var shopID: String
    @Field(key: "quantity") var quantity: Int
    /// The unit price when the line was added, to tell the buyer it changed since.
    @Field(key: "added_price_amount") var addedPriceAmount: Int64
    @Field(key: "currency") var currency: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    static func lineKey(product: String, variant: String?) -> String { "\(product)/\(variant ?? "")" }
}
