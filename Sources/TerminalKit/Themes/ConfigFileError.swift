import TOML

/// A problem in a file the user wrote (a theme, the client config), as the one line both
/// people and editors read: `path:line: problem`, or `path:line:column: problem` for TOML
/// syntax errors, whose column the parser knows. One line, because the apps show it in a
/// status bar or on stderr before the screen opens, and `vim -q` / Emacs can jump to it.
public struct ConfigFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user should see it (`~/.config/...`, see `displayPath`).
    public var path: String
    /// 1-based; nil when the problem has no place in the file (it cannot be read).
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// A syntax error from the TOML parser, at the parser's line and column.
    public init(path: String, syntax: TOMLError) {
        self.init(path: path, line: syntax.line, column: syntax.column, message: syntax.message)
    }

    public var description: String {
        switch (line, column) {
        case (let line?, let column?): return "\(path):\(line):\(column): \(message)"
        case (let line?, nil): return "\(path):\(line): \(message)"
        default: return "\(path): \(message)"
        }
    }

    /// `path` with the home directory written as `~`, so messages stay short and do not
    /// differ between users.
    public static func displayPath(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, home != "/" else { return path }
        let base = home.hasSuffix("/") ? String(home.dropLast()) : home
        if path == base { return "~" }
        if path.hasPrefix(base + "/") { return "~" + path.dropFirst(base.count) }
        return path
    }

    /// `~/x` with the home directory spelled out (paths written inside config files are not
    /// expanded by a shell); other paths as they are.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return path }
        let base = home.hasSuffix("/") ? String(home.dropLast()) : home
        return base + path.dropFirst()
    }
}

extension TOMLValue {
    /// "a string", "an integer": the value's type for "must be X, not Y" messages.
    public var typeNameWithArticle: String {
        let name = typeName
        return (name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name
    }
}
