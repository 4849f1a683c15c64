import FluentKit
import Foundation
import MarketModels

/// A coupon code. `usedCount` only moves through a guarded update in the checkout's
/// transaction, so a usage limit holds however many buyers redeem at once.
final class CouponModel: Model, @unchecked Sendable {
    static let schema = "coupons"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "code") var code: String
    @Field(key: "kind") var kind: String
    @Field(key: "value") var value: Int64
    @OptionalField(key: "currency") var currency: String?
    @OptionalField(key: "shop_id") var shopID: String?
    @OptionalField(key: "minimum_amount") var minimumAmount: Int64?
    @OptionalField(key: "minimum_currency") var minimumCurrency: String?
    @OptionalField(key: "expires_at") var expiresAt: Date?
    @OptionalField(key: "usage_limit") var usageLimit: Int?
    @Field(key: "used_count") var usedCount: Int
    @Field(key: "active") var active: Bool
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var minimumSpend: Money? {
        guard let minimumAmount, let code = minimumCurrency, let currency = Currency(code: code) else { return nil }
        return Money(amount: minimumAmount, currency: currency)
    }

    var terms: CouponTerms? {
        let kind: CouponTerms.Kind
        switch CouponKind(rawValue: self.kind) {
        case .percentage: kind = .percentage(basisPoints: value)
        case .fixed:
            guard let code = currency, let currency = Currency(code: code) else { return nil }
            kind = .fixed(Money(amount: value, currency: currency))
        case nil: return nil
        }
        return CouponTerms(code: code, kind: kind, shopID: shopID, minimumSpend: minimumSpend)
    }

    var dto: CouponDTO {
        CouponDTO(id: id!, code: code, kind: CouponKind(rawValue: kind) ?? .percentage, value: value, currency: currency.flatMap(Currency.init(code:)),
                  shopId: shopID.flatMap(ShopID.init(rawValue:)), minimumSpend: minimumSpend, expiresAt: expiresAt, usageLimit: usageLimit,
                  usedCount: usedCount, active: active, createdAt: createdAt)
    }
}
