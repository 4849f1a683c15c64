// A TOML 1.0 parser (https://toml.io/en/v1.0.0), enough for configuration files and strict
// about everything the specification forbids. Every error carries a 1-based line and column.

/// Parses TOML documents.
public enum TOMLParser {
    /// Parses a whole document into its root table.
    public static func parse(_ text: String) throws(TOMLError) -> [String: TOMLValue] {
        var parser = TOMLDocumentParser(text: text)
        return try parser.parseDocument()
    }
}

// MARK: - The table tree while it is being built

/// A table under construction. `origin` records how the table came to exist, which decides
/// what may still be added to it:
/// - `implicit`: created as the parent in a header (`[a.b]` creates `a`); a later `[a]` may define it.
/// - `header`: defined by `[a]` or as an element of `[[a]]`; never defined again.
/// - `dotted`: created by a dotted key (`a.b = 1` creates `a`); more dotted keys may add to it in the
///   same table, headers may add sub-tables below it, but `[a]` may not define it.
/// Inline tables and static arrays are stored as finished `TOMLValue`s and are never extended.
private final class TOMLTableNode {
    enum Origin { case implicit, header, dotted }

    var origin: Origin
    var entries: [String: TOMLEntry] = [:]

    init(_ origin: Origin) {
        self.origin = origin
    }

    func finished() -> [String: TOMLValue] {
        var result: [String: TOMLValue] = [:]
        for (key, entry) in entries {
            switch entry {
            case .value(let value): result[key] = value
            case .table(let table): result[key] = .table(table.finished())
            case .tableArray(let tables): result[key] = .array(tables.map { .table($0.finished()) })
            }
        }
        return result
    }
}

private enum TOMLEntry {
    case value(TOMLValue)
    case table(TOMLTableNode)
    case tableArray([TOMLTableNode])
}

/// One part of a (possibly dotted) key, with where it starts for error messages.
private struct TOMLKeyPart {
    let name: String
    let offset: Int
}

// MARK: - The parser

private struct TOMLDocumentParser {
    let scalars: [Unicode.Scalar]
    var pos = 0

    init(text: String) {
        scalars = Array(text.unicodeScalars)
    }

    // MARK: Document structure

    mutating func parseDocument() throws(TOMLError) -> [String: TOMLValue] {
        let root = TOMLTableNode(.header)
        var current = root
        var currentPath: [String] = []
        if peek() == "\u{FEFF}" { pos += 1 }
        while true {
            skipWhitespace()
            guard let c = peek() else { break }
            switch c {
            case "#", "\n", "\r":
                try expectLineEnd(after: "comment")
            case "[":
                (current, currentPath) = try parseTableHeader(root: root)
                try expectLineEnd(after: "table header")
            default:
                try parseKeyValue(into: current, path: currentPath)
                try expectLineEnd(after: "value")
            }
        }
        return root.finished()
    }

