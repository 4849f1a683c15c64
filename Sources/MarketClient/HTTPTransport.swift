import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange as the client sees it, free of URLSession types so tests can stand in
/// a scripted transport (503s, dropped connections) without a server.
public struct TransportRequest: Sendable, Equatable {
    public var url: URL
    public var method: String
    /// Header names as sent; one value each.
    public var headers: [String: String]
    public var body: Data?
    /// A file sent as the body instead of `body`, streamed from disk: a 20 MB upload
    /// never sits in memory, and a retry after a refreshed token reads it again.
    public var bodyFile: URL?

    public init(url: URL, method: String, headers: [String: String] = [:], body: Data? = nil, bodyFile: URL? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.bodyFile = bodyFile
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

// Requests carry bearer tokens and login bodies carry passwords: printing one (a failed
// test, a debug log) shows neither.
extension TransportRequest: CustomStringConvertible, CustomDebugStringConvertible {
    public var description: String {
        let shown = headers.sorted { $0.key < $1.key }.map { name, value in
            ["authorization", "x-api-key"].contains(name.lowercased()) ? "\(name): <redacted>" : "\(name): \(value)"
        }
        return "\(method) \(url.absoluteString) [\(shown.joined(separator: ", "))]" + (body.map { " body: \($0.count) bytes" } ?? "")
            + (bodyFile.map { " body: file \($0.lastPathComponent)" } ?? "")
    }
    public var debugDescription: String { description }
}

public struct TransportResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lowercased (HTTP names are case-insensitive).
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends one request, once. Retries, auth and error mapping live above it, in `APIClient`.
/// Failures are thrown as `URLError` (or `CancellationError`); other errors count as
/// "could not reach the server".
public protocol HTTPTransport: Sendable {
    func send(_ request: TransportRequest) async throws -> TransportResponse
}

/// The real transport: an ephemeral `URLSession` (libcurl on Linux, so proxies and the
/// system trust store work) with no cookie store and no HTTP cache, because the client
/// keeps its own ETag cache and must see 304s itself.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    /// File uploads go through a session of their own: megabytes on a slow line take
    /// longer than `requestTimeout` allows a JSON exchange, while a stalled upload is still
    /// caught by `connectTimeout`.
    private let uploadSession: URLSession
    /// Past these, an exchange is given up whatever URLSession does (see `send`).
    private let requestDeadline: TimeInterval
    private let uploadDeadline: TimeInterval

    /// `connectTimeout` bounds each wait for the server (connecting, or silence mid-answer);
    /// `requestTimeout` bounds the whole exchange, and `uploadTimeout` one with a file body.
    public init(connectTimeout: TimeInterval = 10, requestTimeout: TimeInterval = 30, uploadTimeout: TimeInterval = 600) {
        func makeSession(resourceTimeout: TimeInterval) -> URLSession {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.urlCache = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
            configuration.httpCookieStorage = nil
            configuration.httpShouldSetCookies = false
            configuration.timeoutIntervalForRequest = connectTimeout
            configuration.timeoutIntervalForResource = resourceTimeout
            return URLSession(configuration: configuration)
        }
        session = makeSession(resourceTimeout: requestTimeout)
        uploadSession = makeSession(resourceTimeout: max(requestTimeout, uploadTimeout))
        requestDeadline = requestTimeout + 5
        uploadDeadline = max(requestTimeout, uploadTimeout) + 5
    }

    deinit {
        session.finishTasksAndInvalidate()
        uploadSession.finishTasksAndInvalidate()
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        // URLSession on Linux (libcurl underneath) has been known to leave a task unanswered
        // past its own timeouts; a caller (the terminal app, a test) must not wait forever,
        // so the exchange is abandoned a little after its limit.
        let (data, response) = if let file = request.bodyFile {
            // URLSession reads the file in chunks as it sends.
            try await Self.abandoning(after: uploadDeadline) { [uploadSession, urlRequest] in try await uploadSession.upload(for: urlRequest, fromFile: file) }
        } else {
            try await Self.abandoning(after: requestDeadline) { [session, urlRequest] in try await session.data(for: urlRequest) }
        }
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return TransportResponse(status: http.statusCode, headers: headers, body: data)
    }
}

extension URLSessionTransport {
    /// `body`'s result, or `URLError(.timedOut)` once `seconds` have passed, without waiting
    /// for `body` to notice its cancellation (that is the point: it is the part that may not
    /// end). Cancelling the caller cancels `body` and throws `CancellationError` at once.
    static func abandoning<T: Sendable>(after seconds: TimeInterval, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = FirstOutcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let work = Task {
                    do { outcome.finish(with: .success(try await body())) } catch { outcome.finish(with: .failure(error)) }
                }
                let timer = Task {
                    guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
                    outcome.finish(with: .failure(URLError(.timedOut)))
                }
                outcome.start(continuation, tasks: [work, timer])
            }
        } onCancel: {
            outcome.finish(with: .failure(CancellationError()))
        }
    }
}

/// The first of several outcomes resumes the continuation; the others are dropped, and the
/// tasks still running (the work, the timer) are cancelled.
private final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var tasks: [Task<Void, Never>] = []
    private var early: Result<T, any Error>?  // the first outcome, when it came before `start`
    private var done = false

    func start(_ continuation: CheckedContinuation<T, any Error>, tasks: [Task<Void, Never>]) {
        lock.lock()
        if let early {
            done = true
            lock.unlock()
            tasks.forEach { $0.cancel() }
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        self.tasks = tasks
        lock.unlock()
    }

    func finish(with result: Result<T, any Error>) {
        lock.lock()
        guard !done else { lock.unlock(); return }
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        done = true
        self.continuation = nil
        let tasks = self.tasks
        lock.unlock()
        tasks.forEach { $0.cancel() }
        continuation.resume(with: result)
    }
}
