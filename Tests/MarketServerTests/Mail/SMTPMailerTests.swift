import Foundation
import Testing
@testable import MarketServer

/// The SMTP transport against a real (fake) SMTP server on loopback: libcurl must upgrade
/// to TLS before it authenticates, deliver the rendered message byte for byte, and sort
/// failures into retryable and permanent ones.
@Suite("SMTP mail")
struct SMTPMailerTests {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)
    static let sender = try! MailAddress(parsing: "MarketMate <no-reply@shop.example>")
    static let password = "s3cret-pass"

    static let message = MailMessage(
        to: "bob@example.com", toName: "Bob Müller", subject: "Größe: ihre Bestellung",
        textBody: "Hello Bob,\n.a line that starts with a dot\n..and two\n.\nend",
        htmlBody: "<p>Hello <b>Bob</b></p>", messageID: "job_01SMTPTEST")

    /// A temporary folder with a fresh self-signed certificate, removed afterwards.
    static func withCertificate(_ body: (TestCertificate) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-smtp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(TestCertificate.make(in: directory))
    }

    static func mailer(port: Int, scheme: String = "smtp", caFile: String?, password: String = password, timeout: TimeInterval = 10) throws -> SMTPMailer {
        try SMTPMailer(
            configuration: .init(url: "\(scheme)://127.0.0.1:\(port)", username: "mailer", password: SecretString(password), caFile: caFile, timeout: timeout),
            from: sender, clock: ManualClock(date))
    }

    /// No trace of the password on the wire, in clear or base64 (AUTH PLAIN's form).
    static func expectNoSecretOnWire(_ server: FakeSMTPServer, sourceLocation: SourceLocation = #_sourceLocation) {
        let wire = String(decoding: server.wireBytes, as: UTF8.self)
        let plain = Data("\0mailer\0\(password)".utf8).base64EncodedString()
        #expect(!wire.contains(password) && !wire.contains(plain), "credentials crossed the wire in clear", sourceLocation: sourceLocation)
    }

    @Test("smtp:// upgrades with STARTTLS, authenticates under TLS and delivers the exact message")
    func startTLSRoundTrip() async throws {
        try await Self.withCertificate { certificate in
            let server = try await FakeSMTPServer.start(certificate: certificate)
            defer { Task { await server.stop() } }
            try await Self.mailer(port: server.port, caFile: certificate.certificatePath).send(Self.message)

            let delivery = try #require(server.deliveries.first)
            #expect(server.deliveries.count == 1)
            #expect(delivery.tls && delivery.user == "mailer")
            #expect(delivery.sender == "no-reply@shop.example")
            #expect(delivery.recipients == ["bob@example.com"])
            let expected = try MailRenderer(from: Self.sender).render(Self.message, date: Self.date, fallbackID: "unused").text
            #expect(delivery.data == expected)
            let mail = try ParsedMail(delivery.data)
            #expect(mail.header("Message-ID") == "<job_01SMTPTEST@shop.example>")
            #expect(try mail.parts()[0].text == Self.message.textBody)

            // In clear: the greeting's EHLO and STARTTLS, nothing else.
            let clear = server.commands.filter { !$0.tls }.map(\.verb)
            #expect(clear == ["EHLO", "STARTTLS"])
            let secure = server.commands.filter(\.tls).map(\.verb)
            #expect(secure.starts(with: ["EHLO", "AUTH"]))
            #expect(secure.contains("MAIL") && secure.contains("RCPT") && secure.contains("DATA"))
            Self.expectNoSecretOnWire(server)
        }
    }

    @Test("smtps:// speaks TLS from the first byte")
    func implicitTLS() async throws {
        try await Self.withCertificate { certificate in
            var behaviour = FakeSMTPServer.Behaviour()
            behaviour.implicitTLS = true
            let server = try await FakeSMTPServer.start(behaviour, certificate: certificate)
            defer { Task { await server.stop() } }
            try await Self.mailer(port: server.port, scheme: "smtps", caFile: certificate.certificatePath).send(Self.message)
            #expect(server.deliveries.count == 1)
            #expect(server.commands.allSatisfy { $0.tls })
            Self.expectNoSecretOnWire(server)
        }
    }

    @Test("a server that refuses or lacks STARTTLS gets no credentials and no mail", arguments: [true, false])
    func noTLSNoCredentials(offered: Bool) async throws {
        try await Self.withCertificate { certificate in
            var behaviour = FakeSMTPServer.Behaviour()
            behaviour.offerSTARTTLS = offered
            behaviour.startTLSReply = "454 4.7.0 TLS not available due to temporary reason"
            behaviour.offerAuthInClear = true
            let server = try await FakeSMTPServer.start(behaviour, certificate: certificate)
            defer { Task { await server.stop() } }
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.mailer(port: server.port, caFile: certificate.certificatePath).send(Self.message)
            }
            #expect(error?.isPermanent == false)
            #expect(error.map { !$0.description.contains(Self.password) } == true)
            let verbs = server.commands.map(\.verb)
            #expect(!verbs.contains("AUTH") && !verbs.contains("MAIL") && !verbs.contains("DATA"))
            #expect(server.deliveries.isEmpty)
            Self.expectNoSecretOnWire(server)
        }
    }

    @Test("a certificate the client cannot verify stops the send before AUTH")
    func untrustedCertificate() async throws {
        try await Self.withCertificate { certificate in
            let server = try await FakeSMTPServer.start(certificate: certificate)
            defer { Task { await server.stop() } }
            // The system trust store does not know a self-signed certificate.
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.mailer(port: server.port, caFile: nil).send(Self.message)
            }
            #expect(error?.isPermanent == false)
            #expect(!server.commands.map(\.verb).contains("AUTH"))
            #expect(server.deliveries.isEmpty)
            Self.expectNoSecretOnWire(server)
        }
    }

    @Test("5xx replies are permanent, 4xx replies retry", arguments: [
        ("rcpt", "550 5.1.1 <bob@example.com>: Recipient address rejected", true, 550),
        ("mail", "553 5.7.1 Sender not allowed", true, 553),
        ("data", "554 5.6.0 Message rejected as spam", true, 554),
        ("rcpt", "450 4.2.0 Mailbox busy", false, 450),
        ("mail", "451 4.3.0 Try again later", false, 451),
    ])
    func replies(stage: String, reply: String, permanent: Bool, code: Int) async throws {
        try await Self.withCertificate { certificate in
            var behaviour = FakeSMTPServer.Behaviour()
            switch stage {
            case "rcpt": behaviour.rcptReply = reply
            case "mail": behaviour.mailFromReply = reply
            default: behaviour.dataReply = reply
            }
            let server = try await FakeSMTPServer.start(behaviour, certificate: certificate)
            defer { Task { await server.stop() } }
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.mailer(port: server.port, caFile: certificate.certificatePath).send(Self.message)
            }
            #expect(error?.isPermanent == permanent)
            #expect(error?.replyCode == code)
        }
    }

    @Test("wrong credentials: 535 is permanent, and the password is in no error")
    func badCredentials() async throws {
        try await Self.withCertificate { certificate in
            let server = try await FakeSMTPServer.start(certificate: certificate)
            defer { Task { await server.stop() } }
            let wrong = "not-the-password-123"
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.mailer(port: server.port, caFile: certificate.certificatePath, password: wrong).send(Self.message)
            }
            #expect(error?.isPermanent == true)
            #expect(error?.replyCode == 535)
            #expect(error.map { !$0.description.contains(wrong) && !"\($0)".contains(wrong) } == true)
            #expect(server.deliveries.isEmpty)
        }
    }

    @Test("no server listening, or one that never answers: retryable, within the timeout")
    func unreachable() async throws {
        // A port that was free a moment ago.
        let closed = try await FakeSMTPServer.start(certificate: nil)
        let port = closed.port
        await closed.stop()
        let refused = await #expect(throws: MailDeliveryError.self) { try await Self.mailer(port: port, caFile: nil).send(Self.message) }
        #expect(refused?.isPermanent == false)

        var behaviour = FakeSMTPServer.Behaviour()
        behaviour.greeting = nil
        let silent = try await FakeSMTPServer.start(behaviour, certificate: nil)
        defer { Task { await silent.stop() } }
        let started = ContinuousClock.now
        let timedOut = await #expect(throws: MailDeliveryError.self) {
            try await Self.mailer(port: silent.port, caFile: nil, timeout: 1).send(Self.message)
        }
        #expect(timedOut?.isPermanent == false)
        #expect(ContinuousClock.now - started < .seconds(8))
    }

    @Test("cancelling the sending task aborts the blocking transfer")
    func cancellation() async throws {
        var behaviour = FakeSMTPServer.Behaviour()
        behaviour.greeting = nil
        let silent = try await FakeSMTPServer.start(behaviour, certificate: nil)
        defer { Task { await silent.stop() } }
        let mailer = try Self.mailer(port: silent.port, caFile: nil, timeout: 60)
        let started = ContinuousClock.now
        let send = Task { try await mailer.send(Self.message) }
        try await Task.sleep(for: .milliseconds(300))
        send.cancel()
        await #expect(throws: CancellationError.self) { try await send.value }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("only smtp:// and smtps:// URLs without credentials are accepted", arguments: [
        "http://mail.example.com", "smtp://user:pw@mail.example.com", "smtp://", "mail.example.com:587",
    ])
    func badURLs(url: String) {
        #expect(throws: MailDeliveryError.self) { try SMTPMailer(configuration: .init(url: url), clock: ManualClock()) }
    }
}
