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
        try ConfigFileReading.read(text, path: path) { document, problems in
            var reader = Reader(problems: problems)
            defer { problems = reader.problems }
            return reader.read(document)
        }
    }

    public static func load(contentsOf path: String, displayPath: String? = nil) throws(ConfigFileError) -> AppConfig {
        let shown = displayPath ?? path
        let text = try ConfigFileReading.text(contentsOf: path, shown: shown, kind: "config file")
        return try parse(text, path: shown)
    }

    struct Reader {
        var problems: ConfigFileProblems
        var path: String { problems.path }

        init(problems: ConfigFileProblems) {
            self.problems = problems
        }

        mutating func problem(at keyPath: [String], value: String? = nil, _ message: String) {
            problems.add(at: keyPath, value: value, message)
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
