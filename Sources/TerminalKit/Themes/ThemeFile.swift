import Foundation
import TOML

/// A theme as written in a TOML file (see marketmate-themes(5)):
///
/// ```toml
/// name = "default-dark"
/// description = "..."
/// [styles]
/// selection = { fg = "#5fafff", bg = "#000000", bold = true, reverse = true }
/// ```
///
/// Roles a file leaves out come from `Theme.fallback`. Anything the file gets wrong, an
/// unknown role or key, a colour that does not parse, a value of the wrong type, is an
/// error rather than skipped: a typo that silently did nothing would leave the user
/// guessing why their theme does not apply.
public struct ThemeFile: Hashable, Sendable {
    public var theme: Theme
    public var description: String?

    public init(theme: Theme, description: String? = nil) {
        self.theme = theme
        self.description = description
    }

    /// The keys a style table may have, in the order messages list them.
    public static let styleKeys = ["fg", "bg", "bold", "dim", "italic", "underline", "reverse"]
    static let topLevelKeys = ["name", "description", "styles"]

    /// Parses a theme. `path` is only for messages (and the name, when the file has no
    /// `name`: the file name without `.toml`).
    public static func parse(_ text: String, path: String) throws(ConfigFileError) -> ThemeFile {
        try ConfigFileReading.read(text, path: path) { document, problems in
            var reader = Reader(problems: problems)
            defer { problems = reader.problems }
            return reader.read(document)
        }
    }

    /// Reads and parses the file at `path`; messages name it as `displayPath` (by default
    /// the path itself).
    public static func load(contentsOf path: String, displayPath: String? = nil) throws(ConfigFileError) -> ThemeFile {
        let shown = displayPath ?? path
        let text = try ConfigFileReading.text(contentsOf: path, shown: shown, kind: "theme file")
        return try parse(text, path: shown)
    }

    /// Turns the parsed document into a theme, noting problems instead of stopping at the
    /// first, so that the earliest one in the file can be reported.
    struct Reader {
        var problems: ConfigFileProblems
        var path: String { problems.path }

        init(problems: ConfigFileProblems) {
            self.problems = problems
        }

        mutating func problem(at keyPath: [String], _ message: String) {
            problems.add(at: keyPath, message)
        }

        mutating func read(_ document: [String: TOMLValue]) -> ThemeFile {
            var name = Self.fileStem(path)
            var description: String?
            var styles: [ThemeRole: Style] = [:]
            for (key, value) in document {
                switch key {
                case "name":
                    if let text = value.stringValue, !text.isEmpty { name = text }
                    else { problem(at: [key], "name must be a non-empty string, not \(Self.kind(of: value))") }
                case "description":
                    if let text = value.stringValue { description = text }
                    else { problem(at: [key], "description must be a string, not \(value.typeNameWithArticle)") }
                case "styles":
                    guard let table = value.tableValue else {
                        problem(at: [key], "styles must be a table, not \(value.typeNameWithArticle)")
                        continue
                    }
                    for (roleName, styleValue) in table {
                        guard let role = ThemeRole(rawValue: roleName) else {
                            problem(at: ["styles", roleName], "unknown role \"\(roleName)\"" + ClosestName.hint(for: roleName, among: ThemeRole.allCases.map(\.rawValue)))
                            continue
                        }
                        if let style = readStyle(styleValue, role: roleName) { styles[role] = style }
                    }
                default:
                    problem(at: [key], "unknown key \"\(key)\"" + Self.expected(key, among: ThemeFile.topLevelKeys))
                }
            }
            return ThemeFile(theme: Theme(name: name, styles: styles), description: description)
        }

        mutating func readStyle(_ value: TOMLValue, role: String) -> Style? {
            guard let table = value.tableValue else {
                problem(at: ["styles", role], "\(role) must be a table such as { fg = \"cyan\", bold = true }, not \(value.typeNameWithArticle)")
                return nil
            }
            var style = Style()
            for (key, entry) in table {
                let keyPath = ["styles", role, key]
                let label = "\(role).\(key)"
                switch key {
                case "fg", "bg":
                    guard let color = readColor(entry, label: label, at: keyPath) else { continue }
                    if key == "fg" { style.foreground = color } else { style.background = color }
                case "bold", "dim", "italic", "underline", "reverse":
                    guard let flag = entry.boolValue else {
                        problem(at: keyPath, "\(label) must be true or false, not \(entry.typeNameWithArticle)")
                        continue
                    }
                    switch key {
                    case "bold": style.bold = flag
                    case "dim": style.dim = flag
                    case "italic": style.italic = flag
                    case "underline": style.underline = flag
                    default: style.reverse = flag
                    }
                default:
                    problem(at: keyPath, "unknown key \"\(key)\" for \(role)" + Self.expected(key, among: ThemeFile.styleKeys))
                }
            }
            return style
        }

        /// A colour name or `#rrggbb` (a string) or a palette index (an integer 0-255).
        mutating func readColor(_ value: TOMLValue, label: String, at keyPath: [String]) -> Color? {
            switch value {
            case .string(let text):
                if let color = Color(name: text) { return color }
                problem(at: keyPath, "unknown colour \"\(text)\" for \(label)")
            case .integer(let index):
                if let index = UInt8(exactly: index) { return .indexed(index) }
                problem(at: keyPath, "colour \(index) is out of range (0-255) for \(label)")
            default:
                problem(at: keyPath, "\(label) must be a colour name, \"#rrggbb\" or 0-255, not \(value.typeNameWithArticle)")
            }
            return nil
        }

        /// ` (did you mean "x"?)` or ` (expected a, b or c)`.
        static func expected(_ key: String, among keys: [String]) -> String {
            if let guess = ClosestName.suggestion(for: key, among: keys) { return " (did you mean \"\(guess)\"?)" }
            return " (expected " + keys.dropLast().joined(separator: ", ") + " or " + keys.last! + ")"
        }

        /// "an empty string" for the one string `name` refuses, else the type.
        static func kind(of value: TOMLValue) -> String {
            value.stringValue != nil ? "an empty string" : value.typeNameWithArticle
        }

        static func fileStem(_ path: String) -> String {
            let last = path.split(separator: "/").last.map(String.init) ?? path
            return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
        }
    }
}
