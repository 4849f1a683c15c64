import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import MarketModels
import NIOCore

/// JSON with a strong ETag over the exact bytes sent, answering 304 when the client's
/// `If-None-Match` already names it.
enum ConditionalResponse {
    static func json(_ value: some Encodable, request: Request, cacheControl: String) throws -> Response {
        let data = try MarketJSON.makeEncoder().encode(value)
        return body(data, etag: etag(for: data), request: request, cacheControl: cacheControl)
    }

    static func etag(for data: Data) -> String {
        "\"" + SHA256.hash(data: data).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }

    /// An already encoded JSON body and its tag.
    static func body(_ data: Data, etag: String, request: Request, cacheControl: String) -> Response {
        if let header = request.headers[.ifNoneMatch], matches(header, etag: etag) {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl])
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count), .eTag: etag, .cacheControl: cacheControl],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `*`, or a list of tags compared weakly (a `W/` prefix is ignored), per RFC 9110 §13.1.2.
    static func matches(_ header: String, etag: String) -> Bool {
        header.split(separator: ",").contains { raw in
            let tag = raw.trimmingCharacters(in: .whitespaces)
            return tag == "*" || (tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag) == etag
        }
    }
}
