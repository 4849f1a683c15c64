import Foundation

/// Email addresses as account identifiers.
///
/// Every address goes through `normalize` before it is stored, compared or
/// looked up, so "Alice@Example.COM", " alice@example.com " and the fullwidth
/// "ａｌｉｃｅ@example.com" are one account, not three (and cannot be used to
/// register look-alike duplicates). The rules are stricter than RFC 5322 on
/// purpose: quoted local parts, comments and IP literals are legal but are
/// almost always typos or attacks in a sign-up form.
public enum EmailAddress {
    public static let minimumBytes = 3
    public static let maximumBytes = 254
    public static let maximumLocalPartBytes = 64
    public static let maximumLabelCharacters = 63

    /// Trim, Unicode NFKC, lowercase. NFKC folds compatibility forms
    /// (fullwidth letters, ligatures) and composes accents, so precomposed and
    /// decomposed "é" agree. It is applied once more after lowercasing because
    /// lowercasing can produce a decomposed sequence (as for "İ"), and
    /// normalizing a normalized address must change nothing.
    public static func normalize(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCompatibilityMapping
            .lowercased()
            .precomposedStringWithCompatibilityMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Problems with an address, checked on its normalized form; empty means
    /// valid. At most one detail: the first rule that fails.
    public static func validate(_ raw: String, field: String = "email") -> [ErrorDetail] {
        guard let problem = problem(in: normalize(raw)) else { return [] }
        return [ErrorDetail(field: field, code: problem.code, message: problem.message)]
    }

    /// Convenience for callers that only need a yes or no.
    public static func isValid(_ raw: String) -> Bool {
        validate(raw).isEmpty
    }

    private static func problem(in email: String) -> (code: ValidationCode, message: String)? {
        let invalid = (ValidationCode.invalidFormat, "Enter an email address like name@example.com.")
        if email.isEmpty {
            return (.required, "Enter an email address.")
        }
        let bytes = email.utf8.count
        if bytes < minimumBytes {
            return (.tooShort, "That email address is too short.")
        }
        if bytes > maximumBytes {
            return (.tooLong, "An email address can be at most \(maximumBytes) characters long.")
        }

        let pieces = email.split(separator: "@", omittingEmptySubsequences: false)
        guard pieces.count == 2 else { return invalid }
        let local = pieces[0]
        let domain = pieces[1]

        // Local part.
        if local.isEmpty { return invalid }
        if local.utf8.count > maximumLocalPartBytes {
            return (.tooLong, "The part before the @ can be at most \(maximumLocalPartBytes) characters long.")
        }
        if local.unicodeScalars.contains(where: isForbiddenInLocalPart) {
            return (.invalidCharacters, "An email address cannot contain spaces, quotes or the characters < > ( ) [ ] , ; : \\.")
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return invalid
        }

        // Domain: dot-separated labels of letters, digits and inner hyphens.
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return invalid }
        for label in labels {
            // An empty label is a leading, trailing or doubled dot.
            guard !label.isEmpty, label.count <= maximumLabelCharacters else { return invalid }
            guard label.allSatisfy(isDomainCharacter) else {
                return (.invalidCharacters, "The part after the @ can only contain letters, digits, hyphens and dots.")
            }
            if label.hasPrefix("-") || label.hasSuffix("-") { return invalid }
        }
        // The top-level domain: two characters or more, and not all digits, so
        // "a@1.2.3.4" (an IP address without brackets) is not taken for a name.
        let tld = labels[labels.count - 1]
        if tld.count < 2 || tld.allSatisfy(\.isNumber) { return invalid }
        return nil
    }

    private static func isForbiddenInLocalPart(_ scalar: Unicode.Scalar) -> Bool {
        if Validation.isControl(scalar) || Validation.isBidiControl(scalar) { return true }
        if scalar.properties.isWhitespace { return true }
        // The apostrophe is allowed: "o'brien@example.com" is a real address.
        // Injection safety comes from parameterized queries, not from here.
        switch scalar {
        case "\"", "<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "`":
            return true
        default:
            return false
        }
    }

    /// Letters of any script (internationalized domain names in their Unicode
    /// form), digits and the hyphen.
    private static func isDomainCharacter(_ character: Character) -> Bool {
        if character == "-" { return true }
        if character.isASCII { return character.isLetter || character.isNumber }
        // Beyond ASCII, allow letters (including combining marks that form a
        // single grapheme with one) but not symbols, punctuation or spaces.
        guard let first = character.unicodeScalars.first else { return false }
        return first.properties.isAlphabetic || first.properties.numericType == .decimal
    }
}
