import Foundation

public enum ShippingOptionCode {
    public static let standard = "standard"
    public static let express = "express"

    /// 1...32 lowercase letters, digits and dashes.
    public static func isValid(_ raw: String) -> Bool {
        (1...32).contains(raw.utf8.count) && raw.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}

/// A shop's delivery option and its rate (`GET /shops/:id/shipping-options`).
public struct ShippingOptionDTO: Codable, Hashable, Sendable {
    public var code: String
    public var name: String
    public var price: Money
    public var estimatedDays: Int?

    public init(code: String, name: String, price: Money, estimatedDays: Int?) {
        self.code = code
        self.name = name
        self.price = price
        self.estimatedDays = estimatedDays
    }

    public func validate(currency: Currency, field: String) -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if !ShippingOptionCode.isValid(code) {
            details.append(ErrorDetail(field: "\(field).code", code: .invalidFormat, message: "1 to 32 lowercase letters, digits or dashes."))
        }
        details += Validation.name(name, field: "\(field).name")
        details += CatalogRules.price(price, field: "\(field).price")
        if price.currency != currency {
            details.append(ErrorDetail(field: "\(field).price.currency", code: .notAllowed, message: "This shop sells in \(currency.code)."))
        }
        if let estimatedDays, !(0...365).contains(estimatedDays) {
            details.append(ErrorDetail(field: "\(field).estimatedDays", code: "invalid_value", message: "Between 0 and 365 days."))
        }
        return details
    }
}

/// `PUT /shops/:id/shipping-options`: the shop's complete set.
public struct ShippingOptionsDTO: Codable, Hashable, Sendable {
    public var options: [ShippingOptionDTO]
    public init(options: [ShippingOptionDTO]) { self.options = options }
}

public enum CouponKind: String, Codable, Hashable, Sendable {
    /// `value` is basis points (1,500 = 15 %).
    case percentage
    /// `value` is minor units of `currency`.
    case fixed
}

/// A coupon (`POST /coupons`, `GET /coupons`).
public struct CouponDTO: Codable, Hashable, Sendable {
    public var id: String
    public var code: String
    public var kind: CouponKind
    public var value: Int64
    public var currency: Currency?
    /// The shop it belongs to; nil for a platform-wide coupon (admins only).
    public var shopId: ShopID?
    public var minimumSpend: Money?
    public var expiresAt: Date?
    public var usageLimit: Int?
    public var usedCount: Int
    public var active: Bool
    public var createdAt: Date

    public init(id: String, code: String, kind: CouponKind, value: Int64, currency: Currency?, shopId: ShopID?, minimumSpend: Money?,
                expiresAt: Date?, usageLimit: Int?, usedCount: Int, active: Bool, createdAt: Date) {
        self.id = id
        self.code = code
        self.kind = kind
        self.value = value
        self.currency = currency
        self.shopId = shopId
        self.minimumSpend = minimumSpend
        self.expiresAt = expiresAt
        self.usageLimit = usageLimit
        self.usedCount = usedCount
        self.active = active
        self.createdAt = createdAt
    }
}

public struct CreateCouponRequest: Codable, Hashable, Sendable {
    public var code: String
    public var kind: CouponKind
    public var value: Int64
    public var currency: Currency?
    public var shopId: ShopID?
    public var minimumSpend: Money?
    public var expiresAt: Date?
    public var usageLimit: Int?

    public init(code: String, kind: CouponKind, value: Int64, currency: Currency? = nil, shopId: ShopID? = nil,
                minimumSpend: Money? = nil, expiresAt: Date? = nil, usageLimit: Int? = nil) {
        self.code = code
        self.kind = kind
        self.value = value
        self.currency = currency
        self.shopId = shopId
        self.minimumSpend = minimumSpend
        self.expiresAt = expiresAt
        self.usageLimit = usageLimit
    }

    public func validate() -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if !CouponRules.isValidCode(code) {
            details.append(ErrorDetail(field: "code", code: .invalidFormat, message: "3 to 32 letters, digits, - or _."))
        }
        switch kind {
        case .percentage:
            if !(1...10_000).contains(value) { details.append(ErrorDetail(field: "value", code: "invalid_value", message: "Basis points from 1 to 10,000 (100 %).")) }
        case .fixed:
            if value < 1 || value > CatalogRules.maxPriceMinorUnits { details.append(ErrorDetail(field: "value", code: "invalid_value", message: "A positive amount in minor units.")) }
            if currency == nil { details.append(ErrorDetail(field: "currency", code: .required, message: "A fixed coupon needs a currency.")) }
        }
        if let minimumSpend { details += CatalogRules.price(minimumSpend, field: "minimumSpend") }
        if let usageLimit, usageLimit < 1 { details.append(ErrorDetail(field: "usageLimit", code: "invalid_value", message: "At least 1.")) }
        return details
    }
}

public enum CouponRules {
    /// 3...32 ASCII letters, digits, `-` or `_`; compared upper-cased.
    public static func isValidCode(_ raw: String) -> Bool {
        (3...32).contains(raw.utf8.count) && raw.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
        }
    }

    public static func normalized(_ raw: String) -> String { raw.uppercased() }
}
