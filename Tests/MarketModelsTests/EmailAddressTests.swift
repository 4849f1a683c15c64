import Foundation
import Testing
@testable import MarketModels

@Suite("Email addresses")
struct EmailAddressTests {
    @Test("spellings of one address normalize to one string", arguments: [
        "alice@example.com",
        "Alice@Example.COM",
        " alice@example.com ",
        "\talice@example.com\n",
        "ａｌｉｃｅ@example.com", // fullwidth letters
        "ＡＬＩＣＥ＠ＥＸＡＭＰＬＥ．ＣＯＭ", // fullwidth everything, including @ and .
        "\u{3000}alice@example.com", // ideographic space
    ])
    func normalizesToOne(raw: String) {
        #expect(EmailAddress.normalize(raw) == "alice@example.com")
    }

    @Test("precomposed and decomposed accents normalize alike")
    func accents() {
        let precomposed = "Ren\u{E9}@example.com" // é as one code point
        let decomposed = "Rene\u{301}@example.com" // e + combining acute
        #expect(precomposed.unicodeScalars.count != decomposed.unicodeScalars.count)
        let normalized = EmailAddress.normalize(precomposed)
        #expect(normalized == EmailAddress.normalize(decomposed))
        #expect(Array(normalized.utf8) == Array(EmailAddress.normalize(decomposed).utf8), "byte-identical, for database keys")
        #expect(normalized.unicodeScalars.contains("\u{E9}"))
    }

    @Test("normalizing twice changes nothing", arguments: [
        "İstanbul@Example.com", "ﬁle@example.com", "Ǆ@example.com", "ÅNGSTRÖM@exämple.se", "ß@straße.de",
    ])
    func idempotent(raw: String) {
        let once = EmailAddress.normalize(raw)
        #expect(EmailAddress.normalize(once) == once)
    }

    @Test("valid addresses", arguments: [
        "alice@example.com",
        "a@b.co",
        "first.last+tag@sub.example.co.uk",
        "o'brien@example.ie",
        "user_name-1@my-domain.io",
        "José@correo.es",
        "用户@例子.广告",
        "ALICE@EXAMPLE.COM",
        "x@123.example",
    ])
    func valid(raw: String) {
        #expect(EmailAddress.validate(raw).isEmpty, "\(raw)")
        #expect(EmailAddress.isValid(raw))
    }

    @Test("invalid addresses and their codes", arguments: [
        ("", "required"),
        ("   ", "required"),
        ("a@", "too_short"),
        ("plainaddress", "invalid_format"),
        ("@example.com", "invalid_format"),
        ("alice@", "invalid_format"),
        ("alice@@example.com", "invalid_format"),
        ("alice@bob@example.com", "invalid_format"),
        ("alice@localhost", "invalid_format"),
        ("alice@example.c", "invalid_format"),
        ("alice@example..com", "invalid_format"),
        ("alice@.example.com", "invalid_format"),
        ("alice@example.com.", "invalid_format"),
        ("al..ice@example.com", "invalid_format"),
        (".alice@example.com", "invalid_format"),
        ("alice.@example.com", "invalid_format"),
        ("alice@-example.com", "invalid_format"),
        ("alice@example-.com", "invalid_format"),
        ("alice@1.2.3.4", "invalid_format"),
        ("al ice@example.com", "invalid_characters"),
        ("\"alice\"@example.com", "invalid_characters"),
        ("<alice>@example.com", "invalid_characters"),
        ("alice(x)@example.com", "invalid_characters"),
        ("a,b@example.com", "invalid_characters"),
        ("a;b@example.com", "invalid_characters"),
        ("a:b@example.com", "invalid_characters"),
        ("a\\b@example.com", "invalid_characters"),
        ("a[b]@example.com", "invalid_characters"),
        ("a\u{0}b@example.com", "invalid_characters"),
        ("a\u{7}b@example.com", "invalid_characters"),
        ("a\u{202E}b@example.com", "invalid_characters"),
        ("alice@exa_mple.com", "invalid_characters"),
        ("alice@exa mple.com", "invalid_characters"),
        ("alice@[127.0.0.1]", "invalid_characters"),
        ("alice@example.com/evil", "invalid_characters"),
        ("a'; DROP TABLE users;--@x.com", "invalid_characters"),
        ("x@x.com' OR '1'='1", "invalid_characters"),
    ])
    func invalid(raw: String, code: String) {
        let details = EmailAddress.validate(raw)
        #expect(details.count == 1, "\(raw.debugDescription)")
        #expect(details.first?.code == code, "\(raw.debugDescription)")
        #expect(details.first?.field == "email")
        #expect(!EmailAddress.isValid(raw))
    }

    @Test("length limits are in UTF-8 bytes")
    func lengths() {
        let local64 = String(repeating: "a", count: 64)
        #expect(EmailAddress.validate("\(local64)@example.com").isEmpty)
        #expect(EmailAddress.validate("a\(local64)@example.com").first?.code == "too_long")
        // 32 two-byte letters is 64 bytes: fine; 33 is 66: too long.
        #expect(EmailAddress.validate(String(repeating: "é", count: 32) + "@example.com").isEmpty)
        #expect(EmailAddress.validate(String(repeating: "é", count: 33) + "@example.com").first?.code == "too_long")

        let label = String(repeating: "d", count: 63)
        #expect(EmailAddress.validate("a@\(label).com").isEmpty)
        #expect(EmailAddress.validate("a@\(label)d.com").first?.code == "invalid_format")

        // 254 bytes in total is the limit: 64 + 1 + 189.
        let domain = [label, label, String(repeating: "d", count: 57), "com"].joined(separator: ".")
        let atLimit = "\(local64)@\(domain)"
        #expect(atLimit.utf8.count == 254)
        #expect(EmailAddress.validate(atLimit).isEmpty)
        #expect(EmailAddress.validate(atLimit + "m").first?.code == "too_long")
    }

    @Test("the field name is configurable")
    func fieldName() {
        #expect(EmailAddress.validate("bad", field: "contactEmail").first?.field == "contactEmail")
    }
}
