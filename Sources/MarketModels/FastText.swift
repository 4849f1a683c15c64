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

extension Unicode.Scalar {
    /// General category Cc: C0 controls, DEL and C1 controls (a fixed range, no table).
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}
