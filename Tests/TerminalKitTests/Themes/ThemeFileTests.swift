import Testing
import TOML
@testable import TerminalKit

@Suite("Theme files")
struct ThemeFileTests {
    static let path = "~/.config/marketmate/themes/x.toml"

    /// The one-line error `text` gives, or nil if it parses.
    static func error(_ text: String) -> String? {
        do {
            _ = try ThemeFile.parse(text, path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a theme reads every key: colours by name, hex and index, and attributes")
    func parsesStyles() throws {
        let file = try ThemeFile.parse("""
            name = "mine"
            description = "Mine"
            [styles]
            selection = { fg = "black", bg = "#5FAFFF", bold = true, dim = true, italic = true, underline = true, reverse = true }
            price = { fg = 208, bg = "bright-blue" }
            text = { fg = "default" }
            """, path: Self.path)
        #expect(file.theme.name == "mine")
        #expect(file.description == "Mine")
        #expect(file.theme[.selection] == Style(foreground: .black, background: .rgb(0x5F, 0xAF, 0xFF), bold: true, dim: true, italic: true, underline: true, reverse: true))
        #expect(file.theme[.price] == Style(foreground: .indexed(208), background: .brightBlue))
        #expect(file.theme[.text] == .plain)
    }

    @Test("roles a theme leaves out come from the fallback; the name defaults to the file's")
    func partialTheme() throws {
        let file = try ThemeFile.parse("[styles]\naccent = { fg = \"magenta\" }\n", path: "/themes/tiny.toml")
        #expect(file.theme.name == "tiny")
        #expect(file.description == nil)
        #expect(file.theme[.accent] == Style(foreground: .magenta))
        #expect(file.theme[.error] == Theme.fallback[.error])
    }

    @Test("styles may also be written as tables and dotted keys")
    func otherTOMLForms() throws {
        let file = try ThemeFile.parse("""
            [styles.selection]
            fg = "red"
            [styles]
            price.bold = true
            """, path: Self.path)
        #expect(file.theme[.selection] == Style(foreground: .red))
        #expect(file.theme[.price] == Style(bold: true))
    }

    @Test("a bad colour names the file, the line, the colour and the role")
    func unknownColour() {
        #expect(Self.error("""
            name = "x"
            [styles]
            text = { fg = "default" }
            selection = { fg = "blu", bold = true }
            """) == "~/.config/marketmate/themes/x.toml:4: unknown colour \"blu\" for selection.fg")
        #expect(Self.error("[styles]\naccent = { bg = \"#12345\" }") == "\(Self.path):2: unknown colour \"#12345\" for accent.bg")
        #expect(Self.error("[styles]\naccent = { bg = 300 }") == "\(Self.path):2: colour 300 is out of range (0-255) for accent.bg")
        #expect(Self.error("[styles]\naccent = { fg = true }") == "\(Self.path):2: accent.fg must be a colour name, \"#rrggbb\" or 0-255, not a boolean")
    }

    @Test("unknown roles and keys are errors, with a suggestion when one is close")
    func unknownNames() {
        #expect(Self.error("[styles]\ntab_active = { bold = true }") == "\(Self.path):2: unknown role \"tab_active\" (did you mean \"tab-active\"?)")
        #expect(Self.error("[styles]\nsparkles = { bold = true }") == "\(Self.path):2: unknown role \"sparkles\"")
        #expect(Self.error("[styles]\naccent = { fg = \"cyan\", blod = true }") == "\(Self.path):2: unknown key \"blod\" for accent (did you mean \"bold\"?)")
        #expect(Self.error("[styles]\naccent = { colour = \"red\" }") == "\(Self.path):2: unknown key \"colour\" for accent (expected fg, bg, bold, dim, italic, underline or reverse)")
        #expect(Self.error("name = \"x\"\ncolors = 1") == "\(Self.path):2: unknown key \"colors\" (expected name, description or styles)")
        #expect(Self.error("nmae = \"x\"") == "\(Self.path):1: unknown key \"nmae\" (did you mean \"name\"?)")
    }

    @Test("values of the wrong type are errors")
    func wrongTypes() {
        #expect(Self.error("[styles]\naccent = { bold = \"yes\" }") == "\(Self.path):2: accent.bold must be true or false, not a string")
        #expect(Self.error("[styles]\naccent = \"cyan\"") == "\(Self.path):2: accent must be a table such as { fg = \"cyan\", bold = true }, not a string")
        #expect(Self.error("name = 3") == "\(Self.path):1: name must be a non-empty string, not an integer")
        #expect(Self.error("name = \"\"") == "\(Self.path):1: name must be a non-empty string, not an empty string")
        #expect(Self.error("description = [\"a\"]") == "\(Self.path):1: description must be a string, not an array")
        #expect(Self.error("# a theme\nstyles = \"none\"") == "\(Self.path):2: styles must be a table, not a string")
    }

    @Test("a TOML syntax error keeps the parser's line and column")
    func syntaxError() throws {
        let text = "name = \"x\"\n[styles]\naccent = { fg = \"cyan\" \n"
        let parserError = try #require(throws: TOMLError.self) { try TOMLParser.parse(text) }
        #expect(parserError.line == 3)
        #expect(Self.error(text) == "\(Self.path):3:\(parserError.column): \(parserError.message)")
    }

    @Test("of several problems the first in the file is reported, every time")
    func firstProblemWins() {
        let text = """
            name = "x"
            [styles]
            accent = { fg = "cyan" }
            error = { fg = "rd" }
            price = { bold = "yes" }
            zzz = {}
            """
        for _ in 0..<5 {
            #expect(Self.error(text) == "\(Self.path):4: unknown colour \"rd\" for error.fg")
        }
    }

    @Test("errors in [styles.role] tables point at the key's own line")
    func tableFormLines() {
        let text = """
            [styles.accent]
            bold = true

            # the selection
            [styles.selection]
            fg = "cyan"
            bg = "sky"
            """
        #expect(Self.error(text) == "\(Self.path):7: unknown colour \"sky\" for selection.bg")
    }

    @Test("a file that cannot be read is an error without a line")
    func unreadable() {
        #expect(throws: ConfigFileError(path: "/nonexistent/x.toml", message: "cannot read the theme file")) {
            try ThemeFile.load(contentsOf: "/nonexistent/x.toml")
        }
    }
}
