/// ncurses' side of colour: `Color`s become colour numbers (reduced to the terminal's
/// depth first), and foreground/background couples become colour pairs, allocated on
/// demand. Pure bookkeeping; the backend makes the ncurses calls, so this is testable.
struct NcursesColorMapping: Sendable {
    let depth: ColorDepth
    /// A direct-colour terminfo entry (COLORS ≥ 2^24): colour numbers are packed RGB.
    let direct: Bool
    /// `use_default_colors` worked: -1 is the terminal's own foreground/background.
    let defaultColors: Bool

    /// The ncurses colour number for `color`.
    func number(_ color: Color, foreground: Bool) -> Int32 {
        let reduced = ColorFallback.reduce(color, to: depth)
        switch reduced {
        case .default:
            return defaultColors ? -1 : (foreground ? 7 : 0)
        case .ansi(let index), .indexed(let index):
            // Direct-colour terminfo keeps 0-7 as the palette and treats every other
            // number as RGB, so the rest of the palette is sent as its RGB value.
            if direct, index >= 8 {
                let (r, g, b) = ColorFallback.rgb(ofIndex: index)
                return Self.packed(r, g, b)
            }
            return Int32(index)
        case .rgb(let r, let g, let b):
            return direct ? Self.packed(r, g, b) : Int32(ColorFallback.reduce(reduced, to: .indexed256).paletteIndex ?? 0)
        }
    }

    static func packed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        // 0-7 would read as palette entries: near-black is nudged to a visually equal 8.
        max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
    }

    /// The RGB a colour number shows (nil: the terminal's default colour).
    func rgb(ofNumber number: Int32) -> (UInt8, UInt8, UInt8)? {
        if number < 0 { return nil }
        if direct, number >= 8 {
            return (UInt8(number >> 16 & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number & 0xFF))
        }
        return ColorFallback.rgb(ofIndex: UInt8(clamping: number))
    }
}

extension Color {
    fileprivate var paletteIndex: UInt8? {
        switch self {
        case .ansi(let index), .indexed(let index): index
        default: nil
        }
    }
}

/// Colour pairs by (foreground, background) number. Pair 0 is ncurses' default pair and
/// is never redefined; the rest are handed out in order. When the terminal's pairs run
/// out, a couple gets the existing pair closest in RGB (or pair 0): colours slightly off
/// instead of a crash or an ncurses error.
struct ColorPairTable: Sendable {
    struct Key: Hashable, Sendable {
        var foreground: Int32
        var background: Int32
    }

    /// COLOR_PAIRS: pairs 0..<capacity exist.
    let capacity: Int
    let mapping: NcursesColorMapping
    private(set) var pairs: [Key: Int32] = [:]
    /// Pairs really defined, in order (the candidates for "closest").
    private(set) var defined: [(key: Key, pair: Int32)] = []

    init(capacity: Int, mapping: NcursesColorMapping) {
        self.capacity = capacity
        self.mapping = mapping
        let defaultKey = Key(foreground: mapping.defaultColors ? -1 : 7, background: mapping.defaultColors ? -1 : 0)
        pairs[defaultKey] = 0
        defined.append((defaultKey, 0))
    }

    /// The pair for a couple, and whether the caller must define it (`init_extended_pair`).
    mutating func pair(for key: Key) -> (pair: Int32, isNew: Bool) {
        if let known = pairs[key] { return (known, false) }
        let next = defined.count
        if next < capacity {
            let pair = Int32(next)
            pairs[key] = pair
            defined.append((key, pair))
            return (pair, true)
        }
        // Out of pairs: remember the substitute so the search runs once per couple.
        let nearest = defined.min { distance($0.key, key) < distance($1.key, key) }?.pair ?? 0
        pairs[key] = nearest
        return (nearest, false)
    }

    private func distance(_ a: Key, _ b: Key) -> Int {
        colorDistance(a.foreground, b.foreground, defaultRGB: (229, 229, 229))
            + colorDistance(a.background, b.background, defaultRGB: (0, 0, 0))
    }

    /// Squared RGB distance; the terminal's default colour is assumed to look like a
    /// typical light-on-dark default, and matches itself exactly.
    private func colorDistance(_ a: Int32, _ b: Int32, defaultRGB: (UInt8, UInt8, UInt8)) -> Int {
        if a == b { return 0 }
        let left = mapping.rgb(ofNumber: a) ?? defaultRGB, right = mapping.rgb(ofNumber: b) ?? defaultRGB
        return ColorFallback.distance(left, right) + 1
    }
}
