import Foundation

/// The encodings a message needs to travel as 7-bit, line-limited text: RFC 2047 encoded
/// words for headers, quoted-printable (RFC 2045 §6.7) for bodies. Pure functions.
enum MIMEEncoding {
    /// Header values and display names lose every control and line/paragraph separator,
    /// so no value can end its header line and start another (header injection).
    static func clean(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { !isControl($0) }))
    }

    /// C0, DEL, C1 (NEL among them), format characters (bidi overrides), and the Unicode
    /// line and paragraph separators some readers treat as line breaks.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    // MARK: Headers

    /// An unstructured header value (Subject). Plain ASCII that fits on one line stays as
    /// it is; anything else becomes encoded words folded onto continuation lines.
    static func unstructured(_ value: String, fieldName: String) -> String {
        let cleaned = clean(value)
        if cleaned.unicodeScalars.allSatisfy(\.isASCII), !cleaned.contains("=?"),
           fieldName.utf8.count + 2 + cleaned.utf8.count <= 78 {
            return cleaned
        }
        return encodedWords(cleaned, firstLineUsed: fieldName.utf8.count + 2).joined(separator: "\r\n ")
    }

    /// A display name: an atom phrase when plain, a quoted string when it holds specials
    /// (so "Doe, John" stays one name, not two addresses), encoded words when not ASCII.
    static func phrase(_ value: String) -> String {
        let cleaned = clean(value)
        guard cleaned.unicodeScalars.allSatisfy(\.isASCII), !cleaned.contains("=?") else {
            return encodedWords(cleaned).joined(separator: "\r\n ")
        }
        if cleaned.unicodeScalars.allSatisfy({ isAtext($0) || $0 == " " }) { return cleaned }
        let escaped = cleaned.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    /// RFC 2047 B-encoded words of at most 75 characters each (45 bytes of UTF-8 before
    /// base64), the first one short enough to share a 78-character line with
    /// `firstLineUsed` characters of field name. Chunks end on scalar boundaries: a word
    /// must decode to whole characters.
    static func encodedWords(_ value: String, firstLineUsed: Int = 0) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        // "=?UTF-8?B?" and "?=" take 12; base64 turns 3 bytes into 4 characters.
        var budget = max(12, min(45, (78 - firstLineUsed - 12) / 4 * 3))
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > budget {
                words.append(encodedWord(chunk))
                chunk = []
                budget = 45
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// RFC 5322 atext.
    static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": true
        default: "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
        }
    }

    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: Bodies

    /// The lines of a body, whatever line breaks it came with (CRLF, LF or a lone CR).
    static func lines(_ text: String) -> [Substring] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Quoted-printable: printable ASCII stays readable, everything else becomes `=XX`,
    /// whitespace at a line end is encoded (transports strip it), and soft line breaks
    /// keep every line within 76 characters. Lines are joined with CRLF; the result never
    /// contains "=_", which is what makes the multipart boundary safe (see `MailRenderer`).
    static func quotedPrintable(_ text: String) -> String {
        lines(text).map(quotedPrintableLine).joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ line: Substring) -> String {
        let bytes = Array(line.utf8)
        var output: [String] = []
        var current = ""
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let token: String = switch byte {
            case 0x20, 0x09: isLast ? hexEscape(byte) : String(UnicodeScalar(byte))
            case 33...60, 62...126: String(UnicodeScalar(byte))
            default: hexEscape(byte)
            }
            // 75 plus the "=" of the soft break makes 76.
            if current.utf8.count + token.utf8.count > 75 {
                output.append(current + "=")
                current = ""
            }
            current += token
        }
        output.append(current)
        return output.joined(separator: "\r\n")
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=\(digits[Int(byte >> 4)])\(digits[Int(byte & 0x0F)])"
    }
}
