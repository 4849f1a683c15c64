import Foundation
import Testing
@testable import MarketServer

@Suite("Mail configuration")
struct MailSettingsTests {
    private func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mm-mail-config-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("defaults: the outbox in the data directory, from MarketMate")
    func defaults() throws {
        let config = try ConfigurationLoader.load(environment: ["HOME": "/home/u"])
        #expect(config.mail.transport == .outbox)
        #expect(config.outboxDirectory == "/home/u/.local/share/marketmate/outbox")
        #expect(config.mail.from == "MarketMate <no-reply@marketmate.invalid>")
        #expect(config.mail.smtpTimeout == 30)
    }

    @Test("[mail] in the file, MARKETMATE_MAIL_* and MARKETMATE_SMTP_* over it; the password only from the environment")
    func fileAndEnvironment() throws {
        let file = try write("""
            [mail]
            transport = "smtp"
            from = "\\"Shop, Inc.\\" <orders@shop.example>"
            outbox_dir = "/var/mail-out"
            smtp_url = "smtp://mail.shop.example:587"
            smtp_username = "orders"
            smtp_timeout = 20
            """)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let config = try ConfigurationLoader.load(environment: [
            "HOME": "/h", "MARKETMATE_CONFIG": file,
            "MARKETMATE_SMTP_PASSWORD": "hunter2-very-secret", "MARKETMATE_SMTP_TIMEOUT": "45",
            "MARKETMATE_SMTP_URL": "smtps://relay.shop.example",
        ])
        #expect(config.mail.transport == .smtp)
        #expect(try MailAddress(parsing: config.mail.from) == MailAddress("orders@shop.example", name: "Shop, Inc."))
        #expect(config.outboxDirectory == "/var/mail-out")
        #expect(config.mail.smtpURL == "smtps://relay.shop.example")
        #expect(config.mail.smtpUsername == "orders")
        #expect(config.mail.smtpPassword?.value == "hunter2-very-secret")
        #expect(config.mail.smtpTimeout == 45)
        // However the configuration is printed, the password is not in it.
        for shown in ["\(config)", String(describing: config), String(reflecting: config), { var s = ""; dump(config, to: &s); return s }()] {
            #expect(!shown.contains("hunter2"))
        }
        let mailer = try config.mail.makeMailer(outboxDirectory: config.outboxDirectory, clock: ManualClock())
        #expect(mailer is SMTPMailer)
    }

    @Test("bad [mail] settings are refused", arguments: [
        ("[mail]\ntransport = \"pigeon\"\n", "unknown mail transport 'pigeon'"),
        ("[mail]\nsmtp_password = \"x\"\n", "MARKETMATE_SMTP_PASSWORD"),
        ("[mail]\nsmtp_port = 25\n", "unknown key 'mail.smtp_port'"),
        ("[mail]\ntransport = \"smtp\"\n", "needs mail.smtp_url"),
        ("[mail]\nsmtp_url = \"http://mail.example.com\"\n", "must start with smtp://"),
        ("[mail]\nsmtp_url = \"smtp://u:p@mail.example.com\"\n", "must not hold credentials"),
        ("[mail]\nsmtp_timeout = 0\n", "mail.smtp_timeout must be between"),
        ("[mail]\nfrom = \"not an address\"\n", "mail.from must be"),
        ("[mail]\ntransport = \"smtp\"\nsmtp_url = \"smtp://m.example.com\"\nsmtp_username = \"u\"\n", "MARKETMATE_SMTP_PASSWORD is not"),
        ("[mail]\nsmtp_ca_file = \"/nonexistent/ca.pem\"\n", "cannot be read"),
    ])
    func badValues(text: String, expected: String) throws {
        let file = try write(text)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let error = try #require(throws: ConfigurationError.self) { try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_CONFIG": file]) }
        #expect(error.description.contains(expected), "\(error.description)")
    }
}