    /// `[a.b]` or `[[a.b]]`: returns the table that the following key/value pairs go into.
    mutating func parseTableHeader(root: TOMLTableNode) throws(TOMLError) -> (TOMLTableNode, [String]) {
        let isArray = peek(1) == "["
        pos += isArray ? 2 : 1
        let key = try parseKey()
        if isArray {
            guard peek() == "]", peek(1) == "]" else {
                throw error("expected ']]' to close the array-of-tables header, found \(tomlDescribe(peek()))")
            }
            pos += 2
        } else {
            guard peek() == "]" else {
                throw error("expected ']' to close the table header, found \(tomlDescribe(peek()))")
            }
            pos += 1
        }
        let names = key.map(\.name)

        var node = root
        for (index, part) in key.dropLast().enumerated() {
            let path = tomlFormatPath(names[...index])
            switch node.entries[part.name] {
            case nil:
                let table = TOMLTableNode(.implicit)
                node.entries[part.name] = .table(table)
                node = table
            case .table(let table):
                node = table
            case .tableArray(let tables):
                node = tables[tables.count - 1]
            case .value(.table):
                throw error("cannot add to inline table '\(path)': inline tables are complete as written", at: part.offset)
            case .value(let value):
                throw error("key '\(path)' is already defined as \(tomlArticle(value.typeName)), not a table", at: part.offset)
            }
        }

        let last = key[key.count - 1]
        let path = tomlFormatPath(names)
        if isArray {
            let table = TOMLTableNode(.header)
            switch node.entries[last.name] {
            case nil:
                node.entries[last.name] = .tableArray([table])
            case .tableArray(let tables):
                node.entries[last.name] = .tableArray(tables + [table])
            case .table:
                throw error("cannot define array of tables '\(path)': it is already defined as a table", at: last.offset)
            case .value(.array):
                throw error("cannot append to static array '\(path)' with [[\(path)]]", at: last.offset)
            case .value(let value):
                throw error("key '\(path)' is already defined as \(tomlArticle(value.typeName))", at: last.offset)
            }
            return (table, names)
        }

        switch node.entries[last.name] {
        case nil:
            let table = TOMLTableNode(.header)
            node.entries[last.name] = .table(table)
            return (table, names)
        case .table(let table):
            switch table.origin {
            case .implicit:
                table.origin = .header
                return (table, names)
            case .header:
                throw error("table '\(path)' is already defined", at: last.offset)
            case .dotted:
                throw error("table '\(path)' is already defined by dotted keys", at: last.offset)
            }
        case .tableArray:
            throw error("table '\(path)' is already defined as an array of tables", at: last.offset)
        case .value(let value):
            throw error("key '\(path)' is already defined as \(tomlArticle(value.typeName))", at: last.offset)
        }
    }

    /// `key = value`, the key possibly dotted, into `table` (whose own path is `path`).
    mutating func parseKeyValue(into table: TOMLTableNode, path: [String]) throws(TOMLError) {
        let key = try parseKey()
        guard peek() == "=" else { throw error("expected '=' after key") }
        pos += 1
        skipWhitespace()
        let value = try parseValue()

        let names = path + key.map(\.name)
        var node = table
        for (index, part) in key.dropLast().enumerated() {
            let partPath = tomlFormatPath(names[..<(path.count + index + 1)])
            switch node.entries[part.name] {
            case nil:
                let child = TOMLTableNode(.dotted)
                node.entries[part.name] = .table(child)
                node = child
            case .table(let child):
                guard child.origin == .dotted else {
                    throw error("cannot add to table '\(partPath)' with dotted keys: it is defined by a table header", at: part.offset)
                }
                node = child
            case .tableArray:
                throw error("cannot add to array of tables '\(partPath)' with dotted keys", at: part.offset)
            case .value(.table):
                throw error("cannot add to inline table '\(partPath)': inline tables are complete as written", at: part.offset)
            case .value(let existing):
                throw error("key '\(partPath)' is already defined as \(tomlArticle(existing.typeName)), not a table", at: part.offset)
            }
        }
        let last = key[key.count - 1]
        guard node.entries[last.name] == nil else {
            throw error("duplicate key '\(tomlFormatPath(names))'", at: last.offset)
        }
        node.entries[last.name] = .value(value)
    }

    /// A bare, quoted or dotted key; leaves `pos` after the whitespace that follows it.
    mutating func parseKey() throws(TOMLError) -> [TOMLKeyPart] {
        var parts: [TOMLKeyPart] = []
        while true {
            skipWhitespace()
            let start = pos
            guard let c = peek(), !tomlIsNewline(c) else {
                throw error(parts.isEmpty ? "expected a key, found \(tomlDescribe(peek()))" : "expected a key after '.', found \(tomlDescribe(peek()))")
            }
            let name: String
            if c == "\"" || c == "'" {
                if peek(1) == c, peek(2) == c { throw error("a multi-line string cannot be a key") }
                name = c == "\"" ? try parseBasicString() : try parseLiteralString()
            } else if tomlIsBareKeyScalar(c) {
                var view = String.UnicodeScalarView()
                while let d = peek(), tomlIsBareKeyScalar(d) {
                    view.append(d)
                    pos += 1
                }
                name = String(view)
            } else if parts.isEmpty {
                throw error(c == "=" ? "expected a key before '='" : "expected a key, found \(tomlDescribe(c))")
            } else {
                throw error("expected a key after '.', found \(tomlDescribe(c))")
            }
            parts.append(TOMLKeyPart(name: name, offset: start))
            skipWhitespace()
            guard peek() == "." else { return parts }
            pos += 1
        }
    }

