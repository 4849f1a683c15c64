import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

extension TestResponse {
    /// A response header by name (`"X-Request-Id"`); nil when absent.
    func header(_ name: String) -> String? {
        headers[HTTPField.Name(name)!]
    }

    /// The body as a JSON object; fails the test's `try` when it is anything else.
    func jsonObject() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(body.readableBytesView))
        guard let object = value as? [String: Any] else { throw TestFailure("body is not a JSON object: \(text.prefix(200))") }
        return object
    }
}

extension HTTPFields {
    /// Builds header fields from plain names: `.named(["Origin": "https://x"])`.
    static func named(_ pairs: KeyValuePairs<String, String>) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return fields
    }
}

extension TestClientProtocol {
    /// Sends exact bytes (for bodies that are not valid UTF-8) with the given Content-Type.
    func send(
        _ method: HTTPRequest.Method, _ path: String, bytes: [UInt8], contentType: String? = "application/json"
    ) async throws -> TestResponse {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        return try await execute(uri: path, method: method, headers: fields, body: ByteBuffer(bytes: bytes))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// base64url without padding (RFC 7515 §2), for building and taking apart JWTs by hand.
enum Base64URL {
    static func encode(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) throws -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { throw TestFailure("not base64url: \(text.prefix(40))") }
        return data
    }

    /// One part of a compact JWS, decoded as a JSON object.
    static func jsonPart(_ token: String, _ index: Int) throws -> [String: Any] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw TestFailure("not a compact JWS: \(parts.count) parts") }
        guard let object = try JSONSerialization.jsonObject(with: decode(parts[index])) as? [String: Any] else {
            throw TestFailure("JWS part \(index) is not a JSON object")
        }
        return object
    }

    /// A JSON object encoded as one base64url JWS part, with sorted keys for stable output.
    static func jsonPart(_ object: [String: Any]) throws -> String {
        encode(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
