/// A terminal colour as a theme names it. Backends bring it down to what the terminal
/// can show (`ColorDepth`), so a theme written in truecolor still works on 16 colours.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0-7 normal, 8-15 bright).
    case ansi(UInt8)
    /// The xterm 256-colour palette.
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = Color.ansi(0), red = Color.ansi(1), green = Color.ansi(2), yellow = Color.ansi(3)
    public static let blue = Color.ansi(4), magenta = Color.ansi(5), cyan = Color.ansi(6), white = Color.ansi(7)
    public static let brightBlack = Color.ansi(8), brightRed = Color.ansi(9), brightGreen = Color.ansi(10)
    public static let brightYellow = Color.ansi(11), brightBlue = Color.ansi(12), brightMagenta = Color.ansi(13)
    public static let brightCyan = Color.ansi(14), brightWhite = Color.ansi(15)

    /// The names theme files use for the 16 ANSI colours, in palette order.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI name (`bright-blue`), `#rrggbb` or a palette index `0`-`255`.
    public init?(name: String) {
        let text = name.lowercased()
        if text == "default" || text == "none" {
            self = .default
        } else if let index = Self.ansiNames.firstIndex(of: text) {
            self = .ansi(UInt8(index))
        } else if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        } else if let index = UInt8(text) {
            self = .indexed(index)
        } else {
            return nil
        }
    }
}

/// How many colours a terminal shows. `none` is monochrome or `NO_COLOR`: attributes only.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    case none = 0, ansi8 = 8, ansi16 = 16, indexed256 = 256, truecolor = 16_777_216

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What the environment says: `NO_COLOR` (any value, https://no-color.org) wins, then
    /// `COLORTERM=truecolor|24bit`, then the number of colours terminfo reports.
    public static func detect(environment: [String: String], terminfoColors: Int) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if (colorterm == "truecolor" || colorterm == "24bit"), terminfoColors >= 256 { return .truecolor }
        if terminfoColors >= 16_777_216 { return .truecolor }
        if terminfoColors >= 256 { return .indexed256 }
        if terminfoColors >= 16 { return .ansi16 }
        if terminfoColors >= 8 { return .ansi8 }
        return .none
    }
}

/// How a cell looks: colours plus attributes. Widgets take styles from a `Theme`.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var bold: Bool
    public var dim: Bool
    public var italic: Bool
    public var underline: Bool
    public var reverse: Bool

    public init(
        foreground: Color = .default, background: Color = .default,
        bold: Bool = false, dim: Bool = false, italic: Bool = false, underline: Bool = false, reverse: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.italic = italic
        self.underline = underline
        self.reverse = reverse
    }

    public static let plain = Style()

    /// This style with `other`'s colours where `other` sets them and either's attributes.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground == .default ? foreground : other.foreground,
            background: other.background == .default ? background : other.background,
            bold: bold || other.bold, dim: dim || other.dim, italic: italic || other.italic,
            underline: underline || other.underline, reverse: reverse || other.reverse
        )
    }
}
