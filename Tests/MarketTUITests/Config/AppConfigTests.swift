import Foundation
import MarketClient
import Testing
import TerminalKit
@testable import MarketTUI

@Suite("App config")
struct AppConfigTests {
    /// A HOME with `.config/marketmate/config.toml` holding `text` (nil: no file).
    final class Home {
        let path: String

        init(config text: String? = nil) throws {
            path = NSTemporaryDirectory() + "marketmate-config-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path + "/.config/marketmate", withIntermediateDirectories: true)
            if let text { try text.write(toFile: configPath, atomically: true, encoding: .utf8) }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        var configPath: String { path + "/.config/marketmate/config.toml" }
        var environment: [String: String] { ["HOME": path] }

        func load(_ extra: [String: String] = [:], path: String? = nil) -> (config: AppConfig, warnings: [String]) {
            AppConfig.load(path: path, environment: environment.merging(extra) { $1 })
        }
    }

    @Test("no file and no environment: the defaults, silently")
    func defaults() throws {
        let (config, warnings) = try Home().load()
        #expect(config == AppConfig.defaults)
        #expect(config.server == ServerEndpoint("http://127.0.0.1:8080"))
        #expect(config.theme == "default-dark")
        #expect(config.keymap == KeyBindings.defaults)
        #expect(warnings.isEmpty)
    }

    @Test("the file lives under XDG_CONFIG_HOME, else ~/.config; a relative XDG_CONFIG_HOME is ignored")
    func defaultPath() {
        #expect(AppConfig.defaultPath(environment: ["HOME": "/home/ana", "XDG_CONFIG_HOME": "/cfg"]) == "/cfg/marketmate/config.toml")
        #expect(AppConfig.defaultPath(environment: ["HOME": "/home/ana"]) == "/home/ana/.config/marketmate/config.toml")
        #expect(AppConfig.defaultPath(environment: ["HOME": "/home/ana", "XDG_CONFIG_HOME": "cfg"]) == "/home/ana/.config/marketmate/config.toml")
    }

    @Test("the file sets the server, the theme and keys")
    func fileSettings() throws {
        let home = try Home(config: """
            server = "https://shop.example.com"
            theme = "light"

            [keys]
            down = ["n", "down"]
            palette = "ctrl-k"
            logout = "ctrl-q"
            quit = []
            """)
        let (config, warnings) = home.load()
        #expect(warnings.isEmpty)
        #expect(config.server == ServerEndpoint("https://shop.example.com"))
        #expect(config.theme == "light")
        #expect(config.keymap.keys(for: "down") == [.char("n"), KeyPress(.down)])
        #expect(config.keymap.keys(for: "palette") == [.ctrl("k")])
        #expect(config.keymap.keys(for: "logout") == [.ctrl("q")])
        #expect(config.keymap.keys(for: "quit").isEmpty)
        // Actions the file does not mention keep their defaults.
        #expect(config.keymap.keys(for: "up") == KeyBindings.defaults.keys(for: "up"))
        #expect(config.keymap.action(for: .char("n"), among: ["new", "down"]) == "new")
    }

    @Test("XDG_CONFIG_HOME and --config choose the file")
    func otherLocations() throws {
        let home = try Home()
        let xdg = home.path + "/xdg"
        try FileManager.default.createDirectory(atPath: xdg + "/marketmate", withIntermediateDirectories: true)
        try "theme = \"from-xdg\"".write(toFile: xdg + "/marketmate/config.toml", atomically: true, encoding: .utf8)
        #expect(home.load(["XDG_CONFIG_HOME": xdg]).config.theme == "from-xdg")

        let explicit = home.path + "/other.toml"
        try "theme = \"explicit\"".write(toFile: explicit, atomically: true, encoding: .utf8)
        #expect(home.load(["XDG_CONFIG_HOME": xdg], path: explicit).config.theme == "explicit")
        #expect(home.load(path: "~/other.toml").config.theme == "explicit")
    }

    @Test("an explicit file that is missing is reported; the defaults are used")
    func missingExplicitFile() throws {
        let home = try Home()
        let (config, warnings) = home.load(path: home.path + "/nope.toml")
        #expect(config == AppConfig.defaults)
        #expect(warnings == ["~/nope.toml: no such config file; using the default settings"])
    }

