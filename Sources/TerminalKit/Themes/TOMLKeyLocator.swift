import Foundation

/// Finds the line a key was written on, for messages like `theme.toml:12: unknown colour`.
///
/// Why scan the text: `TOMLValue` carries no positions (the parser builds plain values,
/// and the `TOML` target is shared with the server, which needs none), yet most problems in
/// a theme or config file, an unknown role, a bad colour, a chord that does not parse, are
/// only found after parsing. By then the text is known to be valid TOML, so a line scanner
/// that understands table headers, dotted and quoted keys and multi-line strings is enough
/// to place them; it does not need to understand values.
public struct TOMLKeyLocator: Sendable {
    /// Every header and key line: the full key path it defines and its 1-based line.
    struct Entry: Sendable {
        var path: [String]
        var line: Int
    }

    let entries: [Entry]
    let lines: [Substring]

    public init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var entries: [Entry] = []
        var table: [String] = []
        var openMultiline: String?  // the delimiter of a multi-line string still open
        for (index, raw) in lines.enumerated() {
            let line = Substring(raw)
            if let delimiter = openMultiline {
                // Inside a multi-line string: nothing here is a key; look for its end.
                guard let end = line.range(of: delimiter) else { continue }
                openMultiline = nil
                openMultiline = Self.opensMultiline(line[end.upperBound...])
                continue
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") {
                let isArray = trimmed.hasPrefix("[[")
                if let (path, _) = Self.keyPath(in: trimmed.dropFirst(isArray ? 2 : 1)) {
                    table = path
                    entries.append(Entry(path: path, line: index + 1))
                }
                continue
            }
            guard let (key, rest) = Self.keyPath(in: trimmed), rest.first == "=" else { continue }
            entries.append(Entry(path: table + key, line: index + 1))
            openMultiline = Self.opensMultiline(rest.dropFirst())
        }
        self.entries = entries
    }

    /// The line of `path` (like `["styles", "selection", "fg"]`); when the last keys were
    /// written inside an inline table (`selection = { fg = "blu" }`), the line of the
    /// deepest part written as a key or header of its own. Nil if nothing matches.
    public func line(of path: [String]) -> Int? {
        entry(for: path)?.line
    }

    /// The line, at or after `path`'s, holding `value` as a quoted string: places an
    /// element of an array that spans lines (`down = [\n "j",\n "dwn",\n]`). Falls back to
    /// `path`'s line.
    public func line(of path: [String], value: String) -> Int? {
        guard let found = entry(for: path) else { return nil }
        let next = entries.first { $0.line > found.line }?.line ?? lines.count + 1
        for number in found.line..<next where lines[number - 1].contains("\"\(value)\"") || lines[number - 1].contains("'\(value)'") {
            return number
        }
        return found.line
    }

    func entry(for path: [String]) -> Entry? {
        if let exact = entries.first(where: { $0.path == path }) { return exact }
        var best: Entry?
        for entry in entries where entry.path.count < path.count && Array(path.prefix(entry.path.count)) == entry.path {
            if entry.path.count > (best?.path.count ?? 0) { best = entry }
        }
        return best
    }

    /// A dotted key (`a."b c".d`) at the start of `text`, and the text after it with
    /// leading blanks removed; nil if `text` does not start with a key.
    static func keyPath(in text: Substring) -> ([String], Substring)? {
        var rest = text
        var path: [String] = []
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard let first = rest.first else { return nil }
            if first == "\"" || first == "'" {
                var part = ""
                var index = rest.index(after: rest.startIndex)
                var closed = false
                while index < rest.endIndex {
                    let c = rest[index]
                    if c == first { closed = true; break }
                    if c == "\\", first == "\"", rest.index(after: index) < rest.endIndex {
                        index = rest.index(after: index)
                        part.append(rest[index])
                    } else {
                        part.append(c)
                    }
                    index = rest.index(after: index)
                }
                guard closed else { return nil }
                path.append(part)
                rest = rest[rest.index(after: index)...]
            } else {
                let bare = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
                guard !bare.isEmpty else { return nil }
                path.append(String(bare))
                rest = rest.dropFirst(bare.count)
            }
            rest = rest.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "." else { return (path, rest) }
            rest = rest.dropFirst()
        }
    }

    /// The delimiter of a multi-line string that `value` opens and does not close.
    static func opensMultiline(_ value: Substring) -> String? {
        for delimiter in ["\"\"\"", "'''"] {
            let parts = value.components(separatedBy: delimiter)
            if parts.count % 2 == 0 { return delimiter }
        }
        return nil
    }
}
