import Foundation
import MarketModels

/// Real delivery: hands each message to an SMTP server through libcurl (`[mail] transport
/// = "smtp"`). `smtp://` URLs must upgrade with STARTTLS, `smtps://` start in TLS; there is
/// no clear-text mode, because the session carries the account password and reset links.
public struct SMTPMailer: Mailer {
    public struct Configuration: Sendable, Equatable {
        /// `smtp://host[:port]` (STARTTLS, port 587 is usual) or `smtps://host[:port]` (465).
        public var url: String
        public var username: String?
        public var password: SecretString?
        /// PEM bundle to verify the server with instead of the system's trust store.
        public var caFile: String?
        /// Seconds for the whole SMTP session.
        public var timeout: TimeInterval

        public init(url: String, username: String? = nil, password: SecretString? = nil, caFile: String? = nil, timeout: TimeInterval = 30) {
            self.url = url
            self.username = username
            self.password = password
            self.caFile = caFile
            self.timeout = timeout
        }
    }

    public let configuration: Configuration
    private let renderer: MailRenderer
    private let clock: any AppClock
    private let requireTLS: Bool

    public init(configuration: Configuration, from: MailAddress = .defaultSender, clock: any AppClock) throws(MailDeliveryError) {
        if let problem = Self.urlProblem(configuration.url) {
            throw MailDeliveryError(permanent: true, problem)
        }
        self.configuration = configuration
        renderer = MailRenderer(from: from)
        self.clock = clock
        requireTLS = configuration.url.lowercased().hasPrefix("smtp://")
    }

    /// Why `url` cannot be used, or nil. Credentials belong in `username` and the
    /// environment, never in a URL that ends up in config files and logs.
    static func urlProblem(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "smtp" || scheme == "smtps" else {
            return "mail.smtp_url must start with smtp:// (STARTTLS) or smtps:// (TLS)"
        }
        guard let host = components.host, !host.isEmpty else { return "mail.smtp_url has no host" }
        if components.user != nil || components.password != nil {
            return "mail.smtp_url must not hold credentials: use mail.smtp_username and MARKETMATE_SMTP_PASSWORD"
        }
        return nil
    }

    public func send(_ message: MailMessage) async throws {
        let id = EventID.generate().rawValue.dropFirst(4).lowercased()
        let rendered = try renderer.render(message, date: clock.now(), fallbackID: id)
        let request = CurlSMTPTransfer.Request(
            url: configuration.url, requireTLS: requireTLS,
            username: configuration.username, password: configuration.password?.value,
            caFile: configuration.caFile, timeout: configuration.timeout,
            sender: rendered.sender, recipients: rendered.recipients, message: Array(rendered.text.utf8))
        let outcome = await CurlEasy.run(threadName: "marketmate-smtp") { cancel in CurlSMTPTransfer.perform(request, cancel: cancel) }
        guard !outcome.succeeded else { return }
        try Task.checkCancellation()
        throw classify(outcome)
    }

    /// A 5xx reply is the server's final word (unknown mailbox, policy, bad credentials);
    /// 4xx replies and everything below SMTP (DNS, connect, TLS, timeouts) may clear up.
    func classify(_ outcome: CurlEasy.Outcome) -> MailDeliveryError {
        // Our own mistakes in driving libcurl: no retry makes them go away.
        let misuse: Set<Int> = [1, 3, 4, 43, 48]  // unsupported protocol, bad URL, not built in, bad argument, unknown option
        let permanent = (500..<600).contains(outcome.responseCode) || misuse.contains(outcome.curlCode)
        var text = "SMTP delivery failed: \(outcome.detail) (curl error \(outcome.curlCode)"
        text += outcome.responseCode > 0 ? ", last reply \(outcome.responseCode))" : ")"
        // libcurl never echoes the password, but an error must not even risk it.
        if let secret = configuration.password?.value, secret.count >= 3 {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        return MailDeliveryError(permanent: permanent, replyCode: outcome.responseCode > 0 ? outcome.responseCode : nil, text)
    }
}