    @Test("the environment wins over the file")
    func environmentOverFile() throws {
        let home = try Home(config: "server = \"https://file.example\"\ntheme = \"light\"\n")
        let (config, warnings) = home.load(["MARKETMATE_SERVER": "http://10.0.0.2:9000", "MARKETMATE_THEME": "monochrome"])
        #expect(warnings.isEmpty)
        #expect(config.server == ServerEndpoint("http://10.0.0.2:9000"))
        #expect(config.theme == "monochrome")
        // Empty variables count as unset.
        let (unset, _) = home.load(["MARKETMATE_SERVER": "", "MARKETMATE_THEME": ""])
        #expect(unset.server == ServerEndpoint("https://file.example"))
        #expect(unset.theme == "light")
    }

    @Test("a bad MARKETMATE_SERVER is reported and ignored")
    func badEnvironmentServer() throws {
        let home = try Home(config: "server = \"https://file.example\"\n")
        let (config, warnings) = home.load(["MARKETMATE_SERVER": "shop.example"])
        #expect(config.server == ServerEndpoint("https://file.example"))
        #expect(warnings == ["MARKETMATE_SERVER: \"shop.example\" is not an http or https URL; ignored"])
    }

    static let badFiles: [(text: String, warning: String)] = [
        ("server = \"http://x\"\n[keys]\ndwon = \"j\"\n",
         "~/.config/marketmate/config.toml:3: unknown action \"dwon\" in [keys] (did you mean \"down\"?)"),
        ("[keys]\ndown = [\n  \"j\",\n  \"ctrl-\",\n]\n",
         "~/.config/marketmate/config.toml:4: cannot read the key \"ctrl-\" for keys.down (write keys like \"j\", \"G\", \"ctrl-p\", \"shift-tab\", \"pgdn\" or \"f5\")"),
        ("[keys]\nup = 3\n",
         "~/.config/marketmate/config.toml:2: keys.up must be a key such as \"j\" or a list such as [\"j\", \"down\"], not an integer"),
        ("[keys]\nup = [\"k\", 3]\n",
         "~/.config/marketmate/config.toml:2: keys.up must be a key such as \"j\" or a list such as [\"j\", \"down\"], not an array"),
        ("# my settings\n\nsever = \"http://x\"\n",
         "~/.config/marketmate/config.toml:3: unknown setting \"sever\" (did you mean \"server\"?)"),
        ("colour = \"red\"\n",
         "~/.config/marketmate/config.toml:1: unknown setting \"colour\" (expected server, theme or keys)"),
        ("theme = \"light\"\nserver = \"shop.example.com\"\n",
         "~/.config/marketmate/config.toml:2: server must be an http or https URL such as \"https://shop.example.com\", not \"shop.example.com\""),
        ("server = 8080\n",
         "~/.config/marketmate/config.toml:1: server must be a string such as \"https://shop.example.com\", not an integer"),
        ("theme = \"\"\n",
         "~/.config/marketmate/config.toml:1: theme must be a theme name or a path to a .toml file"),
        ("keys = \"vim\"\n",
         "~/.config/marketmate/config.toml:1: keys must be a table ([keys]), not a string"),
        ("theme = \"light\"\n[keys]\nzzz = \"x\"\nup = \"ctrl-\"\n",
         "~/.config/marketmate/config.toml:3: unknown action \"zzz\" in [keys]"),
    ]

    @Test("a bad file gives the defaults and one line naming the file, the line and the problem", arguments: badFiles)
    func badFile(text: String, warning: String) throws {
        let home = try Home(config: text)
        let (config, warnings) = home.load()
        #expect(config == AppConfig.defaults)
        #expect(warnings == [warning + "; using the default settings"])
    }

    @Test("a TOML syntax error gives the parser's line and column; the environment still applies")
    func syntaxError() throws {
        let home = try Home(config: "server = \"http://x\"\ntheme = light\n")
        let (config, warnings) = home.load(["MARKETMATE_THEME": "monochrome"])
        #expect(config.server == AppConfig.defaults.server)
        #expect(config.theme == "monochrome")
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("~/.config/marketmate/config.toml:2:") == true)
        #expect(warnings.first?.hasSuffix("; using the default settings") == true)
    }
}
