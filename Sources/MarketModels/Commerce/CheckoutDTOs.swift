import Foundation

/// Where an order goes. `country` is an ISO 3166-1 alpha-2 code; `region` (a state or
/// province code such as "CA") selects a regional tax rate where one is configured.
public struct ShippingAddress: Codable, Hashable, Sendable {
    public var name: String
    public var line1: String
    public var line2: String?
    public var city: String
    public var region: String?
    public var postalCode: String
    public var country: String

    public init(name: String, line1: String, line2: String? = nil, city: String, region: String? = nil, postalCode: String, country: String) {
        self.name = name
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }

    public func validate(prefix: String = "shippingAddress") -> [ErrorDetail] {
        var details = Validation.name(name, field: "\(prefix).name")
        details += Self.text(line1, field: "\(prefix).line1", required: true, max: 200)
        details += Self.text(line2 ?? "", field: "\(prefix).line2", required: false, max: 200)
        details += Self.text(city, field: "\(prefix).city", required: true, max: 100)
        details += Self.text(postalCode, field: "\(prefix).postalCode", required: true, max: 20)
        if let region, !(1...3).contains(region.count) || !region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            details.append(ErrorDetail(field: "\(prefix).region", code: .invalidFormat, message: "Use a region code such as CA or NSW."))
        }
        if country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            details.append(ErrorDetail(field: "\(prefix).country", code: .invalidFormat, message: "Use a two-letter country code such as US or DE."))
        }
        return details
    }

    /// The lines an invoice or a screen prints.
    public var lines: [String] {
        [name, line1, line2, [postalCode, city, region].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "), country]
            .compactMap { $0 }.filter { !$0.isEmpty }
    }

    private static func text(_ raw: String, field: String, required: Bool, max: Int) -> [ErrorDetail] {
        let value = raw.trimmingCharacters(in: .whitespaces)
        if required && value.isEmpty { return [ErrorDetail(field: field, code: .required, message: "Enter this line of the address.")] }
        if value.count > max { return [ErrorDetail(field: field, code: .tooLong, message: "At most \(max) characters.")] }
        if value.unicodeScalars.contains(where: \.isControlCharacter) {
            return [ErrorDetail(field: field, code: .invalidCharacters, message: "No control characters.")]
        }
        return []
    }
}

/// `POST /checkout` (with an `Idempotency-Key` header).
public struct CheckoutRequest: Codable, Hashable, Sendable {
    public var shippingAddress: ShippingAddress
    /// A shipping option code every shop of the cart offers: "standard" or "express".
    public var shippingOption: String
    public var couponCode: String?
    /// A payment-method id of the provider (`pm_card_visa`, …); never a card number.
    public var paymentMethod: String

    public init(shippingAddress: ShippingAddress, shippingOption: String, couponCode: String? = nil, paymentMethod: String) {
        self.shippingAddress = shippingAddress
        self.shippingOption = shippingOption
        self.couponCode = couponCode
        self.paymentMethod = paymentMethod
    }

    public func validate() -> [ErrorDetail] {
        var details = shippingAddress.validate()
        if !ShippingOptionCode.isValid(shippingOption) {
            details.append(ErrorDetail(field: "shippingOption", code: .invalidFormat, message: "Choose a shipping option such as standard or express."))
        }
        if let couponCode, !CouponRules.isValidCode(couponCode) {
            details.append(ErrorDetail(field: "couponCode", code: .invalidFormat, message: "Coupon codes are 3 to 32 letters, digits, - or _."))
        }
        if !PaymentMethodRules.isValidID(paymentMethod) {
            // Never echo it: it might be a card number someone pasted.
            details.append(ErrorDetail(field: "paymentMethod", code: .invalidFormat,
                                       message: "Give a payment-method id such as pm_card_visa; card numbers are never sent to MarketMate."))
        }
        return details
    }
}

