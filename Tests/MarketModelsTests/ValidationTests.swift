import Foundation
import Testing
@testable import MarketModels

@Suite("Names and locales")
struct ValidationTests {
    @Test("names: trimmed, 1...100 characters, no control characters")
    func names() {
        #expect(Validation.name("Alice").isEmpty)
        #expect(Validation.name("  Zoë Smith  ").isEmpty)
        #expect(Validation.name("山田太郎").isEmpty)
        #expect(Validation.name("🙂 Shop").isEmpty)
        #expect(Validation.name("").first?.code == "required")
        #expect(Validation.name(" \n\t ").first?.code == "required")
        #expect(Validation.name(String(repeating: "a", count: 100)).isEmpty)
        #expect(Validation.name(String(repeating: "a", count: 101)).first?.code == "too_long")
        // 100 emoji are 100 characters, however many bytes.
        #expect(Validation.name(String(repeating: "😀", count: 100)).isEmpty)
        #expect(Validation.name("Ali\u{0}ce").first?.code == "invalid_characters")
        #expect(Validation.name("Bad\u{1B}[31mName").first?.code == "invalid_characters")
        #expect(Validation.name("Shop\u{202E}gpj.exe").first?.code == "invalid_characters")
        #expect(Validation.name("Line\nBreak").first?.code == "invalid_characters")
        #expect(Validation.name("x", field: "title").isEmpty)
        #expect(Validation.name("", field: "title").first?.field == "title")
    }

    @Test("trimmedName trims and composes")
    func trimmed() {
        #expect(Validation.trimmedName("  Alice \n") == "Alice")
        #expect(Validation.trimmedName("Zoe\u{308}") == "Zo\u{EB}")
        #expect(Array(Validation.trimmedName("Zoe\u{308}").unicodeScalars).count == 3)
    }

    @Test("valid locale tags", arguments: ["en", "EN", "fil", "en-GB", "zh-Hant-TW", "es-419", "de-CH-1996", "sr-Latn-RS"])
    func validLocales(tag: String) {
        #expect(Validation.locale(tag).isEmpty)
    }

    @Test("invalid locale tags", arguments: [
        ("", "required"),
        ("e", "invalid_format"),
        ("engl", "invalid_format"),
        ("en_US", "invalid_format"),
        ("en-", "invalid_format"),
        ("-en", "invalid_format"),
        ("en--GB", "invalid_format"),
        ("en-G", "invalid_format"),
        ("en-abcdefghi", "invalid_format"),
        ("en GB", "invalid_format"),
        ("ën", "invalid_format"),
        ("12", "invalid_format"),
        ("en-GB;DROP", "invalid_format"),
        ("en-abcdefgh-abcdefgh-abcdefgh-abcdef", "too_long"),
    ])
    func invalidLocales(tag: String, code: String) {
        #expect(Validation.locale(tag).map(\.code) == [code], "\(tag)")
    }

    @Test("a 35-character tag is the limit")
    func localeLimit() {
        let tag = "en-abcdefgh-abcdefgh-abcdefgh-abcd"
        #expect(tag.count == 34)
        #expect(Validation.locale(tag).isEmpty)
        #expect(Validation.locale(tag + "e").isEmpty)
    }

    @Test("validation codes are the documented strings")
    func codes() {
        #expect(ValidationCode.allCases.map(\.rawValue)
            == ["required", "invalid_format", "too_short", "too_long", "invalid_characters", "not_allowed"])
    }
}
