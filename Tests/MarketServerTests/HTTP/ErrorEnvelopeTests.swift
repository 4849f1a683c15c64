import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The contract's error envelope for everything that goes wrong before or while a body is
/// read: unknown routes, wrong methods, unreadable, mistyped, oversized and hostile bodies.
/// None of them may ever be a 5xx.
@Suite("Error envelope")
struct ErrorEnvelopeTests {
    static let register = "/api/v1/auth/register"
    static let login = "/api/v1/auth/login"

    // MARK: Routing

    @Test("unknown route: 404 not_found whose requestId is the X-Request-Id header")
    func unknownRoute() async throws {
        try await TestApp.run(.sqlite) { _, client in
            for path in ["/nope", "/api/v1/does-not-exist", "/api/v1/users/me/extra", "/api/v2/auth/login"] {
                let response = try await client.request(.get, path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.header("Content-Type") == "application/json; charset=utf-8", "\(path)")
                let error = try response.errorBody
                #expect(error.code == "not_found", "\(path)")
                #expect(error.details.isEmpty, "\(path)")
                let requestID = try #require(response.header("X-Request-Id"), "\(path)")
                #expect(error.requestId == requestID, "\(path)")
            }
        }
    }

    @Test("a client-sent request id is the one quoted in the envelope")
    func envelopeQuotesClientRequestID() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/nope", headers: .named(["X-Request-Id": "trace-42"]))
            #expect(response.status == .notFound)
            #expect(response.header("X-Request-Id") == "trace-42")
            #expect(try response.errorBody.requestId == "trace-42")
        }
    }

    @Test(
        "wrong method on a real route: 405 method_not_allowed with Allow",
        arguments: [
            (HTTPRequest.Method.delete, "/api/v1/auth/login", "POST"),
            (.get, "/api/v1/auth/register", "POST"),
            (.put, "/api/v1/auth/logout-all", "POST"),
            (.post, "/healthz", "GET, HEAD"),
            (.delete, "/api/v1/users/me", "GET, HEAD, PATCH"),
            (.post, "/.well-known/jwks.json", "GET, HEAD"),
        ])
    func methodNotAllowed(method: HTTPRequest.Method, path: String, allow: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(method, path)
            #expect(response.status == .methodNotAllowed)
            #expect(response.header("Allow") == allow)
            let error = try response.errorBody
            #expect(error.code == "method_not_allowed")
            #expect(error.requestId == response.header("X-Request-Id"))
        }
    }

    // MARK: Unreadable bodies

    @Test(
        "malformed JSON is a 400, never a 5xx",
        arguments: [
            #"{"email":"#,
            #"{"email": "a@example.com", "password": "long enough", "name": "A""#,
            "[]",
            #""str""#,
            "null",
            "42",
            "-1.5e300",
            "true",
            "{,}",
            "{'email': 'single quotes'}",
            "\u{FEFF}{}",
            "{\"email\":\"a@example.com\"} trailing",
        ])
    func malformedJSON(body: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.post, Self.register, raw: body)
            #expect(response.status == .badRequest, "\(body.debugDescription): \(response.text)")
            let error = try response.errorBody
            #expect(["malformed_request", "validation_failed"].contains(error.code), "\(body.debugDescription)")
            #expect(error.requestId == response.header("X-Request-Id"))
        }
    }

    @Test("a top-level value that is not an object names the body")
    func wrongTopLevelType() async throws {
        try await TestApp.run(.sqlite) { _, client in
            for body in ["[]", #""str""#, "42", "true"] {
                let response = try await client.request(.post, Self.register, raw: body)
                #expect(response.status == .badRequest, "\(body)")
                let error = try response.errorBody
                #expect(error.code == "validation_failed", "\(body)")
                #expect(error.details.first?.field == "body", "\(body)")
                #expect(error.details.first?.code == "invalid_type", "\(body)")
            }
        }
    }

    @Test("bodies that are not valid UTF-8 are 400 malformed_request")
    func invalidUTF8() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let bodies: [[UInt8]] = [
                [0xFF, 0xFE, 0xFD],
                Array(#"{"email":""#.utf8) + [0xC3, 0x28] + Array(#"@example.com","password":"long enough","name":"A"}"#.utf8),
                [0x7B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x3A, 0x31, 0x7D],  // {"<lone surrogate>":1}
                [0x00, 0x00, 0x00],
            ]
            for bytes in bodies {
                let response = try await client.send(.post, Self.register, bytes: bytes)
                #expect(response.status == .badRequest, "\(bytes): \(response.text)")
                #expect(try response.errorBody.code == "malformed_request", "\(bytes)")
            }
        }
    }

    @Test("empty bodies are 400 malformed_request, with or without a Content-Type")
    func emptyBody() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let withType = try await client.request(.post, Self.register, raw: "")
            #expect(withType.status == .badRequest)
            #expect(try withType.errorBody.code == "malformed_request")

            let noBody = try await client.request(.post, Self.login)
            #expect(noBody.status == .badRequest)
            #expect(try noBody.errorBody.code == "malformed_request")
        }
    }

    // MARK: Wrong shapes

    @Test(
        "wrongly typed fields: 400 validation_failed naming the field",
        arguments: [
            (register, #"{"email": 5, "password": "long enough pw", "name": "A"}"#, "email"),
            (register, #"{"email": "a@example.com", "password": true, "name": "A"}"#, "password"),
            (register, #"{"email": "a@example.com", "password": "long enough pw", "name": ["A"]}"#, "name"),
            (register, #"{"email": "a@example.com", "password": "long enough pw", "name": {"first": "A"}}"#, "name"),
            (register, #"{"email": "a@example.com", "password": "long enough pw", "name": "A", "role": 1}"#, "role"),
            (login, #"{"email": "a@example.com", "password": 12345678}"#, "password"),
            (login, #"{"email": false, "password": "x"}"#, "email"),
        ])
    func wrongTypes(path: String, body: String, field: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.post, path, raw: body)
            #expect(response.status == .badRequest, "\(response.text)")
            let error = try response.errorBody
            #expect(error.code == "validation_failed")
            #expect(error.details.first?.field == field)
        }
    }

    @Test(
        "missing and null fields: 400 validation_failed naming the field",
        arguments: [
            (register, #"{"email": "a@example.com", "name": "A"}"#, "password"),
            (register, #"{"password": "long enough pw", "name": "A"}"#, "email"),
            (register, #"{"email": "a@example.com", "password": "long enough pw"}"#, "name"),
            (register, #"{"email": "a@example.com", "password": null, "name": "A"}"#, "password"),
            (register, "{}", "email"),
            (login, #"{"email": "a@example.com"}"#, "password"),
            ("/api/v1/auth/refresh", "{}", "refreshToken"),
        ])
    func missingFields(path: String, body: String, field: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.post, path, raw: body)
            #expect(response.status == .badRequest, "\(response.text)")
            let error = try response.errorBody
            #expect(error.code == "validation_failed")
            #expect(error.details.first?.field == field)
            #expect(error.details.first?.code == "required")
        }
    }

    @Test("a non-JSON Content-Type is 415 unsupported_media_type")
    func wrongContentType() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let body = #"{"email":"a@example.com","password":"long enough pw","name":"A"}"#
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json"] {
                let response = try await client.request(.post, Self.register, raw: body, headers: [.contentType: type])
                #expect(response.status == .unsupportedMediaType, "\(type)")
                #expect(try response.errorBody.code == "unsupported_media_type", "\(type)")
            }
            // JSON with parameters and +json types are accepted.
            for type in ["application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"] {
                let response = try await client.request(
                    .post, Self.login, raw: #"{"email":"nobody@example.com","password":"whatever1"}"#, headers: [.contentType: type])
                #expect(response.status == .unauthorized, "\(type)")
            }
        }
    }

    // MARK: Size

    @Test("the default body limit is 10 MiB")
    func defaultLimit() {
        #expect(ServerConfiguration().maxBodySize == 10 * 1024 * 1024)
    }

    @Test("a body over the configured limit is 413 payload_too_large")
    func overConfiguredLimit() async throws {
        try await TestApp.run(.sqlite, configure: { $0.maxBodySize = 4096 }) { _, client in
            let big = #"{"email":"a@example.com","password":"long enough pw","name":""# + String(repeating: "n", count: 5000) + #""}"#
            let response = try await client.request(.post, Self.register, raw: big)
            #expect(response.status == .contentTooLarge)
            let error = try response.errorBody
            #expect(error.code == "payload_too_large")
            #expect(error.requestId == response.header("X-Request-Id"))
            #expect(response.header("X-Content-Type-Options") == "nosniff")

            // Just under the limit is read (and then judged on its content).
            let small = #"{"email":"a@example.com","password":"long enough pw","name":""# + String(repeating: "n", count: 3900) + #""}"#
            let fits = try await client.request(.post, Self.register, raw: small)
            #expect(fits.status == .badRequest)
            #expect(try fits.errorBody.details.first?.field == "name")
        }
    }

    @Test("a body over the default 10 MiB is 413, not a 5xx")
    func overDefaultLimit() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let padding = String(repeating: "x", count: 10 * 1024 * 1024 + 512 * 1024)
            let body = #"{"email":"big@example.com","password":"long enough pw","name":""# + padding + #""}"#
            let response = try await client.request(.post, Self.register, raw: body)
            #expect(response.status == .contentTooLarge)
            #expect(try response.errorBody.code == "payload_too_large")
        }
    }

    @Test("over the limit on a real connection: 413, and the server keeps serving")
    func overLimitLive() async throws {
        try await TestApp.run(.sqlite, testing: .live, configure: { $0.maxBodySize = 4096 }) { _, client in
            for size in [5000, 64 * 1024, 2 * 1024 * 1024] {
                let body = #"{"email":"a@example.com","password":"long enough pw","name":""# + String(repeating: "n", count: size) + #""}"#
                let response = try await client.request(.post, Self.register, raw: body)
                #expect(response.status == .contentTooLarge, "\(size)")
                #expect(try response.errorBody.code == "payload_too_large", "\(size)")
                // The unread rest of the body is not taken for the next request.
                let next = try await client.request(.post, Self.login, json: LoginRequest(email: "nobody@example.com", password: "whatever1"))
                #expect(next.status == .unauthorized, "\(size): \(next.text)")
                #expect(try await client.request(.get, "/healthz").status == .ok, "\(size)")
            }
        }
    }

    @Test("a 1 MB name is a 400 on name, not a 5xx", arguments: TestDatabase.enabled)
    func megabyteName(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let response = try await client.request(
                .post, Self.register,
                json: RegisterRequest(email: "huge@example.com", password: "long enough pw", name: String(repeating: "N", count: 1_000_000)))
            #expect(response.status == .badRequest)
            let error = try response.errorBody
            #expect(error.code == "validation_failed")
            #expect(error.details.first?.field == "name")
            #expect(error.details.first?.code == "too_long")
            // Nothing was stored.
            let login = try await client.request(.post, Self.login, json: LoginRequest(email: "huge@example.com", password: "long enough pw"))
            #expect(login.status == .unauthorized)
        }
    }

    @Test("JSON nested 10,000 levels deep is a 400, not a crash")
    func deepNesting() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let depth = 10_000
            for body in [
                String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
                String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth),
                #"{"email":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}",
                String(repeating: "[", count: depth),
            ] {
                let response = try await client.request(.post, Self.register, raw: body)
                #expect(response.status == .badRequest, "\(body.prefix(20))…: \(response.text)")
                #expect(["malformed_request", "validation_failed"].contains(try response.errorBody.code))
            }
            // The server is still fine.
            #expect(try await client.request(.get, "/healthz").status == .ok)
        }
    }

    // MARK: Hostile strings

    @Test("SQL-looking input is data: never a 5xx, and the users table still works", arguments: TestDatabase.enabled)
    func sqlLookingInput(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let hostile = ["' OR 1=1 --", #""; DROP TABLE users; --"#, "'; DELETE FROM users WHERE ''='", "admin'--", #"\"; SELECT pg_sleep(5); --"#]

            // As an email: not an address, so 400 on email.
            for value in hostile {
                let response = try await client.request(.post, Self.register, json: RegisterRequest(email: value, password: "long enough pw", name: "Mallory"))
                #expect(response.status == .badRequest, "\(value): \(response.text)")
                #expect(try response.errorBody.details.first?.field == "email", "\(value)")
            }
            // As a name and a password: perfectly good values, stored as given.
            for (index, value) in hostile.enumerated() {
                let email = "mallory\(index)@example.com"
                let response = try await client.request(.post, Self.register, json: RegisterRequest(email: email, password: value + "pad", name: value))
                #expect(response.status == .created, "\(value): \(response.text)")
                let auth = try response.decode(AuthResponse.self)
                #expect(auth.user.name == value)
                let me = try await client.request(.get, "/api/v1/users/me", token: auth.accessToken)
                #expect(try me.decode(UserDTO.self).name == value)
                #expect(try await client.login(email, password: value + "pad").user.id == auth.user.id)
            }
            // As a login: wrong credentials, not a bypass and not a crash.
            for value in hostile.prefix(3) {
                let response = try await client.request(.post, Self.login, json: LoginRequest(email: value, password: value))
                #expect(response.status == .unauthorized, "\(value): \(response.text)")
                #expect(try response.errorBody.code == "invalid_credentials")
            }
            let bypass = try await client.request(.post, Self.login, json: LoginRequest(email: "mallory0@example.com", password: "' OR 1=1 --"))
            #expect(bypass.status == .unauthorized)

            // The table survived: a new user registers and logs in.
            let fresh = try await client.register("after@example.com")
            #expect(try await client.login("after@example.com").user.id == fresh.user.id)
            #expect(try await client.request(.get, "/api/v1/users/me", token: fresh.accessToken).status == .ok)
        }
    }
}
