import Foundation

/// The one RFC 5322 renderer: the outbox writes its output to files, SMTP uploads it.
///
/// Every line ends in CRLF. Headers carry no caller text that could break a line (see
/// `MIMEEncoding.clean` and `MailAddress`). Bodies are quoted-printable, so the message is
/// 7-bit clean for any relay and no line passes 76 characters. With an HTML body the
/// message is multipart/alternative, plain text first: readers show the last part they
/// understand.
struct MailRenderer: Sendable {
    let from: MailAddress

    /// What one send hands to a transport.
    struct Rendered: Sendable {
        /// The envelope: bare addresses for `MAIL FROM` and `RCPT TO`.
        var sender: String
        var recipients: [String]
        /// The message, CRLF line ends, ending in CRLF.
        var text: String
        var messageID: String
    }

    func render(_ message: MailMessage, date: Date, fallbackID: @autoclosure () -> String) throws(MailDeliveryError) -> Rendered {
        let to = try MailAddress(message.to, name: message.toName)
        let localID = Self.messageIDPart(message.messageID ?? fallbackID())
        let messageID = "<\(localID)@\(Self.messageIDDomain(from.domain))>"
        var lines = [
            "From: \(from.headerValue)",
            "To: \(to.headerValue)",
            "Subject: \(MIMEEncoding.unstructured(message.subject, fieldName: "Subject"))",
            "Date: \(MIMEEncoding.date(date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
        ]
        if let html = message.htmlBody {
            // "=_" never occurs in quoted-printable output ("=" is always followed by two
            // hex digits or a line break there), so a boundary that starts with it cannot
            // collide with any body: no need to search the bodies for it.
            let boundary = "=_mm_" + String(String.UnicodeScalarView(localID.unicodeScalars.filter {
                $0.properties.isASCIIHexDigit || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || "._-".unicodeScalars.contains($0)
            }).prefix(64))
            lines += [
                "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
                "",
                "This is a multi-part message in MIME format.",
                "--\(boundary)",
            ]
            lines += Self.part(type: "text/plain", body: message.textBody)
            lines.append("--\(boundary)")
            lines += Self.part(type: "text/html", body: html)
            lines.append("--\(boundary)--")
        } else {
            lines += Self.part(type: "text/plain", body: message.textBody)
        }
        return Rendered(
            sender: from.address, recipients: [to.address],
            text: lines.joined(separator: "\r\n") + "\r\n", messageID: messageID)
    }

    private static func part(type: String, body: String) -> [String] {
        [
            "Content-Type: \(type); charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(body),
        ]
    }

    /// Keeps dot-atom characters only, so any job ID (or a caller's ID) makes a valid one.
    static func messageIDPart(_ raw: String) -> String {
        let kept = String(String.UnicodeScalarView(raw.unicodeScalars.filter {
            $0.isASCII && (MIMEEncoding.isAtext($0) || $0 == ".") && $0 != "/" && $0 != "="
        }))
        let trimmed = kept.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return trimmed.isEmpty ? "mail" : String(trimmed.prefix(128))
    }

    /// The sender's domain when it is plain ASCII, else a name that cannot clash with one.
    static func messageIDDomain(_ domain: String) -> String {
        let ok = !domain.isEmpty && domain.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == ".")
        }
        return ok ? domain.lowercased() : "marketmate.invalid"
    }
}
