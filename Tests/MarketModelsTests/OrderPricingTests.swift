import Foundation
import MarketModels
import Testing

/// `OrderPricing` on random carts: every part adds up to the unit.
@Suite("Order pricing")
struct OrderPricingTests {
    /// A small deterministic generator, so a failure can be replayed from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("random carts: order totals sum to the payment, coupon shares to the discount, tax per line rounded half up")
    func properties() throws {
        for seed in 0..<2000 as Range<UInt64> {
            var random = SplitMix(state: seed)
            let currency = [Currency.usd, .jpy, Currency(code: "KWD")!].randomElement(using: &random)!
            let shops = (0..<Int.random(in: 1...4, using: &random)).map { "shp_\($0)" }
            let lines = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                OrderPricing.Line(shopID: shops.randomElement(using: &random)!, unitPrice: Int64.random(in: 0...250_000, using: &random),
                                  quantity: Int.random(in: 1...20, using: &random))
            }
            let shipping = Dictionary(uniqueKeysWithValues: shops.map { ($0, Int64.random(in: 0...2_000, using: &random)) })
            let tax = Int64([0, 500, 725, 1900, 2500].randomElement(using: &random)!)
            let couponShop: String? = Bool.random(using: &random) ? nil : lines.randomElement(using: &random)!.shopID
            let coupon: CouponTerms? = switch Int.random(in: 0...2, using: &random) {
            case 0: nil
            case 1: CouponTerms(code: "P", kind: .percentage(basisPoints: Int64.random(in: 1...10_000, using: &random)), shopID: couponShop)
            default: CouponTerms(code: "F", kind: .fixed(Money(amount: Int64.random(in: 1...500_000, using: &random), currency: currency)), shopID: couponShop)
            }
            let input = OrderPricing.Input(currency: currency, lines: lines, shipping: shipping, taxBasisPoints: tax, coupon: coupon)
            let result = try OrderPricing.price(input)

            #expect(result.orders.map(\.total).reduce(0, +) == result.total, "seed \(seed)")
            #expect(result.lines.map(\.discount).reduce(0, +) == result.discount, "seed \(seed)")
            #expect(Set(result.orders.map(\.shopID)).count == result.orders.count)
            var eligible: Int64 = 0
            for (index, line) in result.lines.enumerated() {
                let source = lines[index]
                #expect(line.subtotal == source.unitPrice * Int64(source.quantity))
                #expect(line.discount >= 0 && line.discount <= line.subtotal, "seed \(seed)")
                let taxable = line.subtotal - line.discount
                #expect(line.tax == (taxable * tax + 5_000) / 10_000, "seed \(seed)")
                #expect(line.total == taxable + line.tax)
                if coupon?.shopID == nil || coupon?.shopID == source.shopID { eligible += line.subtotal } else { #expect(line.discount == 0) }
            }
            switch coupon?.kind {
            case .percentage(let bp): #expect(result.discount == eligible * bp / 10_000, "seed \(seed)")
            case .fixed(let money): #expect(result.discount == min(money.amount, eligible), "seed \(seed)")
            case nil: #expect(result.discount == 0)
            }
            for order in result.orders {
                let members = order.lineIndexes.map { result.lines[$0] }
                #expect(order.total == members.map(\.total).reduce(0, +) + order.shipping)
                #expect(order.shipping == shipping[order.shopID])
            }
        }
    }

    @Test("a coupon is split by largest remainder: 1.00 over three equal lines is 0.34, 0.33, 0.33")
    func largestRemainder() throws {
        let lines = (0..<3).map { _ in OrderPricing.Line(shopID: "a", unitPrice: 500, quantity: 1) }
        let result = try OrderPricing.price(.init(currency: .usd, lines: lines, shipping: [:], taxBasisPoints: 0,
                                                   coupon: CouponTerms(code: "X", kind: .fixed(Money(amount: 100, currency: .usd)))))
        #expect(result.lines.map(\.discount) == [34, 33, 33])
    }

    @Test("an empty cart, a minimum spend not met and a coupon for another shop are refused")
    func failures() {
        let line = OrderPricing.Line(shopID: "a", unitPrice: 500, quantity: 1)
        #expect(throws: OrderPricing.Failure.emptyCart) { try OrderPricing.price(.init(currency: .usd, lines: [], shipping: [:], taxBasisPoints: 0)) }
        #expect(throws: OrderPricing.Failure.minimumSpendNotMet(Money(amount: 1000, currency: .usd))) {
            try OrderPricing.price(.init(currency: .usd, lines: [line], shipping: [:], taxBasisPoints: 0,
                                         coupon: CouponTerms(code: "M", kind: .percentage(basisPoints: 100), minimumSpend: Money(amount: 1000, currency: .usd))))
        }
        #expect(throws: OrderPricing.Failure.couponNotApplicable("S")) {
            try OrderPricing.price(.init(currency: .usd, lines: [line], shipping: [:], taxBasisPoints: 0,
                                         coupon: CouponTerms(code: "S", kind: .percentage(basisPoints: 100), shopID: "b")))
        }
    }

    @Test("the state machine: only the moves of API.md")
    func transitions() {
        #expect(OrderStatus.pending.canMove(to: .paid))
        #expect(!OrderStatus.pending.canMove(to: .shipped))
        #expect(!OrderStatus.shipped.canMove(to: .cancelled))
        #expect(OrderStatus.complete.canMove(to: .refunded))
        #expect(OrderStatus.cancelled.isFinal && OrderStatus.refunded.isFinal)
        #expect(!OrderStatus.actor(.buyer, mayRequest: .shipped))
        #expect(!OrderStatus.actor(.vendor, mayRequest: .paid))
        #expect(OrderStatus.actor(.buyer, mayRequest: .cancelled))
    }
}
