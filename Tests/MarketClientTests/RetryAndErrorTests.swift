import Foundation
import MarketClient
import MarketModels
import Testing

/// Retries, timeouts and error wording, with a scripted transport (no server) and a real
/// closed port.
@Suite("Retries and errors")
struct RetryAndErrorTests {
    static let endpoint = ServerEndpoint("http://127.0.0.1:8080")!

    static func client(_ transport: ScriptedTransport, retry: RetryPolicy = RetryPolicy(random: { 0.5 }),
                       sleeps: SleepLog = SleepLog()) -> APIClient {
        var configuration = APIClient.Configuration(endpoint: endpoint)
        configuration.retry = retry
        return APIClient(configuration: configuration, sessionStore: InMemorySessionStore(), transport: transport,
                         sleep: { seconds in sleeps.record(seconds) })
    }

    static func envelope(_ code: APIErrorCode, status: Int, headers: [String: String] = [:]) -> TransportResponse {
        let body = try! MarketJSON.encode(ErrorEnvelope(error: APIErrorBody(code: code, requestId: "req_test")))
        return TransportResponse(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a }, body: body)
    }

    static let emptyPage = TransportResponse(status: 200, body: Data(#"{"items":[],"nextCursor":null}"#.utf8))

    @Test("a closed port reads as 'Can't reach the server', after the allowed retries")
    func unreachable() async throws {
        let port = try SilentListener.closedPort()
        var configuration = APIClient.Configuration(endpoint: ServerEndpoint("http://127.0.0.1:\(port)")!)
        configuration.retry = RetryPolicy(maxAttempts: 3, random: { 0 })
        let sleeps = SleepLog()
        let client = APIClient(configuration: configuration, sessionStore: InMemorySessionStore(), sleep: { sleeps.record($0) })
        let error = await #expect(throws: ClientError.self) { try await client.shops() }
        #expect(error == .unreachable(server: URL(string: "http://127.0.0.1:\(port)")!))
        #expect(error?.userMessage == "Can't reach the server at http://127.0.0.1:\(port). Is it running?")
        #expect(sleeps.values.count == 2)

        // A login is a POST without an idempotency key: one try only.
        let login = await #expect(throws: ClientError.self) { try await client.login(email: "a@b.example", password: "x") }
        #expect(login == .unreachable(server: URL(string: "http://127.0.0.1:\(port)")!))
        #expect(sleeps.values.count == 2)
    }

    @Test("a GET that meets 503, 503, then 200 succeeds after two backoffs, with one request id")
    func retriesGetOn503() async throws {
        let transport = ScriptedTransport([.response(Self.envelope(.serviceUnavailable, status: 503)), .response(TransportResponse(status: 503)), .response(Self.emptyPage)])
        let sleeps = SleepLog()
        let page = try await Self.client(transport, sleeps: sleeps).shops()
        #expect(page.items.isEmpty)
        #expect(transport.requests.count == 3)
        #expect(Set(transport.requests.compactMap { $0.header("X-Request-Id") }).count == 1)
        // Equal jitter with random 0.5: 0.75 of each doubling step (0.2 s, 0.4 s).
        #expect(sleeps.values.map { ($0 * 1000).rounded() } == [150, 300])
    }

    @Test("Retry-After is honoured up to the cap; past it the error goes to the caller")
    func retryAfter() async throws {
        let sleeps = SleepLog()
        let short = ScriptedTransport([.response(Self.envelope(.rateLimited, status: 429, headers: ["Retry-After": "2"])), .response(Self.emptyPage)])
        _ = try await Self.client(short, sleeps: sleeps).shops()
        #expect(sleeps.values == [2])

        let long = ScriptedTransport([.response(Self.envelope(.serviceUnavailable, status: 503, headers: ["Retry-After": "120"]))])
        let error = await #expect(throws: ClientError.self) { try await Self.client(long, sleeps: sleeps).shops() }
        #expect(long.requests.count == 1)
        #expect(error?.code == .serviceUnavailable)
        if case .server(let failure) = error { #expect(failure.retryAfter == 120) }

        let throttled = ScriptedTransport([.response(Self.envelope(.tooManyAttempts, status: 429, headers: ["Retry-After": "300"]))])
        let login = await #expect(throws: ClientError.self) { try await Self.client(throttled).login(email: "a@b.example", password: "x") }
        #expect(login?.userMessage == "Too many failed attempts. Try again in 5 minutes.")
    }

    @Test("POST and PATCH are never retried without an idempotency key")
    func noRetryForWrites() async throws {
        let transport = ScriptedTransport([.response(TransportResponse(status: 503)), .response(Self.emptyPage)])
        await #expect(throws: ClientError.self) {
            try await Self.client(transport).login(email: "a@b.example", password: "long enough password")
        }
        #expect(transport.requests.count == 1)
        #expect(RetryPolicy.mayRepeat(method: "POST", idempotencyKey: "key-1"))
        #expect(!RetryPolicy.mayRepeat(method: "PATCH", idempotencyKey: nil))
        #expect(RetryPolicy.mayRepeat(method: "delete", idempotencyKey: nil))
    }

    @Test("printing a request shows neither the bearer token nor the body")
    func redaction() async throws {
        let transport = ScriptedTransport([.response(Self.envelope(.invalidCredentials, status: 401))])
        _ = try? await Self.client(transport).login(email: "a@b.example", password: "hunter2-secret")
        let request = try #require(transport.requests.first)
        var withToken = request
        withToken.headers["Authorization"] = "Bearer eyJsecret"
        let printed = String(describing: withToken) + String(reflecting: withToken)
        #expect(!printed.contains("eyJsecret") && !printed.contains("hunter2"))
        #expect(printed.contains("POST http://127.0.0.1:8080/api/v1/auth/login"))
    }

    @Test("a timeout is not retried and says the server was too slow")
    func timeout() async throws {
        let transport = ScriptedTransport([.failure(URLError(.timedOut))])
        let error = await #expect(throws: ClientError.self) { try await Self.client(transport).shops() }
        #expect(error == .timedOut(server: Self.endpoint.baseURL))
        #expect(error?.userMessage.hasPrefix("The server at http://127.0.0.1:8080 took too long") == true)
        #expect(transport.requests.count == 1)
    }

    @Test("a bare 502 from a proxy still becomes a sentence; garbage JSON is a decoding error")
    func nonEnvelope() async throws {
        let proxy = ScriptedTransport(Array(repeating: .response(TransportResponse(status: 502, body: Data("<html>Bad gateway</html>".utf8))), count: 3))
        let error = await #expect(throws: ClientError.self) { try await Self.client(proxy).shops() }
        #expect(error?.code == .serviceUnavailable)
        #expect(error?.userMessage == "The marketplace is temporarily unavailable; try again in a moment.")

        let garbage = ScriptedTransport([.response(TransportResponse(status: 200, headers: ["X-Request-Id": "req_x"], body: Data("{\"items\": 5}".utf8)))])
        let decoding = await #expect(throws: ClientError.self) { try await Self.client(garbage).shops() }
        #expect(decoding == .decoding(type: "ListPage<ShopDTO>", requestId: "req_x"))
    }

    @Test("backoff doubles up to the cap and never waits less than half a step")
    func backoff() {
        let low = RetryPolicy(baseDelay: 0.2, maxDelay: 1, random: { 0 })
        let high = RetryPolicy(baseDelay: 0.2, maxDelay: 1, random: { 0.999 })
        #expect((1...5).map { low.backoff(afterAttempt: $0) } == [0.1, 0.2, 0.4, 0.5, 0.5])
        #expect(high.backoff(afterAttempt: 3) < 0.8 && high.backoff(afterAttempt: 3) > 0.79)
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryPolicy.parseRetryAfter("Fri, 15 Jan 2027 08:00:30 GMT", now: date) == 30)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
    }

    @Test("every API error code has its own actionable sentence")
    func sentences() {
        var seen = Set<String>()
        for code in APIErrorCode.allCases {
            let error = ClientError.server(ServerFailure(status: code.httpStatus, body: APIErrorBody(code: code)))
            let sentence = error.userMessage
            #expect(sentence.hasSuffix(".") && !sentence.contains("_") && sentence.first?.isUppercase == true, "\(code)")
            seen.insert(sentence)
        }
        // invalid_token and token_expired share one; every other code has its own.
        #expect(seen.count == APIErrorCode.allCases.count - 1)
        let unknown = ClientError.server(ServerFailure(status: 418, body: APIErrorBody(code: "teapot", message: "no")))
        #expect(unknown.userMessage.contains("418"))
    }

    @Test("query values are percent-encoded so + & = reach the server intact")
    func queryEncoding() async throws {
        let transport = ScriptedTransport([.response(TransportResponse(status: 200, body: Data(#"{"items":[],"nextCursor":null}"#.utf8)))])
        _ = try await Self.client(transport).products(ProductQuery(q: "c++ & tea=1", facets: [.price, .category]))
        let url = try #require(transport.requests.first?.url.absoluteString)
        #expect(url == "http://127.0.0.1:8080/api/v1/products?q=c%2B%2B%20%26%20tea%3D1&facets=category%2Cprice")
    }

    @Test("the session file lives under XDG_STATE_HOME; a relative one is ignored; a corrupt file is no session")
    func tokenStorePaths() throws {
        #expect(TokenStore.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/marketmate/session.json")
        #expect(TokenStore.defaultPath(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]) == "/h/.local/state/marketmate/session.json")
        #expect(FlagCache.defaultPath(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/marketmate/flags.json")
        #expect(FlagCache.defaultPath(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"]) == "/h/.cache/marketmate/flags.json")
        let store = TokenStore(path: TestClient.temporaryDirectory() + "/session.json")
        try FileManager.default.createDirectory(atPath: store.directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: store.directory) }
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load() == nil)
        try store.clear()
        try store.clear()  // clearing twice is fine
    }

    @Test("saving tightens MarketMate's own state directory to 0700 but never a directory the user named (a --session-file in /tmp or HOME)")
    func tokenStoreDirectoryModes() throws {
        let base = TestClient.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: base) }
        let session = Session(accessToken: "a", refreshToken: "r", expiresAt: Date(timeIntervalSince1970: 2_000_000_000),
                              user: UserDTO(id: .generate(), email: "a@example.test", name: "A", role: .buyer, verified: true, locale: nil,
                                            createdAt: Date(), updatedAt: Date()))
        func mode(_ path: String) throws -> Int? { (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue }
        for (folder, expected) in [("shared", 0o755), ("marketmate", 0o700)] {
            let directory = base + "/" + folder
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            let store = TokenStore(path: directory + "/session.json")
            try store.save(session)
            #expect(try mode(directory) == expected, "\(folder)")
            #expect(try mode(store.path) == 0o600)
        }
    }
}

/// Answers from a script, one entry per request, and keeps the requests.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case response(TransportResponse)
        case failure(URLError)
    }

    private let lock = NSLock()
    nonisolated(unsafe) private var steps: [Step]
    nonisolated(unsafe) private var sent: [TransportRequest] = []

    init(_ steps: [Step]) { self.steps = steps }

    var requests: [TransportRequest] { lock.withLock { sent } }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        let step: Step? = lock.withLock {
            sent.append(request)
            return steps.isEmpty ? nil : steps.removeFirst()
        }
        switch step {
        case .response(let response): return response
        case .failure(let error): throw error
        case nil: throw URLError(.cannotConnectToHost)
        }
    }
}

final class SleepLog: Sendable {
    private let lock = NSLock()
    nonisolated(unsafe) private var recorded: [TimeInterval] = []
    func record(_ seconds: TimeInterval) { lock.withLock { recorded.append(seconds) } }
    var values: [TimeInterval] { lock.withLock { recorded } }
}
