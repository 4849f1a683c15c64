/// Brings colours down to a terminal's depth: truecolor → nearest xterm-256 entry →
/// nearest of the 16 (or 8) ANSI colours → none. Nearest means least squared distance in
/// RGB, which is what tmux and most terminals do.
public enum ColorFallback {
    public static func reduce(_ color: Color, to depth: ColorDepth) -> Color {
        switch (color, depth) {
        case (.default, _), (_, .truecolor): return color
        case (_, .none): return .default
        case (.indexed(let index), .indexed256): return .indexed(index)
        case (.rgb(let r, let g, let b), .indexed256): return .indexed(nearest256(r, g, b))
        case (.ansi(let index), .ansi16), (.ansi(let index), .indexed256): return .ansi(index)
        case (.ansi(let index), .ansi8): return .ansi(index % 8)
        case (.indexed(let index), _):
            if index < 16 { return reduce(.ansi(index), to: depth) }
            let (r, g, b) = rgb(ofIndex: index)
            return .ansi(nearestANSI(r, g, b, count: depth == .ansi8 ? 8 : 16))
        case (.rgb(let r, let g, let b), _):
            return .ansi(nearestANSI(r, g, b, count: depth == .ansi8 ? 8 : 16))
        }
    }

    /// The xterm default RGB values of the 16 ANSI colours.
    static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// RGB of an xterm-256 palette entry.
    public static func rgb(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16: return ansiRGB[Int(index)]
        case 16..<232:
            let i = Int(index) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let level = UInt8(8 + (Int(index) - 232) * 10)
            return (level, level, level)
        }
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        // Candidates: the closest cube entry and the closest grey; the 16 ANSI entries are
        // skipped because terminals redefine them.
        func cubeIndex(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let cube = 16 + 36 * cubeIndex(r) + 6 * cubeIndex(g) + cubeIndex(b)
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let grey = average > 238 ? 255 : 232 + max(0, (average - 3) / 10)
        let candidates = [cube, min(255, grey)]
        return UInt8(candidates.min { distance(rgb(ofIndex: UInt8($0)), (r, g, b)) < distance(rgb(ofIndex: UInt8($1)), (r, g, b)) }!)
    }

    static func nearestANSI(_ r: UInt8, _ g: UInt8, _ b: UInt8, count: Int) -> UInt8 {
        UInt8((0..<count).min { distance(ansiRGB[$0], (r, g, b)) < distance(ansiRGB[$1], (r, g, b)) }!)
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }
}
