import Foundation
import Testing
import TOML
@testable import TerminalKit

@Suite("Shipped themes")
struct ShippedThemeTests {
    @Test("the repository ships the five themes")
    func shipped() {
        #expect(Repository.themeNames == ["default-dark", "high-contrast", "light", "monochrome", "solarized-dark"])
    }

    @Test("every theme file parses, is named after its file and has a description", arguments: Repository.themeNames)
    func parses(name: String) throws {
        let file = try Repository.theme(name)
        #expect(file.theme.name == name)
        #expect(file.description?.isEmpty == false)
    }

    // Checked on the TOML itself: a role left out would silently come from
    // Theme.fallback, which a parsed Theme cannot tell apart.
    @Test("every theme file sets every role, with no unknown ones", arguments: Repository.themeNames)
    func setsEveryRole(name: String) throws {
        let document = try TOMLParser.parse(try Repository.themeText(name))
        let roles = Set(document["styles"]?.tableValue?.keys.map { $0 } ?? [])
        #expect(roles == Set(ThemeRole.allCases.map(\.rawValue)))
        let file = try Repository.theme(name)
        #expect(Set(file.theme.styles.keys) == Set(ThemeRole.allCases))
    }

    @Test("the monochrome theme has no colour at all")
    func monochrome() throws {
        let theme = try Repository.theme("monochrome").theme
        for role in ThemeRole.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default, "\(role)")
        }
    }

    @Test("the high-contrast theme uses only the 16 ANSI colours")
    func highContrastIsANSI() throws {
        let theme = try Repository.theme("high-contrast").theme
        for role in ThemeRole.allCases {
            for color in [theme[role].foreground, theme[role].background] {
                if case .ansi = color { continue }
                #expect(color == .default, "\(role)")
            }
        }
    }

    // Their hex values are xterm-256 entries, so a 256-colour terminal shows exactly the
    // colours the theme was designed with.
    @Test("palette themes are exact on 256-colour terminals", arguments: ["default-dark", "light"])
    func exactAt256(name: String) throws {
        let theme = try Repository.theme(name).theme
        let reduced = theme.reduced(to: .indexed256)
        for role in ThemeRole.allCases {
            for (original, shown) in [(theme[role].foreground, reduced[role].foreground), (theme[role].background, reduced[role].background)] {
                guard case .rgb(let r, let g, let b) = original else { continue }
                guard case .indexed(let index) = shown else {
                    Issue.record("\(role): \(original) became \(shown)")
                    continue
                }
                let (pr, pg, pb) = ColorFallback.rgb(ofIndex: index)
                #expect([pr, pg, pb] == [r, g, b], "\(role): \(original) is not an xterm-256 colour")
            }
        }
    }

    @Test("the compiled-in default equals themes/default-dark.toml")
    func builtInMatchesFile() throws {
        let file = try Repository.theme("default-dark")
        #expect(ThemeCatalog.builtIn == file)
        #expect(BuiltInThemes.defaultDarkSource + "\n" == (try Repository.themeText("default-dark")))
    }

    @Test("marketmate-themes(5) describes every role and every shipped theme")
    func manPageInStep() throws {
        let page = try String(contentsOf: Repository.root.appendingPathComponent("man/marketmate-themes.5"), encoding: .utf8)
        func tag(_ name: String) -> String { ".TP\n.B " + name.replacingOccurrences(of: "-", with: "\\-") + "\n" }
        for role in ThemeRole.allCases {
            #expect(page.contains(tag(role.rawValue)), "role \(role.rawValue) missing")
        }
        for name in Repository.themeNames {
            #expect(page.contains(tag(name)), "theme \(name) missing")
        }
    }
}
