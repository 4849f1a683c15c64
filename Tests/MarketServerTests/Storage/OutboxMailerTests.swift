import Foundation
import Testing
@testable import MarketServer

@Suite("Outbox mail")
struct OutboxMailerTests {
    @Test("one RFC 5322 file per message, private, with no header injection")
    func outbox() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-outbox-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mailer = OutboxMailer(directory: directory, clock: ManualClock())
        try await mailer.send(MailMessage(to: "a@example.com", toName: "Eve\r\nBcc: victim@example.com", subject: "Héllo\nX-Evil: 1", textBody: "line 1\nline 2"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(files.count == 1 && files[0].hasSuffix(".eml"))
        let path = (directory as NSString).appendingPathComponent(files[0])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        #expect(headers.contains("Subject: =?UTF-8?B?\(Data("HélloX-Evil: 1".utf8).base64EncodedString())?="))
        #expect(headers.contains { $0.hasPrefix("Date: ") && $0.hasSuffix("+0000") })
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(text.hasSuffix("line 1\r\nline 2\r\n"))
    }
}
