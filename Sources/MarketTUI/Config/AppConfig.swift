import Foundation
import MarketClient
import TerminalKit

/// The client's settings: which server, which theme, which keys.
///
/// Layers, later wins: built-in defaults, the config file
/// (`$XDG_CONFIG_HOME/marketmate/config.toml`), the environment (`MARKETMATE_SERVER`,
/// `MARKETMATE_THEME`), then command-line flags, which the caller applies to the result.
/// Loading never fails: a broken file is ignored as a whole (half a config is more
/// confusing than none) and reported as one warning line, because a typo in a config
/// file must not keep anyone out of the app.
public struct AppConfig: Equatable, Sendable {
    public var server: ServerEndpoint
    /// A theme name or path, resolved by `ThemeCatalog` (which also reports a bad one).
    public var theme: String
    public var keymap: Keymap

    public init(
        server: ServerEndpoint = .local,
        theme: String = ThemeCatalog.defaultThemeName,
        keymap: Keymap = KeyBindings.defaults
    ) {
        self.server = server
        self.theme = theme
        self.keymap = keymap
    }

    public static let defaults = AppConfig()

    /// `$XDG_CONFIG_HOME/marketmate/config.toml`, or `~/.config/marketmate/config.toml`
    /// when that is unset or not absolute (the XDG rule).
    public static func defaultPath(environment: [String: String]) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return config + "/marketmate/config.toml"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/marketmate/config.toml"
    }

    /// The defaults, then the file at `path` (`--config`; nil for the default location),
    /// then the environment. The default file may be missing; a file named explicitly
    /// that is missing is reported. Each problem is one line in `warnings`.
    public static func load(
        path: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> (config: AppConfig, warnings: [String]) {
        var config = AppConfig.defaults
        var warnings: [String] = []
        let home = environment["HOME"]

        let file = ConfigFileError.expandingTilde(path ?? defaultPath(environment: environment), home: home)
        let shown = ConfigFileError.displayPath(file, home: home)
        if FileManager.default.fileExists(atPath: file) {
            do {
                config = try AppConfigFile.load(contentsOf: file, displayPath: shown)
            } catch {
                warnings.append("\(error); using the default settings")
            }
        } else if path != nil {
            warnings.append("\(shown): no such config file; using the default settings")
        }

        if let value = environment["MARKETMATE_SERVER"], !value.isEmpty {
            if let endpoint = ServerEndpoint(value) {
                config.server = endpoint
            } else {
                warnings.append("MARKETMATE_SERVER: \"\(value)\" is not an http or https URL; ignored")
            }
        }
        if let value = environment["MARKETMATE_THEME"], !value.isEmpty {
            config.theme = value
        }
        return (config, warnings)
    }
}
