import CCurl
import Foundation
import NIOConcurrencyHelpers

/// One libcurl easy transfer with what every transfer of ours needs: an error buffer, no
/// signals, an overall and a connect timeout, peer verification, and a progress callback
/// that aborts once the `CancelFlag` is raised. The SMTP mail transport and the HTTP client
/// of the Stripe payment provider add their own options in `configure`.
///
/// `perform` blocks for as long as the peer takes (bounded by the timeout), so it must not
/// run on Swift's cooperative pool or a NIO event loop: `run(threadName:_:)` gives it a
/// thread of its own.
final class CurlEasy {
    struct Outcome: Sendable {
        /// CURLcode; 0 is success.
        var curlCode: Int
        /// CURLINFO_RESPONSE_CODE: the HTTP status, or the last SMTP reply; 0 when none.
        var responseCode: Int
        /// libcurl's error buffer, else its text for the code.
        var detail: String
        var succeeded: Bool { curlCode == 0 }
    }

    /// Set from another thread when the waiting task is cancelled; the progress callback
    /// sees it within a second and libcurl aborts the transfer.
    final class CancelFlag: Sendable {
        private let box = NIOLockedValueBox(false)
        func cancel() { box.withLockedValue { $0 = true } }
        var isCancelled: Bool { box.withLockedValue { $0 } }
    }

    /// curl_global_init is not thread-safe on every build; once, before any handle, is.
    private static let globalInit: Int = Int(mm_curl_global_init().rawValue)

    private let handle: UnsafeMutableRawPointer
    private var firstFailure: CURLcode = CURLE_OK

    private init(handle: UnsafeMutableRawPointer) { self.handle = handle }

    /// Sets the common options, lets `configure` add its own, and performs the transfer.
    /// Whatever `configure` hands libcurl by pointer (upload cursors, header lists) must
    /// outlive this call.
    static func perform(
        url: String, protocols: String, timeout: TimeInterval, caFile: String?,
        cancel: CancelFlag, configure: (CurlEasy) -> Void
    ) -> Outcome {
        guard globalInit == 0 else {
            return Outcome(curlCode: globalInit, responseCode: 0, detail: "libcurl failed to initialise")
        }
        guard let raw = curl_easy_init() else {
            return Outcome(curlCode: Int(CURLE_FAILED_INIT.rawValue), responseCode: 0, detail: "curl_easy_init failed")
        }
        let easy = CurlEasy(handle: raw)
        defer { curl_easy_cleanup(raw) }
        let errorSize = mm_curl_error_size()
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: errorSize)
        errorBuffer.initialize(repeating: 0, count: errorSize)
        defer { errorBuffer.deallocate() }

        easy.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        easy.set(CURLOPT_URL, url)
        // Only these protocols, whatever the URL says, and no redirects to anything else.
        easy.set(CURLOPT_PROTOCOLS_STR, protocols)
        easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { easy.set(CURLOPT_CAINFO, caFile) }
        easy.set(CURLOPT_NOPROGRESS, 0)
        easy.check(mm_curl_setopt_progress_callback(raw, CURLOPT_XFERINFOFUNCTION, progressCallback))
        easy.set(CURLOPT_XFERINFODATA, pointer: Unmanaged.passUnretained(cancel).toOpaque())
        // Timeouts through signals would hit whichever thread of the server gets them.
        easy.set(CURLOPT_NOSIGNAL, 1)
        let millis = Int(max(1, timeout) * 1000)
        easy.set(CURLOPT_TIMEOUT_MS, millis)
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, min(millis, 15_000))
        configure(easy)
        guard easy.firstFailure == CURLE_OK else {
            let failure = easy.firstFailure
            return Outcome(curlCode: Int(failure.rawValue), responseCode: 0, detail: "curl_easy_setopt: \(String(cString: curl_easy_strerror(failure)))")
        }

        let result = withExtendedLifetime(cancel) { curl_easy_perform(raw) }
        var response = 0
        _ = mm_curl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &response)
        let buffered = String(cString: errorBuffer)
        let detail = buffered.isEmpty ? String(cString: curl_easy_strerror(result)) : buffered
        return Outcome(curlCode: Int(result.rawValue), responseCode: response, detail: detail)
    }

    // Option setters: the first failure is kept and reported by `perform` before any byte
    // leaves, so a half-configured transfer never runs.
    func set(_ option: CURLoption, _ value: Int) { check(mm_curl_setopt_long(handle, option, value)) }
    func set(_ option: CURLoption, _ value: String) { check(mm_curl_setopt_string(handle, option, value)) }
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) { check(mm_curl_setopt_pointer(handle, option, pointer)) }
    func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>?) { check(mm_curl_setopt_slist(handle, option, list)) }
    func set(_ option: CURLoption, callback: mm_curl_data_callback) { check(mm_curl_setopt_data_callback(handle, option, callback)) }

    private func check(_ result: CURLcode) {
        if firstFailure == CURLE_OK && result != CURLE_OK { firstFailure = result }
    }

    private static let progressCallback: mm_curl_progress_callback = { context, _, _, _, _ in
        guard let context else { return 0 }
        return Unmanaged<CancelFlag>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
    }

    /// Runs a blocking transfer on a fresh thread, raising its cancel flag when the calling
    /// task is cancelled. Not NIOThreadPool.singleton: SQLite's I/O runs there, and a slow
    /// peer must not hold the database's threads. Not the cooperative pool either: a
    /// blocked thread there starves every task.
    static func run<T: Sendable>(threadName: String, _ body: @escaping @Sendable (CancelFlag) -> T) async -> T {
        let cancel = CancelFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread { continuation.resume(returning: body(cancel)) }
                thread.name = threadName
                thread.start()
            }
        } onCancel: {
            cancel.cancel()
        }
    }
}
