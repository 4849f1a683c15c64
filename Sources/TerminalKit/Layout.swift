/// Splits a rectangle into rows or columns, like ratatui's `Layout` with fewer kinds:
/// fixed sizes are honoured first, then minimums, then `fill` parts share what is left by
/// weight. When space runs out, later parts shrink first and can become empty.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less when there is not room).
    case fixed(Int)
    /// A share of the remaining space, by weight, never below `min`.
    case fill(weight: Int = 1, min: Int = 0)
    /// A percentage of the whole, never below `min`.
    case percent(Int, min: Int = 0)

    public static let fill = Constraint.fill()
}

public enum Layout {
    public static func rows(_ constraints: [Constraint], in area: Rect, spacing: Int = 0) -> [Rect] {
        sizes(constraints, total: area.height, spacing: spacing).map { Rect(x: area.x, y: area.y + $0.offset, width: area.width, height: $0.length) }
    }

    public static func columns(_ constraints: [Constraint], in area: Rect, spacing: Int = 0) -> [Rect] {
        sizes(constraints, total: area.width, spacing: spacing).map { Rect(x: area.x + $0.offset, y: area.y, width: $0.length, height: area.height) }
    }

    /// The smallest total the constraints want (fixed sizes, minimums and spacing).
    public static func minimum(_ constraints: [Constraint], spacing: Int = 0) -> Int {
        constraints.reduce(max(0, constraints.count - 1) * spacing) { total, constraint in
            switch constraint {
            case .fixed(let n): total + max(0, n)
            case .fill(_, let minimum), .percent(_, let minimum): total + max(0, minimum)
            }
        }
    }

    static func sizes(_ constraints: [Constraint], total: Int, spacing: Int) -> [(offset: Int, length: Int)] {
        let total = max(0, total)
        var lengths = [Int](repeating: 0, count: constraints.count)
        var left = max(0, total - max(0, constraints.count - 1) * spacing)
        // 1. fixed sizes and percentages (clamped to what is left, in order)
        for (i, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let n): lengths[i] = min(max(0, n), left)
            case .percent(let p, let minimum): lengths[i] = min(max(minimum, total * max(0, p) / 100), left)
            case .fill(_, let minimum): lengths[i] = min(max(0, minimum), left)
            }
            left -= lengths[i]
        }
        // 2. what remains goes to fills by weight; rounding leftovers to the first ones.
        let fills = constraints.indices.compactMap { i -> (Int, Int)? in
            if case .fill(let weight, _) = constraints[i] { return (i, max(0, weight)) }
            return nil
        }
        let weights = fills.reduce(0) { $0 + $1.1 }
        if weights > 0, left > 0 {
            var handed = 0
            for (i, weight) in fills {
                let share = left * weight / weights
                lengths[i] += share
                handed += share
            }
            var rest = left - handed
            for (i, weight) in fills where rest > 0 && weight > 0 {
                lengths[i] += 1
                rest -= 1
            }
        }
        var offset = 0
        return lengths.map { length in
            defer { offset += length + spacing }
            return (min(offset, total), length)
        }
    }
}
