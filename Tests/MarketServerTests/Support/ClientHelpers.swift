import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MarketModels
import NIOCore

extension TestClientProtocol {
    /// Sends JSON (or raw bytes) and returns the response.
    @discardableResult
    func request(
        _ method: HTTPRequest.Method, _ path: String, json: (any Encodable)? = nil, raw: String? = nil,
        token: String? = nil, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var fields = headers
        if let token { fields[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try MarketJSON.makeEncoder().encode(json))
            if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        } else if let raw {
            body = ByteBuffer(string: raw)
            if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        }
        return try await execute(uri: path, method: method, headers: fields, body: body)
    }

    func register(_ email: String, password: String = "correct horse battery", name: String = "Test User", role: Role? = nil) async throws -> AuthResponse {
        let response = try await request(.post, "/api/v1/auth/register", json: RegisterRequest(email: email, password: password, name: name, role: role))
        guard response.status == .created else { throw ResponseError(response) }
        return try response.decode(AuthResponse.self)
    }

    func login(_ email: String, password: String = "correct horse battery") async throws -> AuthResponse {
        let response = try await request(.post, "/api/v1/auth/login", json: LoginRequest(email: email, password: password))
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(AuthResponse.self)
    }
}

struct ResponseError: Error, CustomStringConvertible {
    let description: String
    init(_ response: TestResponse) {
        description = "HTTP \(response.status.code): \(String(buffer: response.body))"
    }
}

extension TestResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try MarketJSON.makeDecoder().decode(T.self, from: Data(body.readableBytesView))
    }

    /// The contract's error envelope; fails the decode when the body is anything else.
    var errorBody: APIErrorBody {
        get throws { try decode(ErrorEnvelope.self).error }
    }

    var text: String { String(buffer: body) }
}
