import Foundation
import MarketModels

/// The MarketMate API over HTTP: typed calls (in the `APIClient+*.swift` files) on top of
/// one pipeline that adds the headers, retries what is safe to retry, refreshes the session
/// once when the access token has lapsed, and turns every failure into a `ClientError`.
///
/// One client per server and session store; it is safe to share between tasks.
public final class APIClient: Sendable {
    public static let version = "0.1.0"

    public struct Configuration: Sendable {
        public var endpoint: ServerEndpoint
        /// Longest wait for the server to connect or say something (seconds).
        public var connectTimeout: TimeInterval = 10
        /// Longest whole exchange (seconds).
        public var requestTimeout: TimeInterval = 30
        public var retry: RetryPolicy = .default
        public var userAgent = "marketmate/\(APIClient.version)"
        /// An access token this close to expiry is refreshed before use, so a request does
        /// not set off with a token that dies on the way.
        public var refreshLeeway: TimeInterval = 30

        public init(endpoint: ServerEndpoint) {
            self.endpoint = endpoint
        }
    }

    public let configuration: Configuration
    public var endpoint: ServerEndpoint { configuration.endpoint }

    let transport: any HTTPTransport
    let sessions: SessionManager
    let etags = ETagCache(capacity: 256)
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void

    /// - Parameters:
    ///   - sessionStore: where the session lives between runs: `TokenStore()` for the
    ///     user's own, `TokenStore(path:)` for a demo or test, `InMemorySessionStore()`.
    ///   - transport: defaults to `URLSessionTransport` with the configured timeouts.
    ///   - now: the clock that decides when an access token is near expiry.
    ///   - sleep: waits between retries; tests pass one that returns at once.
    public init(
        configuration: Configuration,
        sessionStore: any SessionStore,
        transport: (any HTTPTransport)? = nil,
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.configuration = configuration
        self.transport = transport ?? URLSessionTransport(connectTimeout: configuration.connectTimeout, requestTimeout: configuration.requestTimeout)
        self.sessions = SessionManager(store: sessionStore)
        self.now = now
        self.sleep = sleep
    }

    public convenience init(endpoint: ServerEndpoint, sessionStore: any SessionStore) {
        self.init(configuration: Configuration(endpoint: endpoint), sessionStore: sessionStore)
    }

    // MARK: - Session

    /// The signed-in session (read from the store on first use), or nil.
    public func session() async -> Session? { await sessions.current() }

    public var currentUser: UserDTO? {
        get async { await sessions.current()?.user }
    }

    /// Forgets the session on this machine without telling the server.
    public func discardSession() async { await sessions.clear() }

    /// Refreshes now, sharing a refresh already under way.
    @discardableResult
    public func refreshSession() async throws(ClientError) -> Session {
        try await sessions.refresh(replacing: nil, refresher: refresher)
    }

    /// How many refreshes this client has sent (one per expiry, however many requests
    /// were waiting on it).
    public var refreshCount: Int {
        get async { await sessions.refreshCount }
    }

    var refresher: SessionManager.Refresher {
        { [self] refreshToken throws(ClientError) in try await exchangeRefreshToken(refreshToken) }
    }

    private func exchangeRefreshToken(_ refreshToken: String) async throws(ClientError) -> Session {
        let call = try Call(method: "POST", path: "auth/refresh", json: RefreshRequest(refreshToken: refreshToken), auth: .none)
        let response = try await exchange(call, token: nil, requestID: Self.makeRequestID())
        // Any 401 here means the refresh token is dead (expired, revoked, or reused).
        if response.status == 401 { throw .sessionExpired }
        guard (200..<300).contains(response.status) else { throw .server(Self.failure(from: response)) }
        return Session(try Self.decode(AuthResponse.self, from: response), receivedAt: now())
    }

    // MARK: - The pipeline

    struct Call: Sendable {
        enum Auth: Sendable {
            /// No token is sent (auth endpoints).
            case none
            /// The token is sent when signed in (public pages that show owners more).
            case optional
            /// Signed in or `.notSignedIn`.
            case required
        }

