import Testing
@testable import TerminalKit

/// The shipped themes brought down to what smaller terminals show: each must stay
/// legible and keep its meaning at 256, 16 and 8 colours and with no colour at all.
@Suite("Theme reduction")
struct ThemeReductionTests {
    static let depths: [ColorDepth] = [.truecolor, .indexed256, .ansi16, .ansi8, .none]
    static let cases: [(String, ColorDepth)] = Repository.themeNames.flatMap { name in depths.map { (name, $0) } }

    /// The colours as the eye sees them: reverse video swaps foreground and background.
    static func shown(_ style: Style) -> (fg: Color, bg: Color) {
        style.reverse ? (style.background, style.foreground) : (style.foreground, style.background)
    }

    /// A bar the user can see: filled with a colour, or reverse video.
    static func isFilled(_ style: Style) -> Bool {
        style.reverse || style.background != .default
    }

    static func reduced(_ name: String, _ depth: ColorDepth) throws -> Theme {
        try Repository.theme(name).theme.reduced(to: depth)
    }

    @Test("text is never drawn in the colour of its own background", arguments: cases)
    func legible(name: String, depth: ColorDepth) throws {
        let theme = try Self.reduced(name, depth)
        for role in ThemeRole.allCases {
            let (fg, bg) = Self.shown(theme[role])
            if fg != .default, bg != .default {
                #expect(fg != bg, "\(name) \(role) at \(depth): \(fg) on \(bg)")
            }
        }
    }

    @Test("selection, header, progress and error toasts stay filled bars", arguments: cases)
    func filledBars(name: String, depth: ColorDepth) throws {
        let theme = try Self.reduced(name, depth)
        for role in [ThemeRole.selection, .header, .progress, .toastError, .toast, .badge] {
            #expect(Self.isFilled(theme[role]), "\(name) \(role) at \(depth)")
        }
    }

    @Test("roles that must stand out differ from plain text and from each other", arguments: cases)
    func standOut(name: String, depth: ColorDepth) throws {
        let theme = try Self.reduced(name, depth)
        for role in [ThemeRole.accent, .selection, .error, .warning, .price, .match, .tabActive, .footerKey, .toastError] {
            #expect(theme[role] != theme[.text], "\(name) \(role) looks like text at \(depth)")
        }
        #expect(theme[.tabActive] != theme[.tab], "\(name) active tab at \(depth)")
        #expect(theme[.selection] != theme[.selectionInactive], "\(name) selection at \(depth)")
        #expect(theme[.toastError] != theme[.toast], "\(name) toasts at \(depth)")
    }

    @Test("without colour only attributes are left", arguments: Repository.themeNames)
    func noColor(name: String) throws {
        let theme = try Self.reduced(name, .none)
        for role in ThemeRole.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default)
        }
    }

    /// The colour that carries a role's meaning: the fill of a bar, else the text.
    static func signal(_ style: Style) -> Color {
        let (fg, bg) = shown(style)
        return style.reverse || bg != .default ? bg : fg
    }

    static func ansiIndex(_ color: Color) -> UInt8? {
        if case .ansi(let index) = color { return index }
        return nil
    }

    // Not solarized-dark: its hues are Solarized's, and the nearest xterm colour of its
    // olive green is yellow; on a terminal set up for Solarized the ANSI palette is
    // Solarized's own, so it still looks right there.
    @Test(
        "on 16 and 8 colours errors stay red, success green, warnings warm, accents coloured",
        arguments: ["default-dark", "light", "high-contrast"], [ColorDepth.ansi16, .ansi8]
    )
    func hues(name: String, depth: ColorDepth) throws {
        let theme = try Self.reduced(name, depth)
        let red: Set<UInt8> = [1, 9], green: Set<UInt8> = [2, 10], warm: Set<UInt8> = [1, 3, 9, 11]
        let greys: Set<UInt8> = [0, 7, 8, 15]
        #expect(Self.ansiIndex(Self.signal(theme[.error])).map(red.contains) == true, "\(name) error")
        #expect(Self.ansiIndex(Self.signal(theme[.toastError])).map(red.contains) == true, "\(name) toast-error")
        #expect(Self.ansiIndex(Self.signal(theme[.success])).map(green.contains) == true, "\(name) success")
        #expect(Self.ansiIndex(Self.signal(theme[.warning])).map(warm.contains) == true, "\(name) warning")
        for role in [ThemeRole.accent, .price, .selection, .match] {
            let index = Self.ansiIndex(Self.signal(theme[role]))
            #expect(index.map { !greys.contains($0) } == true, "\(name) \(role) lost its colour: \(String(describing: index))")
        }
        if depth == .ansi8 {
            for role in ThemeRole.allCases {
                for color in [theme[role].foreground, theme[role].background] {
                    #expect(color == .default || (Self.ansiIndex(color) ?? 99) < 8, "\(name) \(role)")
                }
            }
        }
    }
}
