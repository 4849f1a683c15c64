import Foundation

/// Turns a `MailRequest` into a message: a one-line subject, a plain-text body and an HTML
/// body that says the same. In HTML every value is escaped, and links are only links when
/// they are http(s); in subjects values lose their line breaks.
///
/// The plain-text bodies of the auth mails are, word for word, the ones AuthService wrote
/// before mail went through jobs: people (and tests) look for the code on its own line.
public enum MailTemplates {
    public static func render(_ request: MailRequest, messageID: String? = nil) throws(MailDeliveryError) -> MailMessage {
        guard let template = MailTemplate(rawValue: request.template) else {
            throw MailDeliveryError(permanent: true, "unknown mail template '\(request.template)'")
        }
        let values = Values(template: template, raw: request.values)
        let content: Content = switch template {
        case .emailVerification: try emailVerification(values)
        case .passwordReset: try passwordReset(values)
        case .orderUpdate: try orderUpdate(values)
        }
        return MailMessage(
            to: request.to, toName: request.toName, subject: MIMEEncoding.clean(content.subject),
            textBody: content.text, htmlBody: content.html, messageID: messageID)
    }

    struct Content {
        var subject: String
        var text: String
        var html: String
    }

    // MARK: Auth

    static func emailVerification(_ values: Values) throws(MailDeliveryError) -> Content {
        try codeMail(
            values, subject: "Confirm your MarketMate email address",
            intro: "Welcome to MarketMate. Confirm your email address with this code:", button: "Confirm my email address",
            closing: "The code is valid for 48 hours. If you did not sign up, ignore this mail.")
    }

    static func passwordReset(_ values: Values) throws(MailDeliveryError) -> Content {
        try codeMail(
            values, subject: "Reset your MarketMate password",
            intro: "Someone asked to reset the password of your MarketMate account. Use this code:", button: "Choose a new password",
            closing: "The code works once, within 20 minutes. If it was not you, ignore this mail; your password stays as it is.")
    }

    /// A mail that carries a one-time code (and the link that holds it, when the server
    /// knows its public URL): greeting, `intro`, the code, the link, `closing`.
    private static func codeMail(
        _ values: Values, subject: String, intro: String, button: String, closing: String
    ) throws(MailDeliveryError) -> Content {
        let name = try values.required("name")
        let token = try values.required("token")
        let link = values["link"]
        let text = """
            Hello \(name),

            \(intro)

                \(token)

            \(link.map { "Or open \($0)\n\n" } ?? "")\(closing)
            """
        let html = MailHTML.page(title: subject, body: [
            MailHTML.paragraph("Hello \(MailHTML.escape(name)),"),
            MailHTML.paragraph(intro),
            MailHTML.code(token),
            MailHTML.button(link, label: button),
            MailHTML.paragraph(closing),
        ])
        return Content(subject: subject, text: text, html: html)
    }

    // MARK: Orders

    static func orderUpdate(_ values: Values) throws(MailDeliveryError) -> Content {
        let name = try values.required("name")
        let orderID = try values.required("order_id")
        let status = try values.required("status")
        let (headline, sentence) = orderWording(status: status, orderID: orderID)
        // Tracking only means something once the parcel left.
        let shipped = status == "shipped"
        let carrier = shipped ? values["carrier"] : nil
        let tracking = shipped ? values["tracking_number"] : nil
        let link = values["link"]

        var facts = [("Order", orderID), ("Status", status)]
        if let carrier { facts.append(("Carrier", carrier)) }
        if let tracking { facts.append(("Tracking number", tracking)) }
        let subject = "Your MarketMate order \(MIMEEncoding.clean(orderID)) \(headline)"
        let text = """
            Hello \(name),

            \(sentence)

            \(facts.map { "\($0.0): \($0.1)" }.joined(separator: "\n"))

            \(link.map { "See the order at \($0)\n\n" } ?? "")Thank you for shopping on MarketMate.
            """
        let html = MailHTML.page(title: subject, body: [
            MailHTML.paragraph("Hello \(MailHTML.escape(name)),"),
            MailHTML.paragraph(MailHTML.escape(sentence)),
            MailHTML.facts(facts),
            MailHTML.button(link, label: "See the order"),
            MailHTML.paragraph("Thank you for shopping on MarketMate."),
        ])
        return Content(subject: subject, text: text, html: html)
    }

    /// A short subject ending and a sentence for each order state of API.md.
    static func orderWording(status: String, orderID: String) -> (headline: String, sentence: String) {
        switch status {
        case "pending": ("was received", "We received your order \(orderID) and are waiting for the payment.")
        case "paid": ("is paid", "Your payment for order \(orderID) went through; the shop is preparing it.")
        case "shipped": ("has shipped", "Your order \(orderID) is on its way.")
        case "complete": ("is complete", "Your order \(orderID) is complete.")
        case "cancelled": ("was cancelled", "Your order \(orderID) was cancelled. Anything you paid is refunded.")
        case "refunded": ("was refunded", "Your order \(orderID) was refunded.")
        default: ("is now \(MIMEEncoding.clean(status))", "Your order \(orderID) is now \(status).")
        }
    }

    // MARK: Values

    struct Values {
        let template: MailTemplate
        let raw: [String: String]

        /// Empty counts as missing: a mail without its code or name is worse than none.
        subscript(key: String) -> String? {
            guard let value = raw[key], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
            return value
        }

        func required(_ key: String) throws(MailDeliveryError) -> String {
            guard let value = self[key] else {
                throw MailDeliveryError(permanent: true, "mail template '\(template.rawValue)' needs the value '\(key)'")
            }
            return value
        }
    }
}

/// The little HTML the templates need. Everything from outside goes through `escape`.
enum MailHTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func page(title: String, body: [String]) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        </head>
        <body style="margin:0;padding:24px;background:#f6f6f4;font-family:Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#222;">
        <div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:6px;">
        \(body.filter { !$0.isEmpty }.joined(separator: "\n"))
        </div>
        </body>
        </html>
        """
    }

    /// `html` is already markup: callers escape what they put in.
    static func paragraph(_ html: String) -> String {
        "<p style=\"margin:0 0 16px;\">\(html)</p>"
    }

    static func code(_ text: String) -> String {
        "<p style=\"margin:0 0 16px;padding:12px;background:#f0f0ec;font-family:Menlo,Consolas,monospace;font-size:15px;word-break:break-all;\">\(escape(text))</p>"
    }

    /// A link styled as a button; nothing when there is no link or it is not http(s), so a
    /// `javascript:` value can never become clickable.
    static func button(_ url: String?, label: String) -> String {
        guard let url, isWebURL(url) else { return "" }
        return "<p style=\"margin:0 0 16px;\"><a href=\"\(escape(url))\" style=\"display:inline-block;padding:10px 18px;background:#1f6f50;color:#ffffff;text-decoration:none;border-radius:4px;\">\(escape(label))</a></p>"
    }

    static func facts(_ rows: [(String, String)]) -> String {
        let cells = rows.map { "<tr><td style=\"padding:2px 16px 2px 0;color:#666;\">\(escape($0.0))</td><td>\(escape($0.1))</td></tr>" }
        return "<table style=\"margin:0 0 16px;border-collapse:collapse;\">\(cells.joined())</table>"
    }

    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.unicodeScalars.contains { MIMEEncoding.isControl($0) || $0 == " " }
    }
}
