import Foundation

extension ServerConfiguration {
    /// The `[mail]` table: which transport delivers mail jobs, and as whom.
    public struct MailSettings: Sendable, Equatable {
        public enum Transport: String, Sendable, CaseIterable {
            /// One `.eml` file per mail in `outbox_dir`.
            case outbox
            /// An SMTP server, through libcurl.
            case smtp
        }

        public var transport: Transport = .outbox
        /// The From header and the SMTP envelope sender: `Name <address>` or an address.
        public var from: String = MailAddress.defaultSender.description
        /// nil keeps `<data_dir>/outbox`.
        public var outboxDirectory: String?
        public var smtpURL: String?
        public var smtpUsername: String?
        /// Only from `MARKETMATE_SMTP_PASSWORD`: a password in a config file ends up in
        /// backups and version control.
        public var smtpPassword: SecretString?
        public var smtpCAFile: String?
        /// Seconds for one SMTP session; below the mail job's timeout, so a slow server
        /// fails the attempt cleanly instead of being cut off by the job runner.
        public var smtpTimeout: Int = 30

        public init() {}

        static let timeoutRange = 1...240

        func validationProblems() -> [String] {
            var problems: [String] = []
            do {
                _ = try MailAddress(parsing: from)
            } catch {
                problems.append("mail.from must be an address or 'Name <address>', got '\(MIMEEncoding.clean(from))'")
            }
            if !Self.timeoutRange.contains(smtpTimeout) {
                problems.append("mail.smtp_timeout must be between \(Self.timeoutRange.lowerBound) and \(Self.timeoutRange.upperBound) seconds")
            }
            if let url = smtpURL, let problem = SMTPMailer.urlProblem(url) {
                problems.append(problem)
            }
            if transport == .smtp {
                if smtpURL == nil { problems.append("mail.transport \"smtp\" needs mail.smtp_url") }
                if smtpUsername != nil && smtpPassword == nil {
                    problems.append("mail.smtp_username is set but MARKETMATE_SMTP_PASSWORD is not")
                }
            }
            if let file = smtpCAFile, !FileManager.default.isReadableFile(atPath: file) {
                problems.append("mail.smtp_ca_file '\(file)' cannot be read")
            }
            return problems
        }
    }
}

extension ServerConfiguration.MailSettings {
    /// The transport these settings describe. `outboxDirectory` is the resolved folder.
    func makeMailer(outboxDirectory: String, clock: any AppClock) throws -> any Mailer {
        let sender = try MailAddress(parsing: from)
        switch transport {
        case .outbox:
            return OutboxMailer(directory: outboxDirectory, from: sender, clock: clock)
        case .smtp:
            guard let url = smtpURL else { throw MailDeliveryError(permanent: true, "mail.transport \"smtp\" needs mail.smtp_url") }
            let smtp = SMTPMailer.Configuration(
                url: url, username: smtpUsername, password: smtpPassword, caFile: smtpCAFile, timeout: TimeInterval(smtpTimeout))
            return try SMTPMailer(configuration: smtp, from: sender, clock: clock)
        }
    }
}
