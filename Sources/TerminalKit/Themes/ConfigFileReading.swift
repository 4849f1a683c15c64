import Foundation
import TOML

/// The problems found while reading a parsed file the user wrote, each placed on its
/// line. TOML values carry no positions, so lines come from `TOMLKeyLocator`.
public struct ConfigFileProblems: Sendable {
    /// The file as messages name it.
    public let path: String
    let locator: TOMLKeyLocator
    public private(set) var found: [ConfigFileError] = []

    public init(path: String, text: String) {
        self.path = path
        locator = TOMLKeyLocator(text: text)
    }

    /// Notes a problem with the value at `keyPath` (`value`, when given, picks the line
    /// of that array element).
    public mutating func add(at keyPath: [String], value: String? = nil, _ message: String) {
        let line = value.map { locator.line(of: keyPath, value: $0) } ?? locator.line(of: keyPath)
        found.append(ConfigFileError(path: path, line: line, message: message))
    }

    /// Dictionaries have no order, so every problem is collected and the one that comes
    /// first in the file is reported: the same file always gives the same message.
    public var first: ConfigFileError? {
        found.min { ($0.line ?? .max) < ($1.line ?? .max) }
    }
}

/// Reading the TOML files users write (themes, the client config) the same way: a syntax
/// error at the parser's line and column, otherwise the earliest problem the reader
/// noted, as one `ConfigFileError`.
public enum ConfigFileReading {
    public static func read<Result>(
        _ text: String, path: String,
        _ read: (_ document: [String: TOMLValue], _ problems: inout ConfigFileProblems) -> Result
    ) throws(ConfigFileError) -> Result {
        let document: [String: TOMLValue]
        do {
            document = try TOMLParser.parse(text)
        } catch {
            throw ConfigFileError(path: path, syntax: error)
        }
        var problems = ConfigFileProblems(path: path, text: text)
        let result = read(document, &problems)
        if let first = problems.first { throw first }
        return result
    }

    /// The file's text; `shown` is how messages name it, `kind` what it is ("theme file").
    public static func text(contentsOf path: String, shown: String, kind: String) throws(ConfigFileError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigFileError(path: shown, message: "cannot read the \(kind)")
        }
    }
}
