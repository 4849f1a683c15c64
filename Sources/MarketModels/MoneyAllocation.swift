import Foundation

// Splitting and scaling money. All of it is integer arithmetic on magnitudes
// (UInt64, so Int64.min works) with 128-bit intermediate products, so no
// combination of amount and weight can overflow halfway through.
extension Money {
    /// Splits this amount in proportion to `weights` by the largest-remainder
    /// method: every part gets the floor of its exact share, then the minor
    /// units left over go one each to the parts with the largest remainders,
    /// earlier index first on ties.
    ///
    /// The parts always add up to exactly `self` (the reason this exists: an
    /// order split across shops, or a refund across lines, must not lose or
    /// invent a cent), and each part is within one minor unit of its exact
    /// share. Negative amounts are split like their magnitude, then negated,
    /// so a refund of -1.00 in three parts is -0.34, -0.33, -0.33.
    ///
    /// Weights must be non-negative and not all zero; a zero weight gets zero.
    public func allocated(_ weights: [Int64]) throws(MoneyError) -> [Money] {
        guard !weights.isEmpty else { throw .invalidWeights }
        var total: UInt64 = 0
        for weight in weights {
            guard weight >= 0 else { throw .invalidWeights }
            let (sum, overflow) = total.addingReportingOverflow(UInt64(weight))
            guard !overflow else { throw .overflow }
            total = sum
        }
        guard total > 0 else { throw .invalidWeights }

        let magnitude = amount.magnitude
        var shares: [UInt64] = []
        var remainders: [UInt64] = []
        shares.reserveCapacity(weights.count)
        remainders.reserveCapacity(weights.count)
        var allocated: UInt64 = 0
        for weight in weights {
            // magnitude * weight / total fits in 64 bits because weight <= total.
            let product = magnitude.multipliedFullWidth(by: UInt64(weight))
            let (share, remainder) = total.dividingFullWidth(product)
            shares.append(share)
            remainders.append(remainder)
            allocated += share
        }

        // The floors lose less than one unit per part, so fewer than
        // `weights.count` units are left; hand them out by largest remainder.
        // A stable order (index breaks ties) makes the result deterministic.
        var leftover = magnitude - allocated
        if leftover > 0 {
            let order = remainders.indices.sorted { lhs, rhs in
                remainders[lhs] != remainders[rhs] ? remainders[lhs] > remainders[rhs] : lhs < rhs
            }
            for index in order where leftover > 0 {
                shares[index] += 1
                leftover -= 1
            }
        }

        return shares.map { share in
            // share <= magnitude, so the negation fits even for Int64.min.
            let signed = amount < 0 ? Int64(bitPattern: 0 &- share) : Int64(bitPattern: share)
            return Money(amount: signed, currency: currency)
        }
    }

    /// Splits into `parts` nearly equal amounts that add up exactly; the
    /// earlier parts get the extra minor units.
    public func split(into parts: Int) throws(MoneyError) -> [Money] {
        guard parts > 0 else { throw .invalidParts }
        return try allocated(Array(repeating: 1, count: parts))
    }

    /// `basisPoints` / 10,000 of this amount (1,250 bp = 12.5 %), rounded to a
    /// whole minor unit with `rounding`. For tax, discounts and fees. Negative
    /// basis points give a negative result; more than 10,000 is allowed.
    public func percentage(
        basisPoints: Int64,
        rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero
    ) throws(MoneyError) -> Money {
        let result = try Self.scale(
            amount, numerator: basisPoints, denominator: 10_000, rounding: rounding
        )
        return Money(amount: result, currency: currency)
    }

    /// `value * numerator / denominator`, rounded with `rule`, exactly, in
    /// integers. `denominator` must be positive.
    static func scale(
        _ value: Int64,
        numerator: Int64,
        denominator: UInt64,
        rounding rule: FloatingPointRoundingRule
    ) throws(MoneyError) -> Int64 {
        precondition(denominator > 0, "denominator must be positive")
        let negative = (value < 0) != (numerator < 0)
        let product = value.magnitude.multipliedFullWidth(by: numerator.magnitude)
        // The quotient fits in 64 bits only if the high word is below the divisor.
        guard product.high < denominator else { throw .overflow }
        let (whole, remainder) = denominator.dividingFullWidth(product)
        var quotient = whole

        if remainder > 0 && roundsAwayFromZero(
            quotient: whole, remainder: remainder, divisor: denominator,
            negative: negative, rule: rule
        ) {
            let (bumped, overflow) = quotient.addingReportingOverflow(1)
            guard !overflow else { throw .overflow }
            quotient = bumped
        }

        if negative {
            guard quotient <= UInt64(Int64.max) + 1 else { throw .overflow }
            return Int64(bitPattern: 0 &- quotient)
        }
        guard quotient <= UInt64(Int64.max) else { throw .overflow }
        return Int64(quotient)
    }

    /// Whether the magnitude `quotient + remainder / divisor` (remainder > 0)
    /// should be rounded up to `quotient + 1` under `rule`.
    private static func roundsAwayFromZero(
        quotient: UInt64,
        remainder: UInt64,
        divisor: UInt64,
        negative: Bool,
        rule: FloatingPointRoundingRule
    ) -> Bool {
        // Compare remainder with divisor / 2 without overflowing: r vs d - r.
        let aboveHalf = remainder > divisor - remainder
        let exactlyHalf = remainder == divisor - remainder
        switch rule {
        case .toNearestOrAwayFromZero:
            return aboveHalf || exactlyHalf
        case .toNearestOrEven:
            return aboveHalf || (exactlyHalf && quotient % 2 == 1)
        case .towardZero:
            return false
        case .awayFromZero:
            return true
        case .down:
            return negative // toward minus infinity grows a negative magnitude
        case .up:
            return !negative
        @unknown default:
            return aboveHalf || exactlyHalf
        }
    }
}
