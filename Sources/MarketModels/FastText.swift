import Foundation

/// ASCII fast paths for Foundation's text functions. On Linux `trimmingCharacters(in:)`
/// and `folding(options:locale:)` bridge through NSString and cost microseconds a call;
/// a CSV import calls them for every cell and was spending a fifth of its time there.
/// Each helper gives exactly Foundation's answer: text the fast path cannot decide goes
/// to Foundation.
extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, or `.whitespaces` when
    /// `newlines` is false.
    public func trimmingWhitespace(newlines: Bool = true) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if Self.isSurelyNotWhitespace(first, newlines: newlines) && Self.isSurelyNotWhitespace(last, newlines: newlines) { return self }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// An ASCII scalar that is not a space, tab or (when `newlines`) a line break. Anything
    /// else is left to Foundation's character sets.
    private static func isSurelyNotWhitespace(_ scalar: Unicode.Scalar, newlines: Bool) -> Bool {
        switch scalar.value {
        case 0x20, 0x09: false
        case 0x0A...0x0D: !newlines
        case 0..<0x80: true
        default: false
        }
    }

    /// Case, accents and width folded and lowercased: `Crème`, `CREME` → `creme`.
    public var searchFolded: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }   // nothing to fold in ASCII
        return folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }
}

extension StringProtocol {
    /// Only printable ASCII (U+0020...U+007E). Then each byte is one `Character`, a letter
    /// exactly when it is A-Z or a-z and a number exactly when it is 0-9, and nothing is a
    /// control character: counts and character classes can be read off the bytes. Inlinable,
    /// so other modules get it specialised for `String` rather than a witness call per byte.
    @inlinable public var isPrintableASCII: Bool {
        utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// `allSatisfy { $0.isLetter || $0.isNumber || allowed.contains($0) }` for printable
    /// ASCII, where `allowed` holds ASCII characters only; nil for other text.
    func asciiLettersDigits(or allowed: Set<UInt8>) -> Bool? {
        guard isPrintableASCII else { return nil }
        return utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || allowed.contains(byte)
        }
    }
}

extension Unicode.Scalar {
    /// General category Cc: C0 controls, DEL and C1 controls (a fixed range, no table).
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
