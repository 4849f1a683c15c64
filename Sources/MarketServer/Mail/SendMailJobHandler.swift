import Foundation
import Logging

/// `mail.send`: renders a `MailRequest` and hands it to the configured transport.
///
/// Every mail goes through this job. The feature enqueues it in the transaction of the
/// write that calls for the mail (`JobQueue.enqueue(SendMailJobHandler.self, …, on: tx)`),
/// so a rolled-back write sends nothing and a committed one is sent even if the process
/// dies right after the commit.
///
/// Delivery is at least once: a worker that dies between the SMTP server's "250 OK" and
/// marking the job completed sends the mail again on the retry. The Message-ID is the job
/// ID, so both copies carry the same one and mail software can recognise (and drop) the
/// duplicate. Retryable failures back off as the settings say; a permanent one (a 5xx
/// reply, an unknown template) goes to `dead` at once, where an admin can retry it.
public struct SendMailJobHandler: JobHandler {
    public typealias Payload = MailRequest

    public static let type = "mail.send"
    /// 8 attempts over about an hour (30 s doubling, capped at 30 min): longer than most
    /// relay outages, and a reset code is useless after 20 minutes anyway. The timeout
    /// leaves room for the longest `mail.smtp_timeout` (240 s). Mail is what a person is
    /// waiting for, so it goes before bulk work of the same age.
    /// Payloads carry reset and verification codes, so the admin jobs API redacts them.
    public static let settings: JobSettings = {
        var settings = JobSettings(
            maxAttempts: 8, backoff: JobBackoff(base: 30, cap: 1800, jitter: 0.2), timeout: .seconds(300), concurrency: 4, priority: 10)
        settings.payloadIsSecret = true
        return settings
    }()

    let mailer: any Mailer

    public init(mailer: any Mailer) {
        self.mailer = mailer
    }

    public func run(_ payload: MailRequest, context: JobContext) async throws {
        // Values hold one-time codes: they are never logged, only the template and the ID.
        let metadata: Logger.Metadata = ["template": .string(payload.template), "messageId": .string(context.jobID)]
        do {
            let message = try MailTemplates.render(payload, messageID: context.jobID)
            try await mailer.send(message)
        } catch let error as MailDeliveryError where error.isPermanent {
            context.logger.error("mail cannot be delivered", metadata: metadata.merging(["error": .string(error.description)]) { $1 })
            throw PermanentJobError(error.description)
        }
        context.logger.info("mail sent", metadata: metadata)
    }
}
