import CCurl
import Foundation

/// One HTTP(S) POST through libcurl: the Stripe payment provider's client. Blocking, like
/// every `CurlEasy` transfer: run it through `CurlEasy.run`.
enum CurlHTTPTransfer {
    struct Request: Sendable {
        var url: String
        /// `Name: value` lines. They may carry credentials, so they are never logged.
        var headers: [String]
        var body: [UInt8]
        var timeout: TimeInterval
        var caFile: String?
    }

    struct Response: Sendable {
        var outcome: CurlEasy.Outcome
        var status: Int { outcome.responseCode }
        var body: [UInt8]
    }

    /// A reply larger than this is cut off (CURLE_WRITE_ERROR): the APIs we call answer
    /// with a few kilobytes of JSON, and a runaway peer must not fill the server's memory.
    static let maxResponseBytes = 1 << 20

    static func post(_ request: Request, cancel: CurlEasy.CancelFlag) -> Response {
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headers) }
        // An empty `Expect:` keeps libcurl from waiting for a 100 Continue on larger bodies.
        for line in request.headers + ["Expect:"] { headers = curl_slist_append(headers, line) }
        let sink = ResponseSink()

        let outcome = withExtendedLifetime(sink) {
            CurlEasy.perform(url: request.url, protocols: "http,https", timeout: request.timeout, caFile: request.caFile, cancel: cancel) { easy in
                easy.set(CURLOPT_POST, 1)
                // COPYPOSTFIELDS copies the body (POSTFIELDSIZE bytes of it) inside the call,
                // so no buffer has to outlive it; an empty POST wants an empty string.
                easy.set(CURLOPT_POSTFIELDSIZE, request.body.count)
                if request.body.isEmpty {
                    easy.set(CURLOPT_COPYPOSTFIELDS, "")
                } else {
                    request.body.withUnsafeBytes { easy.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
                }
                easy.set(CURLOPT_HTTPHEADER, list: headers)
                easy.set(CURLOPT_WRITEFUNCTION, callback: writeCallback)
                easy.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
            }
        }
        return Response(outcome: outcome, body: sink.bytes)
    }

    /// The reply being received; touched only by the thread running the transfer.
    private final class ResponseSink {
        var bytes: [UInt8] = []
    }

    private static let writeCallback: mm_curl_data_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let sink = Unmanaged<ResponseSink>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        guard sink.bytes.count + n <= maxResponseBytes else { return 0 }
        buffer.withMemoryRebound(to: UInt8.self, capacity: n) { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
        return n
    }
}