        var method: String
        var path: String
        var query: [(name: String, value: String)] = []
        var body: Data?
        /// Streamed from disk instead of `body` (uploads); the caller sets its Content-Type.
        var bodyFile: URL?
        var auth: Auth
        /// Makes a POST or PATCH safe to retry (the server answers a repeat with the first result).
        var idempotencyKey: String?
        var headers: [String: String] = [:]

        init(method: String, path: String, query: [(name: String, value: String)] = [], auth: Auth) {
            self.method = method
            self.path = path
            self.query = query
            self.auth = auth
        }

        init(method: String, path: String, json: some Encodable, auth: Auth) throws(ClientError) {
            self.init(method: method, path: path, auth: auth)
            do {
                body = try MarketJSON.encode(json)
            } catch {
                // Only out-of-range dates fail to encode; the app built a bad value.
                throw .decoding(type: String(describing: type(of: json)), requestId: nil)
            }
        }
    }

    /// Sends `call` with the session's token, refreshing and retrying once when the server
    /// says the token has lapsed. Error statuses become `.server`; 304 is returned.
    func perform(_ call: Call) async throws(ClientError) -> TransportResponse {
        let requestID = Self.makeRequestID()
        var token: String?
        switch call.auth {
        case .none:
            break
        case .required:
            guard let session = try await sessions.validSession(now: now(), leeway: configuration.refreshLeeway, refresher: refresher) else {
                throw .notSignedIn
            }
            token = session.accessToken
        case .optional:
            do throws(ClientError) {
                token = try await sessions.validSession(now: now(), leeway: configuration.refreshLeeway, refresher: refresher)?.accessToken
            } catch .sessionExpired {
                token = nil  // a public page still works after the session ended
            }
        }

        var response = try await exchange(call, token: token, requestID: requestID)
        if let sentToken = token, Self.isTokenRejection(response) {
            var retryToken: String?
            do throws(ClientError) {
                retryToken = try await sessions.refresh(replacing: sentToken, refresher: refresher).accessToken
            } catch .sessionExpired where call.auth == .optional {
                retryToken = nil
            } catch .notSignedIn where call.auth == .optional {
                retryToken = nil
            }
            response = try await exchange(call, token: retryToken, requestID: requestID)
            if Self.isTokenRejection(response) {
                // A token minted a moment ago was refused too: the session is no good.
                await sessions.clear()
                throw .sessionExpired
            }
        }
        guard (200..<300).contains(response.status) || response.status == 304 else {
            let failure = Self.failure(from: response)
            // A ban ends every session at once; the stored tokens are of no further use.
            if failure.code == .userBanned, token != nil { await sessions.clear() }
            throw .server(failure)
        }
        return response
    }

