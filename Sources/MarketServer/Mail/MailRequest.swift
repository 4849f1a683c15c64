import Foundation

/// A mail to send, as a mail job stores it: which template, its values, and the recipient.
///
/// Values, not a rendered message, go into the job: the text is rendered when the job runs,
/// so a fixed template reaches mails still waiting in the queue, and the payload stays
/// small. Build requests with the typed constructors below; the handler checks the values
/// again, since a payload may come from an older server version.
public struct MailRequest: Codable, Sendable, Equatable {
    public var template: String
    public var to: String
    public var toName: String?
    public var values: [String: String]

    public init(template: MailTemplate, to: String, toName: String?, values: [String: String]) {
        self.template = template.rawValue
        self.to = to
        self.toName = toName
        self.values = values
    }
}

/// The mails the server knows how to write.
public enum MailTemplate: String, Sendable, CaseIterable {
    /// Values: `name`, `token`, `link` (optional).
    case emailVerification = "auth.email-verification"
    /// Values: `name`, `token`, `link` (optional).
    case passwordReset = "auth.password-reset"
    /// Values: `name`, `order_id`, `status`, `carrier` and `tracking_number` (optional,
    /// shown when shipped), `link` (optional).
    case orderUpdate = "order.update"
}

extension MailRequest {
    public static func emailVerification(to: String, name: String, token: String, link: String?) -> MailRequest {
        MailRequest(template: .emailVerification, to: to, toName: name, values: compact(["name": name, "token": token, "link": link]))
    }

    public static func passwordReset(to: String, name: String, token: String, link: String?) -> MailRequest {
        MailRequest(template: .passwordReset, to: to, toName: name, values: compact(["name": name, "token": token, "link": link]))
    }

    /// `status` is an order state of API.md (`paid`, `shipped`, `complete`, `cancelled`,
    /// `refunded`, …); an unknown one is still said plainly.
    public static func orderUpdate(
        to: String, name: String, orderID: String, status: String,
        carrier: String? = nil, trackingNumber: String? = nil, link: String? = nil
    ) -> MailRequest {
        MailRequest(template: .orderUpdate, to: to, toName: name, values: compact([
            "name": name, "order_id": orderID, "status": status,
            "carrier": carrier, "tracking_number": trackingNumber, "link": link,
        ]))
    }

    private static func compact(_ values: [String: String?]) -> [String: String] {
        values.compactMapValues { $0 }
    }
}
