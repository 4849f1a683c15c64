import Foundation
import Testing
@testable import MarketServer

/// The RFC 5322 renderer shared by the outbox and SMTP: structure, encodings, and that no
/// value can add a header or a recipient.
@Suite("Mail rendering")
struct MailRenderingTests {
    let renderer = MailRenderer(from: try! MailAddress(parsing: "MarketMate <no-reply@shop.example>"))
    let date = Date(timeIntervalSince1970: 1_800_000_000)

    func render(_ message: MailMessage) throws -> String {
        try renderer.render(message, date: date, fallbackID: "fallback").text
    }

    /// Every line ends in CRLF, no CR or LF stands alone, and every byte is 7-bit.
    func expectWellFormed(_ text: String, maxLine: Int = 998, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(text.utf8)
        #expect(bytes.allSatisfy { $0 < 128 }, "8-bit byte in the message", sourceLocation: sourceLocation)
        #expect(text.hasSuffix("\r\n"), sourceLocation: sourceLocation)
        for (i, byte) in bytes.enumerated() {
            if byte == 10 { #expect(i > 0 && bytes[i - 1] == 13, "bare LF at \(i)", sourceLocation: sourceLocation) }
            if byte == 13 { #expect(i + 1 < bytes.count && bytes[i + 1] == 10, "bare CR at \(i)", sourceLocation: sourceLocation) }
        }
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= maxLine, "line of \(line.utf8.count) bytes: \(line.prefix(60))…", sourceLocation: sourceLocation)
        }
    }

    @Test("with HTML: multipart/alternative, plain text first, both quoted-printable, bodies intact")
    func multipart() throws {
        let text = "Héllo Zoë,\n\nyour code:\n\n    pr_abc\n\n" + String(repeating: "long line with = signs ", count: 12) + "\n.leading dot\ntrailing space "
        let html = "<p>Héllo <b>Zoë</b></p>\n<a href=\"https://x.example/reset-password?token=pr_abc\">go</a>"
        let raw = try render(MailMessage(to: "zoe@example.com", toName: "Zoë", subject: "Hi", textBody: text, htmlBody: html, messageID: "job_01ABC"))
        expectWellFormed(raw, maxLine: 78)
        let mail = try ParsedMail(raw)
        #expect(mail.header("MIME-Version") == "1.0")
        #expect(mail.header("Message-ID") == "<job_01ABC@shop.example>")
        let boundary = try #require(mail.boundary)
        #expect(mail.header("Content-Type") == "multipart/alternative; boundary=\"\(boundary)\"")
        // The boundary starts with "=_", which quoted-printable output can never contain.
        #expect(boundary.hasPrefix("=_"))
        let parts = try mail.parts()
        #expect(parts.count == 2)
        #expect(parts.map { $0.header("Content-Type") } == ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
        #expect(parts.allSatisfy { $0.header("Content-Transfer-Encoding") == "quoted-printable" })
        #expect(parts[0].text == text)
        #expect(parts[1].text == html)
        // Encoded, not raw: "=" and non-ASCII and the trailing space.
        #expect(parts[0].rawBody.contains("H=C3=A9llo"))
        #expect(parts[0].rawBody.contains("with =3D signs"))
        #expect(parts[0].rawBody.hasSuffix("trailing space=20"))
        #expect(raw.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test("without HTML: a single text/plain part")
    func plainOnly() throws {
        let raw = try render(MailMessage(to: "a@example.com", subject: "Plain", textBody: "line 1\r\nline 2\nline 3\rline 4"))
        expectWellFormed(raw, maxLine: 78)
        let mail = try ParsedMail(raw)
        #expect(mail.boundary == nil)
        #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        #expect(mail.header("Content-Transfer-Encoding") == "quoted-printable")
        // Every line break became CRLF, the body's last line included.
        #expect(try mail.parts()[0].text == "line 1\nline 2\nline 3\nline 4\n")
        #expect(mail.header("From") == "MarketMate <no-reply@shop.example>")
        #expect(mail.header("To") == "a@example.com")
        #expect(mail.header("Date") == "Fri, 15 Jan 2027 08:00:00 +0000")
        #expect(mail.header("Message-ID") == "<fallback@shop.example>")
    }

    @Test("subjects: ASCII stays readable, anything else is RFC 2047, folded into words of at most 75 characters")
    func subjects() throws {
        let ascii = try ParsedMail(render(MailMessage(to: "a@example.com", subject: "Reset your MarketMate password", textBody: "")))
        #expect(ascii.header("Subject") == "Reset your MarketMate password")

        let short = try render(MailMessage(to: "a@example.com", subject: "Commande n° 42 expédiée", textBody: ""))
        #expect(short.contains("\r\nSubject: =?UTF-8?B?\(Data("Commande n° 42 expédiée".utf8).base64EncodedString())?=\r\n"))

        let long = "Votre commande « ord_01J » a été expédiée par La Poste — suivez-la en ligne, 日本語も大丈夫 🎉🎉"
        let raw = try render(MailMessage(to: "a@example.com", subject: long, textBody: ""))
        expectWellFormed(raw, maxLine: 78)
        let headerBlock = raw.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        let start = try #require(headerBlock.firstIndex { $0.hasPrefix("Subject: ") })
        let continuation = headerBlock[(start + 1)...].prefix { $0.hasPrefix(" ") }
        #expect(continuation.count >= 2, "a long subject folds")
        let words = ([headerBlock[start].dropFirst("Subject: ".count)] + continuation.map { $0.dropFirst() }).map(String.init)
        #expect(words.allSatisfy { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") && $0.count <= 75 })
        #expect(try ParsedMail(raw).subject == long)

        // Text that merely looks like an encoded word is encoded, so it reads back as typed.
        let tricky = try ParsedMail(render(MailMessage(to: "a@example.com", subject: "=?UTF-8?B?SGk=?=", textBody: "")))
        #expect(tricky.subject == "=?UTF-8?B?SGk=?=")
    }

    @Test("no header injection through subject, display name or address", arguments: [
        "Hi\r\nBcc: victim@example.com", "Hi\nBcc: victim@example.com", "Hi\rBcc: victim@example.com",
        "Hi\u{2028}Bcc: victim@example.com", "Hi\u{85}Bcc: victim@example.com", "Hi\u{0}Bcc: victim@example.com",
    ])
    func injection(evil: String) throws {
        let raw = try render(MailMessage(to: "a@example.com", toName: evil, subject: evil, textBody: "body\r\nBcc: not-a-header@example.com"))
        expectWellFormed(raw)
        let mail = try ParsedMail(raw)
        #expect(!mail.top.headers.contains { $0.name.lowercased() == "bcc" })
        #expect(mail.top.headers.map(\.name) == ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"])
        #expect(mail.subject == "HiBcc: victim@example.com")
        // The display name is one quoted phrase: its "@" and ":" add no mailbox.
        #expect(mail.header("To") == "\"HiBcc: victim@example.com\" <a@example.com>")
    }

    @Test("addresses that could add a recipient or a line are refused", arguments: [
        "a@example.com\r\nBcc: b@example.com", "a@example.com, b@example.com", "<a@example.com>", "a b@example.com",
        "a@example.com>\r\nRCPT TO:<b@example.com", "no-at-sign", "two@@example.com", "",
    ])
    func badAddresses(address: String) throws {
        let error = #expect(throws: MailDeliveryError.self) {
            try renderer.render(MailMessage(to: address, subject: "x", textBody: "x"), date: date, fallbackID: "x")
        }
        #expect(error?.isPermanent == true)
    }