    // MARK: Values

    mutating func parseValue() throws(TOMLError) -> TOMLValue {
        guard let c = peek() else { throw error("expected a value, found end of input") }
        switch c {
        case "\"":
            if peek(1) == "\"", peek(2) == "\"" { return .string(try parseMultilineBasicString()) }
            return .string(try parseBasicString())
        case "'":
            if peek(1) == "'", peek(2) == "'" { return .string(try parseMultilineLiteralString()) }
            return .string(try parseLiteralString())
        case "[":
            return try parseArray()
        case "{":
            return try parseInlineTable()
        default:
            if tomlIsTokenScalar(c) { return try parseScalarToken() }
            throw error("expected a value, found \(tomlDescribe(c))")
        }
    }

    mutating func parseArray() throws(TOMLError) -> TOMLValue {
        let start = pos
        pos += 1
        var items: [TOMLValue] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            guard let c = peek() else { throw error("unterminated array: expected ']'", at: start) }
            if c == "]" {
                pos += 1
                return .array(items)
            }
            items.append(try parseValue())
            try skipWhitespaceCommentsAndNewlines()
            guard let d = peek() else { throw error("unterminated array: expected ']'", at: start) }
            switch d {
            case ",": pos += 1
            case "]":
                pos += 1
                return .array(items)
            default: throw error("expected ',' or ']' after an array element, found \(tomlDescribe(d))")
            }
        }
    }

    mutating func parseInlineTable() throws(TOMLError) -> TOMLValue {
        let start = pos
        pos += 1
        let table = TOMLTableNode(.header)
        skipWhitespace()
        if peek() == "}" {
            pos += 1
            return .table([:])
        }
        while true {
            skipWhitespace()
            guard let c = peek() else { throw error("unterminated inline table: expected '}'", at: start) }
            if tomlIsNewline(c) { throw error("an inline table must be on a single line") }
            try parseKeyValue(into: table, path: [])
            skipWhitespace()
            guard let d = peek() else { throw error("unterminated inline table: expected '}'", at: start) }
            switch d {
            case ",":
                pos += 1
                skipWhitespace()
                if peek() == "}" { throw error("a trailing comma is not allowed in an inline table") }
            case "}":
                pos += 1
                return .table(table.finished())
            case "\n", "\r":
                throw error("an inline table must be on a single line")
            default:
                throw error("expected ',' or '}' in inline table, found \(tomlDescribe(d))")
            }
        }
    }

    /// Booleans, numbers, inf/nan and date-times: a run of letters, digits and `_ + - . :`.
    mutating func parseScalarToken() throws(TOMLError) -> TOMLValue {
        let start = pos
        var token: [Unicode.Scalar] = []
        while true {
            while let c = peek(), tomlIsTokenScalar(c) {
                token.append(c)
                pos += 1
            }
            // A date and a time may be separated by a space: `1979-05-27 07:32:00`.
            if token.count == 10, tomlIsDatePrefix(token), peek() == " ",
               let h1 = peek(1), tomlIsDigit(h1), let h2 = peek(2), tomlIsDigit(h2), peek(3) == ":" {
                token.append(" ")
                pos += 1
                continue
            }
            break
        }
        let text = String(String.UnicodeScalarView(token))
        switch text {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if tomlIsDigit(token[0]), text.contains(":") || tomlIsDatePrefix(token) {
            if let problem = TOMLDateTimeValidator.problem(in: token) {
                throw error("invalid date-time '\(text)': \(problem)", at: start)
            }
            return .datetime(text)
        }
        if let first = token.first, tomlIsDigit(first) || first == "+" || first == "-"
            || ((first == "." || first == "_") && token.count > 1 && tomlIsDigit(token[1])) {
            return try parseNumber(token, text: text, at: start)
        }
        if text.lowercased() == "true" || text.lowercased() == "false" {
            throw error("invalid value '\(text)': booleans are lowercase 'true' and 'false'", at: start)
        }
        throw error("invalid value '\(text)': strings must be quoted", at: start)
    }

    func parseNumber(_ token: [Unicode.Scalar], text: String, at start: Int) throws(TOMLError) -> TOMLValue {
        var i = 0
        let signed = token[0] == "+" || token[0] == "-"
        if signed { i = 1 }

        // 0x, 0o, 0b: no sign, underscores only between digits.
        if i + 1 < token.count, token[i] == "0", let radix = tomlRadixOfPrefix(token[i + 1]) {
            let name = radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary"
            if signed {
                throw error("invalid number '\(text)': \(name) integers cannot have a sign", at: start)
            }
            var j = i + 2
            guard tomlScanDigits(token, &j, radix: radix), j == token.count else {
                throw numberError(token, j, text, "not a valid \(name) integer", at: start)
            }
            let digits = String(String.UnicodeScalarView(token[(i + 2)...].filter { $0 != "_" }))
            guard let value = Int64(digits, radix: radix) else {
                throw error("integer '\(text)' does not fit in 64 bits", at: start)
            }
            return .integer(value)
        }

        let integerStart = i
        guard tomlScanDigits(token, &i, radix: 10) else {
            let detail = i < token.count && token[i] == "." ? "expected a digit before the decimal point" : nil
            throw numberError(token, i, text, detail, at: start)
        }
        let integerDigits = token[integerStart..<i].filter { $0 != "_" }
        if integerDigits.count > 1, integerDigits[0] == "0" {
            throw error("invalid number '\(text)': leading zeros are not allowed", at: start)
        }
        var isFloat = false
        if i < token.count, token[i] == "." {
            isFloat = true
            i += 1
            guard tomlScanDigits(token, &i, radix: 10) else {
                throw numberError(token, i, text, "expected digits after the decimal point", at: start)
            }
        }
        if i < token.count, token[i] == "e" || token[i] == "E" {
            isFloat = true
            i += 1
            if i < token.count, token[i] == "+" || token[i] == "-" { i += 1 }
            guard tomlScanDigits(token, &i, radix: 10) else {
                throw numberError(token, i, text, "expected digits in the exponent", at: start)
            }
        }
        guard i == token.count else {
            throw numberError(token, i, text, nil, at: start)
        }
        let cleaned = String(text.filter { $0 != "_" })
        if isFloat {
            guard let value = Double(cleaned), value.isFinite else {
                throw error("float '\(text)' is out of range", at: start)
            }
            return .float(value)
        }
        guard let value = Int64(cleaned) else {
            throw error("integer '\(text)' does not fit in 64 bits", at: start)
        }
        return .integer(value)
    }

    /// The error for a number that does not match the grammar; `index` is where scanning stopped.
    func numberError(_ token: [Unicode.Scalar], _ index: Int, _ text: String, _ detail: String?, at start: Int) -> TOMLError {
        let nearUnderscore = (index < token.count && token[index] == "_") || (index > 0 && index <= token.count && token[index - 1] == "_")
        if nearUnderscore {
            return error("invalid number '\(text)': an underscore must be between two digits", at: start)
        }
        return error("invalid number '\(text)'" + (detail.map { ": " + $0 } ?? ""), at: start)
    }

    // MARK: Strings

    /// `"..."` with escapes, on one line.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = pos
        pos += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw error("unterminated string", at: start) }
            switch c {
            case "\"":
                pos += 1
                return String(out)
            case "\\":
                out.append(try parseEscape())
            case "\n", "\r":
                throw error("unterminated string: a basic string must end on the line it starts (use \"\"\" for multi-line strings)", at: start)
            default:
                if tomlIsControl(c) { throw error("control character \(tomlDescribe(c)) is not allowed in a string; use an escape sequence") }
                out.append(c)
                pos += 1
            }
        }
    }

    /// `"""..."""`: a newline right after the opening quotes is dropped; a backslash at the end of a
    /// line drops the line break and the whitespace that follows.
    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        let start = pos
        pos += 3
        _ = try consumeNewline()
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw error("unterminated multi-line string", at: start) }
            switch c {
            case "\"":
                if try closeMultiline(quote: "\"", into: &out) { return String(out) }
            case "\\":
                var j = pos + 1
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                if j < scalars.count, tomlIsNewline(scalars[j]) {
                    pos = j
                    repeat { skipWhitespace() } while try consumeNewline()
                } else {
                    out.append(try parseEscape())
                }
            case "\n", "\r":
                _ = try consumeNewline()
                out.append("\n")
            default:
                if tomlIsControl(c) { throw error("control character \(tomlDescribe(c)) is not allowed in a string; use an escape sequence") }
                out.append(c)
                pos += 1
            }
        }
    }

    /// `'...'`: no escapes, on one line.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = pos
        pos += 1
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw error("unterminated string", at: start) }
            switch c {
            case "'":
                pos += 1
                return String(out)
            case "\n", "\r":
                throw error("unterminated string: a literal string must end on the line it starts (use ''' for multi-line strings)", at: start)
            default:
                if tomlIsControl(c) { throw error("control character \(tomlDescribe(c)) is not allowed in a string") }
                out.append(c)
                pos += 1
            }
        }
    }

    /// `'''...'''`: no escapes; a newline right after the opening quotes is dropped.
    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        let start = pos
        pos += 3
        _ = try consumeNewline()
        var out = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw error("unterminated multi-line string", at: start) }
            switch c {
            case "'":
                if try closeMultiline(quote: "'", into: &out) { return String(out) }
            case "\n", "\r":
                _ = try consumeNewline()
                out.append("\n")
            default:
                if tomlIsControl(c) { throw error("control character \(tomlDescribe(c)) is not allowed in a string") }
                out.append(c)
                pos += 1
            }
        }
    }

    /// At a run of quotes inside a multi-line string: one or two are content; three to five close
    /// the string (the first one or two being content); six or more are an error.
    mutating func closeMultiline(quote: Unicode.Scalar, into out: inout String.UnicodeScalarView) throws(TOMLError) -> Bool {
        var count = 0
        while peek(count) == quote { count += 1 }
        if count > 5 {
            throw error("too many quotes in a row: at most two may stand inside a multi-line string, escape the others")
        }
        let content = count >= 3 ? count - 3 : count
        for _ in 0..<content { out.append(quote) }
        pos += count
        return count >= 3
    }

    /// A backslash escape in a basic string; `pos` is at the backslash.
    mutating func parseEscape() throws(TOMLError) -> Unicode.Scalar {
        let start = pos
        pos += 1
        guard let c = peek() else { throw error("unterminated string: input ends inside an escape sequence", at: start) }
        pos += 1
        switch c {
        case "b": return "\u{08}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{0C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let length = c == "u" ? 4 : 8
            var code: UInt32 = 0
            for _ in 0..<length {
                guard let d = peek(), let digit = tomlHexDigitValue(d) else {
                    throw error("invalid escape sequence: \\\(c) must be followed by exactly \(length) hexadecimal digits", at: start)
                }
                code = code << 4 | digit
                pos += 1
            }
            guard let scalar = Unicode.Scalar(code) else {
                let hex = String(scalars[(start + 2)..<pos].map(Character.init))
                throw error("invalid escape sequence '\\\(c)\(hex)': not a Unicode scalar value", at: start)
            }
            return scalar
        default:
            let shown = tomlIsControl(c) || tomlIsNewline(c) || c == " " ? tomlDescribe(c) : "'\\\(c)'"
            throw error("invalid escape sequence \(shown) (valid: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", at: start)
        }
    }

    // MARK: Whitespace, comments, newlines

    func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        let index = pos + ahead
        return index < scalars.count ? scalars[index] : nil
    }

    mutating func skipWhitespace() {
        while let c = peek(), c == " " || c == "\t" { pos += 1 }
    }

    /// Consumes a comment, if `pos` is at one, up to (not including) the line break.
    mutating func skipComment() throws(TOMLError) {
        guard peek() == "#" else { return }
        pos += 1
        while let c = peek(), !tomlIsNewline(c) {
            if tomlIsControl(c) { throw error("control character \(tomlDescribe(c)) is not allowed in a comment") }
            pos += 1
        }
    }

    /// Consumes LF or CRLF; a carriage return on its own is an error.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        switch peek() {
        case "\n":
            pos += 1
            return true
        case "\r":
            guard peek(1) == "\n" else { throw error("a carriage return must be followed by a line feed") }
            pos += 2
            return true
        default:
            return false
        }
    }

    mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        repeat {
            skipWhitespace()
            try skipComment()
        } while try consumeNewline()
    }

    /// After a value, header or comment: only whitespace and a comment may remain on the line.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipWhitespace()
        try skipComment()
        guard let c = peek() else { return }
        if try consumeNewline() { return }
        throw error("unexpected \(tomlDescribe(c)) after \(what); expected a new line or a comment")
    }

    // MARK: Errors

    func error(_ message: String, at offset: Int? = nil) -> TOMLError {
        let target = min(offset ?? pos, scalars.count)
        var line = 1
        var lineStart = 0
        for index in 0..<target where scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        return TOMLError(line: line, column: target - lineStart + 1, message: message)
    }
}

