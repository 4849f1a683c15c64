import Foundation
import MarketModels

/// Writes each message as one RFC 5322 `.eml` file in a folder (mode 0600: mails carry
/// reset links). Files appear atomically, so a reader never sees half a message. The
/// default transport: development, tests, and sites that hand the folder to their own MTA.
public struct OutboxMailer: Mailer {
    public let directory: String
    private let renderer: MailRenderer
    private let clock: any AppClock

    public init(directory: String, from: MailAddress = .defaultSender, clock: any AppClock) {
        self.directory = directory
        renderer = MailRenderer(from: from)
        self.clock = clock
    }

    public func send(_ message: MailMessage) async throws {
        let fm = FileManager.default
        // ULID names sort in sending order, even within one millisecond.
        let id = EventID.generate().rawValue.dropFirst(4).lowercased()
        let rendered = try renderer.render(message, date: clock.now(), fallbackID: id)
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let name = "\(id).eml"
            let path = (directory as NSString).appendingPathComponent(name)
            let temp = (directory as NSString).appendingPathComponent(".\(name).tmp")
            guard fm.createFile(atPath: temp, contents: Data(rendered.text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            try fm.moveItem(atPath: temp, toPath: path)
        } catch {
            // A full disk or a permission problem may be fixed before the next attempt.
            throw MailDeliveryError(permanent: false, "could not write to the mail outbox \(directory): \(error)")
        }
    }
}
