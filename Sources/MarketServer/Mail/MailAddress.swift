import Foundation

/// A mailbox: an address with an optional display name (`MarketMate <no-reply@example.com>`).
///
/// The address is checked strictly enough that it can go into a header field and into
/// SMTP's `MAIL FROM:<…>` / `RCPT TO:<…>` as it is: no whitespace, no control characters
/// (so no CR or LF to start a new header or command), no angle brackets, commas or other
/// delimiters that would smuggle in a second recipient. Non-ASCII letters pass (RFC 6532);
/// registration already allows them.
public struct MailAddress: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let name: String?

    /// `[mail] from`'s default. A literal that passes the checks, so the `try!` cannot trap.
    public static let defaultSender = try! MailAddress("no-reply@marketmate.invalid", name: "MarketMate")

    public init(_ address: String, name: String? = nil) throws(MailDeliveryError) {
        guard Self.isUsable(address) else { throw .invalidAddress(address.debugDescription) }
        self.address = address
        let cleaned = name.map(MIMEEncoding.clean)?.trimmingCharacters(in: .whitespaces)
        self.name = (cleaned?.isEmpty ?? true) ? nil : cleaned
    }

    /// `Name <address>`, `"Name, Inc." <address>` or a bare address, as written in config.
    public init(parsing text: String) throws(MailDeliveryError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") else {
            try self.init(trimmed)
            return
        }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast())
                .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
        }
        try self.init(address, name: name)
    }

    /// The domain part, for Message-IDs.
    var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// The mailbox as a header field value writes it.
    var headerValue: String {
        guard let name else { return address }
        return "\(MIMEEncoding.phrase(name)) <\(address)>"
    }

    public var description: String { headerValue }

    static func isUsable(_ address: String) -> Bool {
        guard (3...254).contains(address.utf8.count) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !address.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || MIMEEncoding.isControl(scalar)
                || "<>()[],;:\\\"`".unicodeScalars.contains(scalar)
        }
    }
}
