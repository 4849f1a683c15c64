import Foundation

/// A coupon's terms as pricing needs them.
public struct CouponTerms: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Basis points off the eligible lines (1,500 = 15 %).
        case percentage(basisPoints: Int64)
        /// A fixed amount off the eligible lines, at most their subtotal.
        case fixed(Money)
    }
    public var code: String
    public var kind: Kind
    /// Only this shop's lines; nil for a platform-wide coupon.
    public var shopID: String?
    /// The eligible lines must add up to at least this.
    public var minimumSpend: Money?

    public init(code: String, kind: Kind, shopID: String? = nil, minimumSpend: Money? = nil) {
        self.code = code
        self.kind = kind
        self.shopID = shopID
        self.minimumSpend = minimumSpend
    }
}

/// The money of a checkout, computed once, in integer minor units, so that every part adds
/// up exactly (the rounding bugs of medusa#14818 are what this prevents):
/// - a line's subtotal is unit price × quantity;
/// - a coupon's discount is computed on its eligible lines together, then split across them
///   in proportion to their subtotals by largest remainder (`Money.allocated`), so the line
///   discounts add up to the coupon's discount to the unit;
/// - tax is computed per line on (subtotal − discount) and rounded half away from zero to the
///   currency's minor unit; shipping is not taxed;
/// - an order (one per shop) is its lines plus its shipping, and the payment is the sum of
///   the orders. No amount is ever derived by dividing a total.
public enum OrderPricing {
    public struct Line: Hashable, Sendable {
        public var shopID: String
        public var unitPrice: Int64
        public var quantity: Int
        public init(shopID: String, unitPrice: Int64, quantity: Int) {
            self.shopID = shopID
            self.unitPrice = unitPrice
            self.quantity = quantity
        }
    }

    public struct Input: Sendable {
        public var currency: Currency
        public var lines: [Line]
        /// Shipping per shop, minor units; a shop missing here ships free.
        public var shipping: [String: Int64]
        public var taxBasisPoints: Int64
        public var coupon: CouponTerms?
        public init(currency: Currency, lines: [Line], shipping: [String: Int64], taxBasisPoints: Int64, coupon: CouponTerms? = nil) {
            self.currency = currency
            self.lines = lines
            self.shipping = shipping
            self.taxBasisPoints = taxBasisPoints
            self.coupon = coupon
        }
    }

    public struct PricedLine: Hashable, Sendable {
        public var subtotal: Int64
        public var discount: Int64
        public var tax: Int64
        /// subtotal − discount + tax
        public var total: Int64
    }

    public struct PricedOrder: Hashable, Sendable {
        public var shopID: String
        /// Indexes into `Input.lines`, in input order.
        public var lineIndexes: [Int]
        public var subtotal: Int64
        public var discount: Int64
        public var shipping: Int64
        public var tax: Int64
        public var total: Int64
    }

    public struct Result: Hashable, Sendable {
        public var lines: [PricedLine]
        /// One per shop, in the order shops first appear in the lines.
        public var orders: [PricedOrder]
        public var discount: Int64
        /// What the buyer pays: exactly the sum of the orders' totals.
        public var total: Int64
    }

    public enum Failure: Error, Equatable, Sendable {
        case emptyCart
        case invalidQuantity(index: Int)
        case couponNotApplicable(String)
        case minimumSpendNotMet(Money)
        case money(MoneyError)
    }

    public static func price(_ input: Input) throws(Failure) -> Result {
        guard !input.lines.isEmpty else { throw .emptyCart }
        do {
            var subtotals: [Int64] = []
            for (index, line) in input.lines.enumerated() {
                guard line.quantity > 0, line.unitPrice >= 0 else { throw Failure.invalidQuantity(index: index) }
                subtotals.append(try Money(amount: line.unitPrice, currency: input.currency).multiplied(by: Int64(line.quantity)).amount)
            }
            let discounts = try discounts(input, subtotals: subtotals)
            var lines: [PricedLine] = []
            for index in input.lines.indices {
                let taxable = subtotals[index] - discounts[index]
                let tax = try Money(amount: taxable, currency: input.currency).percentage(basisPoints: input.taxBasisPoints).amount
                let total = try Money.sum([taxable, tax].map { Money(amount: $0, currency: input.currency) }, currency: input.currency).amount
                lines.append(PricedLine(subtotal: subtotals[index], discount: discounts[index], tax: tax, total: total))
            }
            var orders: [PricedOrder] = []
            var orderIndex: [String: Int] = [:]
            for (index, line) in input.lines.enumerated() {
                if orderIndex[line.shopID] == nil {
                    orderIndex[line.shopID] = orders.count
                    orders.append(PricedOrder(shopID: line.shopID, lineIndexes: [], subtotal: 0, discount: 0,
                                              shipping: max(0, input.shipping[line.shopID] ?? 0), tax: 0, total: 0))
                }
                orders[orderIndex[line.shopID]!].lineIndexes.append(index)
            }
            for i in orders.indices {
                let members = orders[i].lineIndexes.map { lines[$0] }
                orders[i].subtotal = try sum(members.map(\.subtotal), input.currency)
                orders[i].discount = try sum(members.map(\.discount), input.currency)
                orders[i].tax = try sum(members.map(\.tax), input.currency)
                orders[i].total = try sum(members.map(\.total) + [orders[i].shipping], input.currency)
            }
            return Result(lines: lines, orders: orders, discount: try sum(discounts, input.currency),
                          total: try sum(orders.map(\.total), input.currency))
        } catch let failure as Failure {
            throw failure
        } catch let error as MoneyError {
            throw .money(error)
        } catch {
            throw .money(.overflow)
        }
    }

    /// Each line's share of the coupon's discount (zero without a coupon).
    private static func discounts(_ input: Input, subtotals: [Int64]) throws -> [Int64] {
        guard let coupon = input.coupon else { return subtotals.map { _ in 0 } }
        let eligible = input.lines.indices.filter { coupon.shopID == nil || input.lines[$0].shopID == coupon.shopID }
        guard !eligible.isEmpty else { throw Failure.couponNotApplicable(coupon.code) }
        let base = Money(amount: try sum(eligible.map { subtotals[$0] }, input.currency), currency: input.currency)
        if let minimum = coupon.minimumSpend, minimum.currency == input.currency, base.amount < minimum.amount {
            throw Failure.minimumSpendNotMet(minimum)
        }
        let total: Int64
        switch coupon.kind {
        case .percentage(let basisPoints):
            // Rounded down: a coupon never takes off more than its percentage says.
            total = try base.percentage(basisPoints: min(max(basisPoints, 0), 10_000), rounding: .down).amount
        case .fixed(let money):
            guard money.currency == input.currency else { throw Failure.couponNotApplicable(coupon.code) }
            total = min(max(money.amount, 0), base.amount)
        }
        var result = subtotals.map { _ in Int64(0) }
        guard total > 0, base.amount > 0 else { return result }
        let shares = try Money(amount: total, currency: input.currency).allocated(eligible.map { subtotals[$0] })
        for (index, share) in zip(eligible, shares) { result[index] = share.amount }
        return result
    }

    private static func sum(_ values: [Int64], _ currency: Currency) throws -> Int64 {
        try Money.sum(values.map { Money(amount: $0, currency: currency) }, currency: currency).amount
    }
}