// MARK: - Date-times

/// Checks RFC 3339 date-times as TOML 1.0 allows them: offset date-time, local date-time,
/// local date, local time (seconds required, fraction optional, `T`, `t` or space between).
private struct TOMLDateTimeValidator {
    let text: [Unicode.Scalar]
    var i = 0

    static func problem(in text: [Unicode.Scalar]) -> String? {
        var validator = TOMLDateTimeValidator(text: text)
        return validator.check()
    }

    mutating func check() -> String? {
        if text.count >= 3, text[2] == ":" {
            if let problem = time() { return problem }
            return i == text.count ? nil : "unexpected text after the time"
        }
        guard let year = number(4), literal("-"), let month = number(2), literal("-"), let day = number(2) else {
            return "expected a date as YYYY-MM-DD"
        }
        guard (1...12).contains(month) else { return "month must be 01 to 12" }
        guard (1...daysIn(month: month, year: year)).contains(day) else { return "day \(day) does not exist in that month" }
        if i == text.count { return nil }
        guard literal("T") || literal("t") || literal(" ") else { return "expected 'T' between date and time" }
        if let problem = time() { return problem }
        if i == text.count { return nil }
        if literal("Z") || literal("z") {
            return i == text.count ? nil : "unexpected text after the offset"
        }
        guard literal("+") || literal("-") else { return "expected 'Z' or an offset like +02:00" }
        guard let hours = number(2), literal(":"), let minutes = number(2) else { return "expected an offset like +02:00" }
        guard hours < 24, minutes < 60 else { return "offset out of range" }
        return i == text.count ? nil : "unexpected text after the offset"
    }

