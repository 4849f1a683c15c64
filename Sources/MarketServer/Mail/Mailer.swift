import Foundation
import MarketModels

/// One mail to one recipient: what a template produced, before it is rendered as RFC 5322.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var toName: String?
    public var subject: String
    public var textBody: String
    /// The HTML alternative; with it the message goes out as multipart/alternative, and
    /// readers that cannot (or will not) show HTML fall back to `textBody`.
    public var htmlBody: String?
    /// The left-hand side of the Message-ID (`<id@domain>`). Mail jobs pass their job ID so
    /// a retried job that sends twice produces two copies a person or a filter can tell
    /// are one mail; nil makes a fresh one.
    public var messageID: String?

    public init(to: String, toName: String? = nil, subject: String, textBody: String, htmlBody: String? = nil, messageID: String? = nil) {
        self.to = to
        self.toName = toName
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.messageID = messageID
    }
}

/// Where mail goes: the outbox folder (the default) or SMTP. Only `SendMailJobHandler`
/// calls a mailer; features enqueue a mail job in their own transaction instead, so a
/// mail exists exactly when the write that caused it commits.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Why a mail could not be sent, sorted by what a retry can do about it. `description`
/// never carries credentials: it goes into logs and the jobs table.
public struct MailDeliveryError: Error, CustomStringConvertible, Equatable {
    /// True when retrying cannot help (a 5xx SMTP reply, an address the server refuses,
    /// a message we cannot render); false for connection trouble, timeouts and 4xx replies.
    public let isPermanent: Bool
    /// The last SMTP reply code, when the server gave one.
    public let replyCode: Int?
    public let description: String

    public init(permanent: Bool, replyCode: Int? = nil, _ description: String) {
        isPermanent = permanent
        self.replyCode = replyCode
        self.description = description
    }

    static func invalidAddress(_ what: String) -> MailDeliveryError {
        MailDeliveryError(permanent: true, "not a usable mail address: \(what)")
    }
}