    /// One logical exchange: the first try and the retries the policy allows.
    func exchange(_ call: Call, token: String?, requestID: String) async throws(ClientError) -> TransportResponse {
        let request = makeRequest(call, token: token, requestID: requestID)
        let repeatable = RetryPolicy.mayRepeat(method: call.method, idempotencyKey: call.idempotencyKey)
        let policy = configuration.retry
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw .cancelled }
            let response: TransportResponse
            do {
                response = try await transport.send(request)
            } catch {
                let failure = TransportFailure(error)
                if failure == .cancelled || Task.isCancelled { throw .cancelled }
                if repeatable, let delay = policy.delay(afterAttempt: attempt, failure: failure) {
                    try await pause(delay)
                    continue
                }
                throw failure == .timedOut ? .timedOut(server: endpoint.baseURL) : .unreachable(server: endpoint.baseURL)
            }
            if repeatable, let delay = policy.delay(afterAttempt: attempt, response: response, now: now()) {
                try await pause(delay)
                continue
            }
            return response
        }
    }

    private func pause(_ seconds: TimeInterval) async throws(ClientError) {
        do {
            try await sleep(seconds)
        } catch {
            throw .cancelled
        }
    }

    func makeRequest(_ call: Call, token: String?, requestID: String) -> TransportRequest {
        var url = endpoint.apiURL(call.path)
        if !call.query.isEmpty, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.percentEncodedQuery = call.query.map { "\(Self.encodeQuery($0.name))=\(Self.encodeQuery($0.value))" }.joined(separator: "&")
            url = components.url ?? url
        }
        var headers = call.headers
        // JSON unless the call asked for something else (an invoice PDF).
        if headers["Accept"] == nil { headers["Accept"] = "application/json" }
        headers["User-Agent"] = configuration.userAgent
        headers["X-Request-Id"] = requestID
        if call.body != nil { headers["Content-Type"] = "application/json" }
        if let token { headers["Authorization"] = "Bearer \(token)" }
        if let key = call.idempotencyKey { headers["Idempotency-Key"] = key }
        return TransportRequest(url: url, method: call.method, headers: headers, body: call.body, bodyFile: call.bodyFile)
    }

    // MARK: - Helpers

    /// Unreserved characters only (RFC 3986 §2.3): `+`, `&` and `=` in a search must reach
    /// the server as themselves, not as a space or a separator.
    static func encodeQuery(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Sent as `X-Request-Id` (the server echoes it), so a failure the user reports can be
    /// found in the server's log; retries of one call share it.
    static func makeRequestID() -> String { RequestID.generate().rawValue }

    static func decode<T: Decodable>(_ type: T.Type, from response: TransportResponse) throws(ClientError) -> T {
        try decode(type, from: response.body, requestId: response.header("X-Request-Id"))
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, requestId: String?) throws(ClientError) -> T {
        do {
            return try MarketJSON.decode(type, from: data)
        } catch {
            // Only the type is kept: a decoding error's text can quote the payload.
            throw .decoding(type: String(describing: type), requestId: requestId)
        }
    }

    static func isTokenRejection(_ response: TransportResponse) -> Bool {
        guard response.status == 401, let envelope = try? MarketJSON.decode(ErrorEnvelope.self, from: response.body) else { return false }
        return envelope.error.knownCode == .tokenExpired || envelope.error.knownCode == .invalidToken
    }

    static func failure(from response: TransportResponse) -> ServerFailure {
        let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.parseRetryAfter($0) }
        let requestId = response.header("X-Request-Id")
        if var body = (try? MarketJSON.decode(ErrorEnvelope.self, from: response.body))?.error {
            if body.requestId == nil { body.requestId = requestId }
            return ServerFailure(status: response.status, body: body, retryAfter: retryAfter)
        }
        // No envelope: something in front of the server answered. Judge by the status.
        let code: APIErrorCode? = switch response.status {
        case 400: .malformedRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 409: .conflict
        case 413: .payloadTooLarge
        case 415: .unsupportedMediaType
        case 429: .rateLimited
        case 502, 503, 504: .serviceUnavailable
        case 500...: .internalError
        default: nil
        }
        let body = APIErrorBody(code: code?.rawValue ?? "http_\(response.status)", message: "HTTP status \(response.status)", requestId: requestId)
        return ServerFailure(status: response.status, body: body, retryAfter: retryAfter)
    }
}

/// Bodies of recent `GET`s with their ETags, so a 304 can be answered from memory.
final class ETagCache: Sendable {
    struct Entry: Sendable {
        var etag: String
        var body: Data
    }

    private let capacity: Int
    private let lock = NSLock()
    nonisolated(unsafe) private var entries: [String: Entry] = [:]
    nonisolated(unsafe) private var order: [String] = []

    init(capacity: Int) { self.capacity = capacity }

    func get(_ key: String) -> Entry? { lock.withLock { entries[key] } }

    func put(_ key: String, _ entry: Entry) {
        lock.withLock {
            if entries.updateValue(entry, forKey: key) == nil { order.append(key) }
            // Oldest first out; a product list screen touches far fewer than `capacity`.
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
    }

    func remove(_ key: String) {
        lock.withLock {
            if entries.removeValue(forKey: key) != nil { order.removeAll { $0 == key } }
        }
    }
}
