import Foundation
import MarketClient
import MarketModels
import MarketServer
import MarketServerCLI
import Testing

/// One real server per suite: `@Suite(.liveServer())` starts an `EmbeddedServer` on a
/// throwaway directory before the suite's first test and stops it after the last one.
/// Tests reach it through `LiveServer.current`.
struct LiveServer: SuiteTrait, TestScoping {
    var seedDemo = true
    /// Background jobs run in the server (upload tests wait for imports to finish).
    var runsJobWorker = false
    /// Set by suites that move server time (token expiry); the clock is shared by the suite.
    var manualClock: ManualClock?

    @TaskLocal static var running: Running?

    struct Running: Sendable {
        let server: EmbeddedServer
        let clock: ManualClock?
    }

    static var current: Running {
        get throws {
            guard let running else { throw FixtureError("no live server: add .liveServer() to the suite") }
            return running
        }
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let directory = try EmbeddedServer.makeThrowawayDataDirectory(prefix: "mm-client-test")
        var overrides = AppOverrides()
        if let manualClock { overrides.clock = manualClock }
        let server = try await EmbeddedServer.start(
            dataDirectory: directory, seedDemo: seedDemo, runsJobWorker: runsJobWorker, removeDataDirectoryOnStop: true, logging: .file(level: .warning),
            configure: { config in
                // Tests need working hashes, not slow ones (production cost has its own test).
                config.auth.argon2MemoryKiB = 1024
                config.auth.argon2Iterations = 1
                config.auth.hashConcurrency = 4
                config.environment = "test"
            },
            overrides: overrides)
        do {
            try await Self.$running.withValue(Running(server: server, clock: manualClock)) { try await function() }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

extension Trait where Self == LiveServer {
    static func liveServer(seedDemo: Bool = true, jobs: Bool = false, clock: ManualClock? = nil) -> LiveServer {
        LiveServer(seedDemo: seedDemo, runsJobWorker: jobs, manualClock: clock)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The demo accounts `seed --demo` makes (DemoData is the source of truth).
enum Demo {
    static var password: String { DemoData.password }
    static let admin = "admin@demo.marketmate.test"
    static let vendor = "vendor@demo.marketmate.test"
    static let buyer = "buyer@demo.marketmate.test"
    static let otherBuyer = "sam@demo.marketmate.test"
}

/// A client of the suite's server with its own session file in a fresh directory, and a
/// transport that records what went over the wire.
struct TestClient {
    let client: APIClient
    let store: TokenStore
    let wire: RecordingTransport

    init(server: EmbeddedServer? = nil, store: TokenStore? = nil, now: @escaping @Sendable () -> Date = { Date() },
         retry: RetryPolicy = .default) throws {
        let server = try server ?? LiveServer.current.server
        self.store = store ?? TokenStore(path: Self.temporaryDirectory(in: server) + "/marketmate/session.json")
        // Room for the whole suite on a loaded 2-core CI machine (a 5 s idle limit once cut off
        // a request while ten ran at once); no test here measures time.
        wire = RecordingTransport(URLSessionTransport(connectTimeout: 30, requestTimeout: 60))
        var configuration = APIClient.Configuration(endpoint: ServerEndpoint(server.baseURL.absoluteString)!)
        configuration.retry = retry
        client = APIClient(configuration: configuration, sessionStore: self.store, transport: wire, now: now, sleep: { _ in })
    }

    /// Inside the server's data directory when there is one, so stopping the server
    /// removes the session files too.
    static func temporaryDirectory(in server: EmbeddedServer? = LiveServer.running?.server) -> String {
        let base = server?.dataDirectory ?? FileManager.default.temporaryDirectory.path
        return (base as NSString).appendingPathComponent("clients/\(UUID().uuidString)")
    }

    /// A signed-in client.
    static func signedIn(_ email: String, password: String = Demo.password) async throws -> TestClient {
        let test = try TestClient()
        try await test.client.login(email: email, password: password)
        return test
    }
}

/// Passes requests to another transport and keeps (method, path, status) of each.
final class RecordingTransport: HTTPTransport {
    struct Exchange: Sendable {
        let request: TransportRequest
        let status: Int?
        var path: String { request.url.path }
    }

    private let base: any HTTPTransport
    private let lock = NSLock()
    nonisolated(unsafe) private var log: [Exchange] = []

    init(_ base: any HTTPTransport) { self.base = base }

    var exchanges: [Exchange] { lock.withLock { log } }

    func count(_ method: String, _ path: String) -> Int {
        exchanges.filter { $0.request.method == method && $0.path == path }.count
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        do {
            let response = try await base.send(request)
            lock.withLock { log.append(Exchange(request: request, status: response.status)) }
            return response
        } catch {
            lock.withLock { log.append(Exchange(request: request, status: nil)) }
            throw error
        }
    }
}
