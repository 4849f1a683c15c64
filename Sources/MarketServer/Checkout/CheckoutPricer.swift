import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Turns cart lines (at their current prices), a shipping option, a destination and a
/// coupon into `OrderPricing`'s input and answer. Shared by the quote and the checkout, so
/// the buyer is shown exactly what is charged.
struct CheckoutPricer: Sendable {
    let settings: ServerConfiguration.CommerceSettings
    let shipping: ShippingOptionStore

    struct PricedLine: Sendable {
        var cartItemID: String
        var productID: String
        var variantID: String?
        var shopID: String
        var title: String
        var sku: String?
        var quantity: Int
        var unitPrice: Int64
    }

    struct Priced: Sendable {
        var currency: Currency
        var lines: [PricedLine]
        var result: OrderPricing.Result
        var coupon: CouponModel?
        var shopNames: [String: String]
        var options: [String: [ShippingOptionDTO]]
    }

    func price(_ lines: [PricedLine], currency: Currency, option: String, address: ShippingAddress?, couponCode: String?,
               now: Date, on db: any Database) async throws -> Priced {
        guard !lines.isEmpty else { throw AppError.validation(field: "cart", code: "required", "Your cart is empty.") }
        let (shops, options) = try await shipping.shopsWithOptions(Array(Set(lines.map(\.shopID))), on: db)
        var rates: [String: Int64] = [:]
        for shop in shops {
            guard let chosen = options[shop.id]?.first(where: { $0.code == option }) else {
                throw AppError.validation(field: "shippingOption", code: "not_offered", "\(shop.name) does not offer '\(option)' shipping.")
            }
            rates[shop.id] = chosen.price.amount
        }
        var coupon: CouponModel?
        var terms: CouponTerms?
        if let couponCode, !couponCode.isEmpty {
            coupon = try await CouponService.usable(code: couponCode, now: now, on: db)
            terms = coupon?.terms
        }
        let input = OrderPricing.Input(
            currency: currency, lines: lines.map { OrderPricing.Line(shopID: $0.shopID, unitPrice: $0.unitPrice, quantity: $0.quantity) },
            shipping: rates, taxBasisPoints: settings.taxBasisPoints(country: address?.country, region: address?.region), coupon: terms)
        do {
            let result = try OrderPricing.price(input)
            return Priced(currency: currency, lines: lines, result: result, coupon: coupon,
                          shopNames: Dictionary(uniqueKeysWithValues: shops.map { ($0.id, $0.name) }), options: options)
        } catch .couponNotApplicable {
            throw AppError.validation(field: "couponCode", code: "not_applicable", "This coupon does not apply to anything in your cart.")
        } catch .minimumSpendNotMet(let minimum) {
            throw AppError.validation(field: "couponCode", code: "minimum_spend", "This coupon needs a spend of at least \(minimum.formatted).")
        } catch .emptyCart {
            throw AppError.validation(field: "cart", code: "required", "Your cart is empty.")
        } catch {
            throw AppError.validation(field: "cart", code: "invalid_value", "The cart's amounts are out of range.")
        }
    }

    /// The shipping options every shop of the cart offers, priced as the sum over the shops.
    static func commonOptions(_ options: [String: [ShippingOptionDTO]], currency: Currency) -> [ShippingOptionDTO] {
        guard let first = options.values.first else { return [] }
        return first.sorted { $0.price.amount < $1.price.amount }.compactMap { option in
            let perShop = options.values.compactMap { $0.first { $0.code == option.code } }
            guard perShop.count == options.count, let sum = try? Money.sum(perShop.map(\.price), currency: currency) else { return nil }
            return ShippingOptionDTO(code: option.code, name: option.name, price: sum, estimatedDays: perShop.compactMap(\.estimatedDays).max())
        }
    }
}