    mutating func time() -> String? {
        guard let hour = number(2), literal(":"), let minute = number(2), literal(":"), let second = number(2) else {
            return "expected a time as HH:MM:SS"
        }
        guard hour < 24 else { return "hour must be 00 to 23" }
        guard minute < 60 else { return "minute must be 00 to 59" }
        guard second <= 60 else { return "second must be 00 to 60" }
        if literal(".") {
            let fractionStart = i
            while i < text.count, tomlIsDigit(text[i]) { i += 1 }
            if i == fractionStart { return "expected digits after '.' in the time" }
        }
        return nil
    }

    mutating func number(_ digits: Int) -> Int? {
        guard i + digits <= text.count else { return nil }
        var value = 0
        for index in i..<(i + digits) {
            guard tomlIsDigit(text[index]) else { return nil }
            value = value * 10 + Int(text[index].value - 48)
        }
        i += digits
        return value
    }

    mutating func literal(_ c: Unicode.Scalar) -> Bool {
        guard i < text.count, text[i] == c else { return false }
        i += 1
        return true
    }

    func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

// MARK: - Character classes and formatting

private func tomlIsDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

private func tomlIsNewline(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

/// Control characters that may not appear raw in strings or comments (tab is allowed).
private func tomlIsControl(_ c: Unicode.Scalar) -> Bool {
    (c.value < 0x20 && c != "\t") || c.value == 0x7F
}

private func tomlIsBareKeyScalar(_ c: Unicode.Scalar) -> Bool {
    (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || tomlIsDigit(c) || c == "_" || c == "-"
}

private func tomlIsTokenScalar(_ c: Unicode.Scalar) -> Bool {
    (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || tomlIsDigit(c) || c == "_" || c == "-" || c == "+" || c == "." || c == ":"
}

private func tomlIsDatePrefix(_ token: [Unicode.Scalar]) -> Bool {
    token.count >= 5 && token[0..<4].allSatisfy(tomlIsDigit) && token[4] == "-"
}

private func tomlRadixOfPrefix(_ c: Unicode.Scalar) -> Int? {
    switch c {
    case "x": return 16
    case "o": return 8
    case "b": return 2
    default: return nil
    }
}

private func tomlDigitValue(_ c: Unicode.Scalar, radix: Int) -> Int? {
    let value: Int
    switch c {
    case "0"..."9": value = Int(c.value) - 48
    case "a"..."f": value = Int(c.value) - 87
    case "A"..."F": value = Int(c.value) - 55
    default: return nil
    }
    return value < radix ? value : nil
}

private func tomlHexDigitValue(_ c: Unicode.Scalar) -> UInt32? {
    tomlDigitValue(c, radix: 16).map(UInt32.init)
}

/// `digit ( _? digit )*` from `index`; false when there is not even one digit.
private func tomlScanDigits(_ token: [Unicode.Scalar], _ index: inout Int, radix: Int) -> Bool {
    guard index < token.count, tomlDigitValue(token[index], radix: radix) != nil else { return false }
    index += 1
    while index < token.count {
        if tomlDigitValue(token[index], radix: radix) != nil {
            index += 1
        } else if token[index] == "_", index + 1 < token.count, tomlDigitValue(token[index + 1], radix: radix) != nil {
            index += 2
        } else {
            break
        }
    }
    return true
}

/// How a character is named in messages: `'x'`, `a newline`, `U+0007`, `end of input`.
private func tomlDescribe(_ c: Unicode.Scalar?) -> String {
    guard let c else { return "end of input" }
    switch c {
    case "\n": return "a newline"
    case "\r": return "a carriage return"
    case "\t": return "a tab"
    case " ": return "a space"
    case "'": return "\"'\""
    default:
        if tomlIsControl(c) || c.properties.generalCategory == .format {
            let hex = String(c.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(c)'"
    }
}

private func tomlArticle(_ typeName: String) -> String {
    ["integer", "array"].contains(typeName) ? "an \(typeName)" : "a \(typeName)"
}

/// A key path as it would be written in TOML: `server.port`, `a."b c"`.
private func tomlFormatPath<S: Sequence>(_ parts: S) -> String where S.Element == String {
    parts.map { part -> String in
        if !part.isEmpty, part.unicodeScalars.allSatisfy(tomlIsBareKeyScalar) { return part }
        var quoted = "\""
        for scalar in part.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            default:
                if tomlIsControl(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    quoted += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }.joined(separator: ".")
}
