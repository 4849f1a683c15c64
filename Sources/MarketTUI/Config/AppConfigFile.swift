import Foundation
import MarketClient
import TerminalKit
import TOML

/// config.toml as written (see marketmate-config(5)):
///
/// ```toml
/// server = "https://shop.example.com"
/// theme = "light"
/// [keys]
/// down = ["j", "down"]
/// palette = "ctrl-p"
/// ```
///
/// Every setting is optional. Unknown settings and action ids, chords that do not parse
/// and values of the wrong type are errors: a typo that silently did nothing would leave
/// the user wondering why their key does not work.
public enum AppConfigFile {
    static let settings = ["server", "theme", "keys"]

    /// The defaults with the file's settings applied. `path` is only for messages.
    public static func parse(_ text: String, path: String) throws(ConfigFileError) -> AppConfig {
        let document: [String: TOMLValue]
        do {
            document = try TOMLParser.parse(text)
        } catch {
            throw ConfigFileError(path: path, syntax: error)
        }
        var reader = Reader(path: path, locator: TOMLKeyLocator(text: text))
        let config = reader.read(document)
        // Dictionaries have no order: report the problem that comes first in the file, so
        // the same file always gives the same message.
        if let first = reader.problems.min(by: { ($0.line ?? .max) < ($1.line ?? .max) }) { throw first }
        return config
    }

    public static func load(contentsOf path: String, displayPath: String? = nil) throws(ConfigFileError) -> AppConfig {
        let shown = displayPath ?? path
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigFileError(path: shown, message: "cannot read the config file")
        }
        return try parse(text, path: shown)
    }

    struct Reader {
        let path: String
        let locator: TOMLKeyLocator
        var problems: [ConfigFileError] = []

        init(path: String, locator: TOMLKeyLocator) {
            self.path = path
            self.locator = locator
        }

        mutating func problem(at keyPath: [String], value: String? = nil, _ message: String) {
            let line = value.map { locator.line(of: keyPath, value: $0) } ?? locator.line(of: keyPath)
            problems.append(ConfigFileError(path: path, line: line, message: message))
        }

        mutating func read(_ document: [String: TOMLValue]) -> AppConfig {
            var config = AppConfig.defaults
            for (key, value) in document {
                switch key {
                case "server":
                    guard let text = value.stringValue else {
                        problem(at: [key], "server must be a string such as \"https://shop.example.com\", not \(value.typeNameWithArticle)")
                        continue
                    }
                    if let endpoint = ServerEndpoint(text) { config.server = endpoint }
                    else { problem(at: [key], "server must be an http or https URL such as \"https://shop.example.com\", not \"\(text)\"") }
                case "theme":
                    if let text = value.stringValue, !text.isEmpty { config.theme = text }
                    else { problem(at: [key], "theme must be a theme name or a path to a .toml file") }
                case "keys":
                    guard let table = value.tableValue else {
                        problem(at: [key], "keys must be a table ([keys]), not \(value.typeNameWithArticle)")
                        continue
                    }
                    for (action, chords) in table {
                        if let presses = readChords(chords, action: action) { config.keymap.bind(action, to: presses) }
                    }
                default:
                    let hint = ClosestName.suggestion(for: key, among: AppConfigFile.settings).map { " (did you mean \"\($0)\"?)" }
                        ?? " (expected server, theme or keys)"
                    problem(at: [key], "unknown setting \"\(key)\"" + hint)
                }
            }
            return config
        }

        /// One chord (`"ctrl-p"`) or a list (`["j", "down"]`; `[]` unbinds the action).
        mutating func readChords(_ value: TOMLValue, action: String) -> [KeyPress]? {
            let keyPath = ["keys", action]
            guard KeyBindings.action(action) != nil else {
                problem(at: keyPath, "unknown action \"\(action)\" in [keys]" + ClosestName.hint(for: action, among: KeyBindings.ids))
                return nil
            }
            let texts: [String]
            switch value {
            case .string(let text):
                texts = [text]
            case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
                texts = items.compactMap(\.stringValue)
            default:
                problem(at: keyPath, "keys.\(action) must be a key such as \"j\" or a list such as [\"j\", \"down\"], not \(value.typeNameWithArticle)")
                return nil
            }
            var presses: [KeyPress] = []
            for text in texts {
                guard let press = KeyChordSyntax.parse(text) else {
                    problem(at: keyPath, value: text, "cannot read the key \"\(text)\" for keys.\(action) (write keys like \"j\", \"G\", \"ctrl-p\", \"shift-tab\", \"pgdn\" or \"f5\")")
                    return nil
                }
                if !presses.contains(press) { presses.append(press) }
            }
            return presses
        }
    }
}
