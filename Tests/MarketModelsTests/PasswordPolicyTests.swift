import Foundation
import Testing
@testable import MarketModels

@Suite("Password policy")
struct PasswordPolicyTests {
    private func codes(_ password: String) -> [String] {
        PasswordPolicy.validate(password).map(\.code)
    }

    @Test("length is counted in characters")
    func length() {
        #expect(codes("") == ["required"])
        #expect(codes("1234567") == ["too_short"])
        #expect(codes("12345678").isEmpty)
        // Seven emoji are 28 bytes but seven characters: too short.
        #expect(codes(String(repeating: "🔒", count: 7)) == ["too_short"])
        #expect(codes(String(repeating: "🔒", count: 8)).isEmpty)
        // A family emoji is several scalars joined by ZWJ, still one character.
        let family = "👨‍👩‍👧‍👦"
        #expect(family.count == 1)
        #expect(codes(String(repeating: family, count: 7)) == ["too_short"])
        #expect(codes(String(repeating: family, count: 8)).isEmpty, "ZWJ is not a control character")
        // Decomposed accents: "é" as e + U+0301 is one character.
        #expect(codes(String(repeating: "e\u{301}", count: 8)).isEmpty)
        #expect(codes(String(repeating: "e\u{301}", count: 7)) == ["too_short"])
    }

    @Test("byte limit: 1024 yes, 1025 no; long passphrases are fine")
    func maximum() {
        #expect(codes(String(repeating: "a", count: 1024)).isEmpty)
        #expect(codes(String(repeating: "a", count: 1025)) == ["too_long"])
        // 100 bytes: longer than bcrypt's 72-byte limit, fine for argon2.
        #expect(codes(String(repeating: "x", count: 100)).isEmpty)
        // 342 three-byte characters are 1026 bytes.
        #expect(codes(String(repeating: "密", count: 342)) == ["too_long"])
        #expect(codes(String(repeating: "密", count: 341)).isEmpty)
    }

    @Test("control characters are refused", arguments: [
        "pass\u{0}word", "password\u{7}", "pass\tword", "pass\nword", "password\r", "pass\u{1B}[0mword",
        "pass\u{7F}word", "pass\u{85}word", "pass\u{9B}word",
    ])
    func controls(password: String) {
        #expect(codes(password) == ["invalid_characters"])
    }

    @Test("whitespace-only passwords are refused, spaces inside are fine")
    func whitespace() {
        #expect(codes(String(repeating: " ", count: 10)) == ["invalid_format"])
        #expect(codes(String(repeating: "\u{3000}", count: 10)) == ["invalid_format"])
        #expect(codes("correct horse battery staple").isEmpty)
        #expect(codes("  leading and trailing  ").isEmpty, "passwords are never trimmed")
    }

    @Test("details name the field")
    func field() {
        #expect(PasswordPolicy.validate("x", field: "newPassword").first?.field == "newPassword")
        #expect(PasswordPolicy.minimumCharacters == 8)
        #expect(PasswordPolicy.maximumBytes == 1024)
    }

    @Test("normalization for hashing unifies composed and fullwidth input")
    func normalization() {
        #expect(PasswordPolicy.normalizedForHashing("caf\u{E9}-pass") == PasswordPolicy.normalizedForHashing("cafe\u{301}-pass"))
        #expect(PasswordPolicy.normalizedForHashing("ｐａｓｓ") == "pass")
        #expect(PasswordPolicy.normalizedForHashing("Pass") != PasswordPolicy.normalizedForHashing("pass"), "case matters")
    }
}