public enum PaymentMethodRules {
    /// `pm_` and 1...64 letters, digits or underscores.
    public static func isValidID(_ raw: String) -> Bool {
        raw.hasPrefix("pm_") && (4...67).contains(raw.utf8.count)
            && raw.utf8.dropFirst(3).allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x5F }
    }

    /// The simulated provider's test methods (Stripe's test ids), for pickers.
    public static let testMethods: [(id: String, label: String)] = [
        ("pm_card_visa", "Visa (succeeds)"),
        ("pm_card_mastercard", "Mastercard (succeeds)"),
        ("pm_card_authenticationRequired", "Card needing authentication"),
        ("pm_card_chargeDeclined", "Card that is declined"),
    ]
}

public enum PaymentStatus: String, Codable, Hashable, Sendable {
    /// Sent to the provider; the outcome is not known yet (a job settles it).
    case processing
    /// The buyer must confirm (`POST /payments/:id/confirm`).
    case requiresAction = "requires_action"
    case succeeded
    /// Declined or failed: nothing was charged and the stock went back.
    case failed
    /// Given up before it succeeded (its orders were cancelled).
    case cancelled
}

/// The payment of a checkout.
public struct PaymentDTO: Codable, Hashable, Sendable {
    public var id: PaymentID
    public var status: PaymentStatus
    public var amount: Money
    public var refunded: Money
    public var provider: String
    public var declineCode: String?
    public var message: String?

    public init(id: PaymentID, status: PaymentStatus, amount: Money, refunded: Money, provider: String, declineCode: String?, message: String?) {
        self.id = id
        self.status = status
        self.amount = amount
        self.refunded = refunded
        self.provider = provider
        self.declineCode = declineCode
        self.message = message
    }
}

/// `POST /checkout` → 201.
public struct CheckoutResultDTO: Codable, Hashable, Sendable {
    public var checkoutId: CheckoutID
    public var orders: [OrderDTO]
    public var payment: PaymentDTO

    public init(checkoutId: CheckoutID, orders: [OrderDTO], payment: PaymentDTO) {
        self.checkoutId = checkoutId
        self.orders = orders
        self.payment = payment
    }
}

/// `POST /checkout/quote`: what `POST /checkout` would charge for the cart as it is now,
/// without taking anything. The address only matters for tax; without it, tax is the
/// default rate's.
public struct CheckoutQuoteRequest: Codable, Hashable, Sendable {
    public var shippingAddress: ShippingAddress?
    public var shippingOption: String
    public var couponCode: String?

    public init(shippingAddress: ShippingAddress? = nil, shippingOption: String, couponCode: String? = nil) {
        self.shippingAddress = shippingAddress
        self.shippingOption = shippingOption
        self.couponCode = couponCode
    }
}

/// One shop's part of a quote: the order it would become.
public struct QuoteOrderDTO: Codable, Hashable, Sendable {
    public var shopId: ShopID
    public var shopName: String
    public var subtotal: Money
    public var discount: Money
    public var shipping: Money
    public var tax: Money
    public var total: Money

    public init(shopId: ShopID, shopName: String, subtotal: Money, discount: Money, shipping: Money, tax: Money, total: Money) {
        self.shopId = shopId
        self.shopName = shopName
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.tax = tax
        self.total = total
    }
}

public struct CheckoutQuoteDTO: Codable, Hashable, Sendable {
    public var orders: [QuoteOrderDTO]
    public var discount: Money
    public var total: Money
    /// Shipping option codes every shop of the cart offers, with the price summed over shops.
    public var shippingOptions: [ShippingOptionDTO]
    /// Lines that cannot be bought as they are (short stock), as `POST /checkout` would name them.
    public var problems: [ErrorDetail]

    public init(orders: [QuoteOrderDTO], discount: Money, total: Money, shippingOptions: [ShippingOptionDTO], problems: [ErrorDetail]) {
        self.orders = orders
        self.discount = discount
        self.total = total
        self.shippingOptions = shippingOptions
        self.problems = problems
    }
}
