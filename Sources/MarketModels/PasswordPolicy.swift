import Foundation

/// The password rules, after NIST SP 800-63B: a minimum length, a generous
/// maximum, any printable Unicode (spaces and emoji included), and no
/// composition rules ("one digit, one symbol") since those only make
/// passwords predictable.
public enum PasswordPolicy {
    /// Counted in user-perceived characters, so "🔒" or "é" is one character
    /// however many bytes it takes: the rule should match what the person sees.
    public static let minimumCharacters = 8
    /// Counted in UTF-8 bytes: a bound on the work a login request can ask
    /// the password hash to do. argon2 has no 72-byte limit like bcrypt, so
    /// long passphrases are welcome up to here.
    public static let maximumBytes = 1024

    /// Problems with a new password; empty means acceptable. At most one
    /// detail, the first rule that fails.
    public static func validate(_ password: String, field: String = "password") -> [ErrorDetail] {
        if password.isEmpty {
            return [ErrorDetail(field: field, code: .required, message: "Enter a password.")]
        }
        // Control characters (NUL above all) are refused rather than stripped:
        // C-based hash libraries may stop at NUL, and a password that cannot
        // be typed again is a locked account.
        if password.unicodeScalars.contains(where: Validation.isControl) {
            return [ErrorDetail(
                field: field, code: .invalidCharacters,
                message: "A password cannot contain control characters."
            )]
        }
        if password.utf8.count > maximumBytes {
            return [ErrorDetail(
                field: field, code: .tooLong,
                message: "A password can be at most \(maximumBytes) bytes long."
            )]
        }
        if password.count < minimumCharacters {
            return [ErrorDetail(
                field: field, code: .tooShort,
                message: "A password must be at least \(minimumCharacters) characters long."
            )]
        }
        if password.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            return [ErrorDetail(
                field: field, code: .invalidFormat,
                message: "A password cannot be only spaces."
            )]
        }
        return []
    }

    /// The form to hash and to compare: Unicode NFKC, as SP 800-63B suggests,
    /// so the same password typed on systems that compose accents differently
    /// (or with fullwidth input) still matches. Apply it identically at
    /// registration, login and reset. Length rules are checked on the
    /// password as typed, not on this form.
    public static func normalizedForHashing(_ password: String) -> String {
        password.precomposedStringWithCompatibilityMapping
    }
}
