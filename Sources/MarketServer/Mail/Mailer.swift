import Foundation
import MarketModels

public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var toName: String?
    public var subject: String
    public var textBody: String
    public init(to: String, toName: String? = nil, subject: String, textBody: String) {
        self.to = to
        self.toName = toName
        self.subject = subject
        self.textBody = textBody
    }
}

/// Where mail goes. The outbox folder is the default transport; SMTP joins it later.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Writes each message as one RFC 5322 `.eml` file in a folder (mode 0600: mails carry
/// reset links). Files appear atomically, so a reader never sees half a message.
public struct OutboxMailer: Mailer {
    public let directory: String
    public let from: String
    private let clock: any AppClock

    public init(directory: String, from: String = "MarketMate <no-reply@marketmate.invalid>", clock: any AppClock) {
        self.directory = directory
        self.from = from
        self.clock = clock
    }

    public func send(_ message: MailMessage) async throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let now = clock.now()
        // ULID names sort in sending order, even within one millisecond.
        let id = EventID.generate().rawValue.dropFirst(4).lowercased()
        let name = "\(id).eml"
        let path = (directory as NSString).appendingPathComponent(name)
        let temp = (directory as NSString).appendingPathComponent(".\(name).tmp")
        let data = Data(Self.render(message, from: from, date: now, messageID: "<\(id)@marketmate>").utf8)
        guard fm.createFile(atPath: temp, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        try fm.moveItem(atPath: temp, toPath: path)
    }

    static func render(_ message: MailMessage, from: String, date: Date, messageID: String) -> String {
        let to = message.toName.map { "\(encodeHeader($0)) <\(clean(message.to))>" } ?? clean(message.to)
        let body = message.textBody
            .replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\r\n")
        return [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(encodeHeader(message.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            body,
        ].joined(separator: "\r\n") + "\r\n"
    }

    /// Header values never carry line breaks (no header injection); non-ASCII goes RFC 2047.
    static func encodeHeader(_ value: String) -> String {
        let cleaned = clean(value)
        if cleaned.unicodeScalars.allSatisfy({ $0.isASCII }) { return cleaned }
        return "=?UTF-8?B?\(Data(cleaned.utf8).base64EncodedString())?="
    }

    static func clean(_ value: String) -> String {
        String(value.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
