import Foundation

/// The `code` values of `ErrorDetail` that the shared validators produce.
public enum ValidationCode: String, Codable, Sendable, CaseIterable {
    /// Missing or empty after trimming.
    case required
    /// The right characters in the wrong shape ("alice@", "en_US").
    case invalidFormat = "invalid_format"
    case tooShort = "too_short"
    case tooLong = "too_long"
    /// Control characters or other characters the field cannot hold.
    case invalidCharacters = "invalid_characters"
    /// A well-formed value the caller may not choose (registering as admin).
    case notAllowed = "not_allowed"
}

/// Input rules used by the server (authoritative) and the clients (to catch
/// mistakes before a round trip). Each validator returns an empty array for a
/// valid value, otherwise the first problem found: one thing to fix at a time
/// reads better in a terminal form than a pile of overlapping complaints.
public enum Validation {
    public static let maximumNameCharacters = 100
    public static let maximumLocaleLength = 35

    /// The stored form of a display name: surrounding whitespace removed and
    /// Unicode NFC, so "é" typed as one or two code points is the same name.
    public static func trimmedName(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }

    /// A person's or shop's display name: 1...100 characters after trimming,
    /// no control characters, no bidi overrides (they let a name render as
    /// something other than what it is).
    public static func name(_ raw: String, field: String = "name") -> [ErrorDetail] {
        let name = trimmedName(raw)
        if name.isEmpty {
            return [ErrorDetail(field: field, code: .required, message: "Enter a name.")]
        }
        if name.count > maximumNameCharacters {
            return [ErrorDetail(
                field: field, code: .tooLong,
                message: "A name can be at most \(maximumNameCharacters) characters long."
            )]
        }
        if name.unicodeScalars.contains(where: { isControl($0) || isBidiControl($0) }) {
            return [ErrorDetail(
                field: field, code: .invalidCharacters,
                message: "A name cannot contain control characters."
            )]
        }
        return []
    }

    /// A BCP 47 language tag by shape: 2-3 letters, then any number of
    /// "-" subtags of 2-8 letters or digits, at most 35 characters ("en",
    /// "en-GB", "zh-Hant-TW", "es-419"). It does not check the registry: the
    /// point is to keep junk out, not to know every language.
    public static func locale(_ raw: String, field: String = "locale") -> [ErrorDetail] {
        if raw.isEmpty {
            return [ErrorDetail(field: field, code: .required, message: "Enter a language tag such as en-GB.")]
        }
        if raw.utf8.count > maximumLocaleLength {
            return [ErrorDetail(
                field: field, code: .tooLong,
                message: "A language tag can be at most \(maximumLocaleLength) characters long."
            )]
        }
        let subtags = raw.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        let language = subtags[0]
        let valid = (2...3).contains(language.count)
            && language.allSatisfy(isASCIILetter)
            && subtags.dropFirst().allSatisfy { subtag in
                (2...8).contains(subtag.count) && subtag.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
            }
        if !valid {
            return [ErrorDetail(
                field: field, code: .invalidFormat,
                message: "Use a language tag such as en, en-GB or zh-Hant-TW."
            )]
        }
        return []
    }

    // MARK: Character classes shared by the validators

    /// C0, DEL and C1 (general category Cc).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The embedding, override and isolate controls that reorder text
    /// (U+202A...U+202E, U+2066...U+2069), as used in "Trojan Source" tricks.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isASCIIDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
