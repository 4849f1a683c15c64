/// A semantic version (semver.org 2.0) for the semver constraint operators, such as the
/// client's app version. Lenient where clients are: a leading "v" and a missing minor or
/// patch ("2", "2.1") are accepted; build metadata ("+sha") is kept out of comparisons.
public struct SemanticVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Dot-separated pre-release identifiers ("rc.1" -> ["rc", "1"]); empty for a release.
    public var prerelease: [String]

    public init(major: Int, minor: Int = 0, patch: Int = 0, prerelease: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    /// Nil for anything that is not a version: nothing here throws. Parsed over UTF-8
    /// bytes without allocating for a release version: the evaluator parses the caller's
    /// attribute on every semver comparison, inside the 1 µs budget of an evaluation.
    public init?(_ text: String) {
        var bytes = Substring(text).utf8
        if let first = bytes.first, first == UInt8(ascii: "v") || first == UInt8(ascii: "V") { bytes = bytes.dropFirst() }
        if let plus = bytes.firstIndex(of: UInt8(ascii: "+")) { bytes = bytes[..<plus] }
        var prerelease: [String] = []
        if let dash = bytes.firstIndex(of: UInt8(ascii: "-")) {
            let identifiers = bytes[bytes.index(after: dash)...].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard identifiers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isIdentifierByte) }) else { return nil }
            prerelease = identifiers.map { String(decoding: $0, as: UTF8.self) }
            bytes = bytes[..<dash]
        }
        var numbers = (0, 0, 0), count = 0, current = 0, digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, count < 2 else { return nil }
                Self.store(current, at: count, in: &numbers)
                count += 1
                current = 0
                digits = 0
            } else if Validation.isASCIIDigit(byte), digits < 9 {
                current = current * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        Self.store(current, at: count, in: &numbers)
        self.init(major: numbers.0, minor: numbers.1, patch: numbers.2, prerelease: prerelease)
    }

    private static func store(_ value: Int, at position: Int, in numbers: inout (Int, Int, Int)) {
        switch position {
        case 0: numbers.0 = value
        case 1: numbers.1 = value
        default: numbers.2 = value
        }
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: "."))
    }

    /// semver.org §11: a pre-release sorts before its release; identifiers compare left to
    /// right, numeric ones numerically and below alphanumeric ones; a shorter list that is a
    /// prefix of a longer one sorts first.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true), (true, false): return false
        case (false, true): return true
        case (false, false): break
        }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case (let x?, let y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        Validation.isASCIIDigit(byte) || Validation.isASCIILetter(byte) || byte == UInt8(ascii: "-")
    }
}
