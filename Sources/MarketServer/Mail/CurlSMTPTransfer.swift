import CCurl
import Foundation

/// One SMTP transaction through libcurl's easy interface: connect, EHLO, STARTTLS (or
/// implicit TLS), AUTH, MAIL FROM, RCPT TO, DATA with the rendered message, QUIT.
///
/// `perform` blocks for as long as the server takes (bounded by `timeout`), so `SMTPMailer`
/// runs it through `CurlEasy.run`, on a thread of its own. libcurl does the SMTP
/// dot-stuffing and the final `CRLF.CRLF` itself, so the message goes up as is.
enum CurlSMTPTransfer {
    struct Request: Sendable {
        var url: String
        /// STARTTLS is mandatory (CURLUSESSL_ALL): an smtp:// server that does not offer it,
        /// or refuses it, fails the send before any credential or message leaves.
        var requireTLS: Bool
        var username: String?
        var password: String?
        var caFile: String?
        var timeout: TimeInterval
        var sender: String
        var recipients: [String]
        var message: [UInt8]
    }

    static func perform(_ request: Request, cancel: CurlEasy.CancelFlag) -> CurlEasy.Outcome {
        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipients) }
        for recipient in request.recipients { recipients = curl_slist_append(recipients, "<\(recipient)>") }
        let upload = UploadCursor(request.message)

        return withExtendedLifetime(upload) {
            CurlEasy.perform(url: request.url, protocols: "smtp,smtps", timeout: request.timeout, caFile: request.caFile, cancel: cancel) { easy in
                if request.requireTLS { easy.set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
                if let username = request.username { easy.set(CURLOPT_USERNAME, username) }
                if let password = request.password { easy.set(CURLOPT_PASSWORD, password) }
                easy.set(CURLOPT_MAIL_FROM, "<\(request.sender)>")
                easy.set(CURLOPT_MAIL_RCPT, list: recipients)
                easy.set(CURLOPT_UPLOAD, 1)
                easy.set(CURLOPT_READFUNCTION, callback: readCallback)
                easy.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(upload).toOpaque())
            }
        }
    }

    /// The message being uploaded; touched only by the thread running `perform`.
    private final class UploadCursor {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    private static let readCallback: mm_curl_data_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let cursor = Unmanaged<UploadCursor>.fromOpaque(context).takeUnretainedValue()
        let n = min(size * count, cursor.bytes.count - cursor.offset)
        guard n > 0 else { return 0 }
        cursor.bytes.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + cursor.offset, byteCount: n)
        }
        cursor.offset += n
        return n
    }
}
