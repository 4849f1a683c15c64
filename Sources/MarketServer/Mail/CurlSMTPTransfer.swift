import CCurl
import Foundation
import NIOConcurrencyHelpers

/// One SMTP transaction through libcurl's easy interface: connect, EHLO, STARTTLS (or
/// implicit TLS), AUTH, MAIL FROM, RCPT TO, DATA with the rendered message, QUIT.
///
/// `perform` blocks for as long as the server takes (bounded by `timeout`), so it must not
/// run on Swift's cooperative pool; `SMTPMailer` gives it a thread of its own. libcurl does
/// the SMTP dot-stuffing and the final `CRLF.CRLF` itself, so the message goes up as is.
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

    struct Outcome: Sendable {
        /// CURLcode; 0 is success.
        var curlCode: Int
        /// The last SMTP reply code libcurl saw (CURLINFO_RESPONSE_CODE), 0 when none.
        var replyCode: Int
        /// libcurl's error buffer, else its text for the code.
        var detail: String
        var succeeded: Bool { curlCode == 0 }
    }

    /// Set from another thread when the sending task is cancelled; the progress callback
    /// sees it within a second and libcurl aborts the transfer.
    final class CancelFlag: Sendable {
        private let box = NIOLockedValueBox(false)
        func cancel() { box.withLockedValue { $0 = true } }
        var isCancelled: Bool { box.withLockedValue { $0 } }
    }

    /// curl_global_init is not thread-safe on every build; once, before any handle, is.
    private static let globalInit: Int = Int(mm_curl_global_init().rawValue)

    static func perform(_ request: Request, cancel: CancelFlag) -> Outcome {
        guard globalInit == 0 else {
            return Outcome(curlCode: globalInit, replyCode: 0, detail: "libcurl failed to initialise")
        }
        guard let handle = curl_easy_init() else {
            return Outcome(curlCode: Int(CURLE_FAILED_INIT.rawValue), replyCode: 0, detail: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        let errorSize = mm_curl_error_size()
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: errorSize)
        errorBuffer.initialize(repeating: 0, count: errorSize)
        defer { errorBuffer.deallocate() }

        var recipients: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(recipients) }
        for recipient in request.recipients { recipients = curl_slist_append(recipients, "<\(recipient)>") }

        let upload = UploadCursor(request.message)
        let context = Unmanaged.passUnretained(upload).toOpaque()
        let cancelContext = Unmanaged.passUnretained(cancel).toOpaque()

        var failedOption: CURLcode = CURLE_OK
        func set(_ result: CURLcode) { if failedOption == CURLE_OK && result != CURLE_OK { failedOption = result } }
        set(mm_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
        set(mm_curl_setopt_string(handle, CURLOPT_URL, request.url))
        // Only SMTP, whatever the URL says, and no redirects to anything else.
        set(mm_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"))
        if request.requireTLS { set(mm_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))) }
        set(mm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
        set(mm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
        if let caFile = request.caFile { set(mm_curl_setopt_string(handle, CURLOPT_CAINFO, caFile)) }
        if let username = request.username { set(mm_curl_setopt_string(handle, CURLOPT_USERNAME, username)) }
        if let password = request.password { set(mm_curl_setopt_string(handle, CURLOPT_PASSWORD, password)) }
        set(mm_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(request.sender)>"))
        set(mm_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients))
        set(mm_curl_setopt_long(handle, CURLOPT_UPLOAD, 1))
        set(mm_curl_setopt_data_callback(handle, CURLOPT_READFUNCTION, readCallback))
        set(mm_curl_setopt_pointer(handle, CURLOPT_READDATA, context))
        set(mm_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
        set(mm_curl_setopt_progress_callback(handle, CURLOPT_XFERINFOFUNCTION, progressCallback))
        set(mm_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, cancelContext))
        // Timeouts through signals would hit whichever thread of the server gets them.
        set(mm_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
        let millis = Int(max(1, request.timeout) * 1000)
        set(mm_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, millis))
        set(mm_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(millis, 15_000)))
        guard failedOption == CURLE_OK else {
            return Outcome(curlCode: Int(failedOption.rawValue), replyCode: 0, detail: "curl_easy_setopt: \(String(cString: curl_easy_strerror(failedOption)))")
        }

        let result = withExtendedLifetime((upload, cancel)) { curl_easy_perform(handle) }
        var reply = 0
        _ = mm_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        let buffered = String(cString: errorBuffer)
        let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(result)) : buffered
        return Outcome(curlCode: Int(result.rawValue), replyCode: reply, detail: detail)
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

    private static let progressCallback: mm_curl_progress_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        return Unmanaged<CancelFlag>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
    }
}