    @Test("display names: plain, quoted when they hold specials, encoded when not ASCII")
    func displayNames() throws {
        func to(_ name: String) throws -> String? {
            try ParsedMail(render(MailMessage(to: "a@example.com", toName: name, subject: "x", textBody: ""))).header("To")
        }
        #expect(try to("Alice Smith") == "Alice Smith <a@example.com>")
        #expect(try to("Doe, John") == "\"Doe, John\" <a@example.com>")
        #expect(try to("Say \"hi\" \\o/") == "\"Say \\\"hi\\\" \\\\o/\" <a@example.com>")
        #expect(try to("Zoë") == "=?UTF-8?B?\(Data("Zoë".utf8).base64EncodedString())?= <a@example.com>")
        #expect(try to("  ") == "a@example.com")
        #expect(try MailAddress(parsing: "\"Shop, Inc.\" <shop@example.com>") == MailAddress("shop@example.com", name: "Shop, Inc."))
        #expect(try MailAddress(parsing: "bare@example.com").name == nil)
    }

    @Test("quoted-printable round-trips any text and keeps lines within 76 characters")
    func quotedPrintableRoundTrip() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("abc XYZ=.\t\u{00e9}\u{65e5}\u{1F389}-_0~!\"\n")
        for _ in 0..<300 {
            let length = Int.random(in: 0...300, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let encoded = MIMEEncoding.quotedPrintable(text)
            #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 && !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
            #expect(encoded.utf8.allSatisfy { $0 < 128 })
            #expect(!encoded.contains("=_"))
            let decoded = String(decoding: ParsedMail.decodeQuotedPrintable(encoded), as: UTF8.self)
            #expect(decoded == text.replacingOccurrences(of: "\n", with: "\r\n"))
        }
    }

    @Test("the outbox writes the multipart message to a private file")
    func outboxMultipart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-outbox-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mailer = OutboxMailer(directory: directory, clock: ManualClock(date))
        try await mailer.send(MailMessage(to: "a@example.com", subject: "Hi", textBody: "text", htmlBody: "<p>html</p>", messageID: "job_1"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        let path = (directory as NSString).appendingPathComponent(files[0])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let mail = try ParsedMail(String(contentsOfFile: path, encoding: .utf8))
        #expect(mail.header("Message-ID") == "<job_1@marketmate.invalid>")
        #expect(try mail.parts().map(\.text) == ["text", "<p>html</p>"])
    }
}

/// SplitMix64: reproducible random test data.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
