import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MarketServer
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle
#if canImport(Glibc)
import Glibc
#endif

/// The real MarketMate server, run inside the calling process: `marketmate demo` and the
/// client tests use it. It is the same application `marketmate-server serve` runs (built by
/// `buildApplication`), on loopback, with its own data directory and SQLite database.
///
/// Nothing reaches the terminal: the terminal app draws over it. Server logs go to
/// `server.log` in the data directory (or nowhere), and the access log, which goes through
/// the process-wide logging system, is turned down to `critical`.
public final class EmbeddedServer: Sendable {
    /// Where the server's logs go.
    public enum LogDestination: Sendable {
        /// JSON lines in `server.log` inside the data directory.
        case file(level: Logger.Level = .info)
        case silent
        case logger(Logger)
    }

    /// `http://127.0.0.1:<port>`: what `ServerEndpoint` and `APIClient` take.
    public let baseURL: URL
    public let host: String
    public let port: Int
    public let dataDirectory: String
    /// The log file, when logging to a file.
    public let logFile: String?
    /// What the demo seed created (nil without `seedDemo`).
    public let demo: DemoData.Summary?
    /// The server's wired services, for tests that need to reach behind the API.
    public let environment: AppEnvironment

    private let group: ServiceGroup
    private let running: Task<Void, any Error>
    private let removesDataDirectory: Bool
    private let stopping = NIOLockedValueBox<Task<Void, Never>?>(nil)

    private init(baseURL: URL, host: String, port: Int, dataDirectory: String, logFile: String?, demo: DemoData.Summary?,
                 environment: AppEnvironment, group: ServiceGroup, running: Task<Void, any Error>, removesDataDirectory: Bool) {
        self.baseURL = baseURL
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.logFile = logFile
        self.demo = demo
        self.environment = environment
        self.group = group
        self.running = running
        self.removesDataDirectory = removesDataDirectory
    }

    /// Opens (or creates) the database in `dataDirectory`, applies migrations, seeds the demo
    /// store when asked (the same code as `marketmate-server seed --demo`), and returns once
    /// the server accepts connections. `port` 0 lets the OS pick a free one.
    ///
    /// The user's server config file and `MARKETMATE_*` variables are deliberately not read:
    /// an embedded server is self-contained. `configure` and `overrides` are for tests (cheap
    /// password hashing, a manual clock). `runsJobWorker` runs background jobs (CSV imports,
    /// thumbnails, mail) in this process, as `serve` does; the demo needs it, most tests not.
    public static func start(
        dataDirectory: String,
        host: String = "127.0.0.1",
        port: Int = 0,
        seedDemo: Bool = false,
        runsJobWorker: Bool = false,
        removeDataDirectoryOnStop: Bool = false,
        logging: LogDestination = .file(),
        configure: (inout MarketServer.ServerConfiguration) -> Void = { _ in },
        overrides: AppOverrides = AppOverrides()
    ) async throws -> EmbeddedServer {
        var config = MarketServer.ServerConfiguration()
        config.host = host
        config.port = port
        config.dataDirectory = dataDirectory
        // The only logger built from this level is the access log, which goes through the
        // process-wide LoggingSystem (stderr unless the app installed a handler).
        config.logLevel = .critical
        // One person's server on loopback (demo, client and TUI tests): nobody to limit.
        config.rateLimits.enabled = false
        configure(&config)
        let problems = config.validationProblems()
        guard problems.isEmpty else { throw EmbeddedServerError.invalidConfiguration(problems) }

        let (logger, logFile) = try makeLogger(logging, dataDirectory: config.dataDirectory)
        let environment = try await AppEnvironment.bootstrap(configuration: config, overrides: overrides, logger: logger)
        var demo: DemoData.Summary?
        if seedDemo {
            do {
                demo = try await DemoData.seed(environment)
            } catch {
                await environment.shutdown()
                throw error
            }
        }

        // buildApplication closes the database itself once the server has drained, so stop()
        // only has to trigger a graceful shutdown and wait.
        let bound = BoundPort()
        let app = PortReportingApplication(base: buildApplication(environment: environment, runsJobWorker: runsJobWorker), report: bound.resolve)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let running = Task {
            do {
                try await group.run()
                bound.fail(EmbeddedServerError.stoppedBeforeListening)
            } catch {
                bound.fail(error)
                throw error
            }
        }
        let boundPort: Int
        do {
            boundPort = try await bound.value()
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
        let urlHost = ["0.0.0.0", "::", ""].contains(config.host) ? "127.0.0.1" : (config.host.contains(":") ? "[\(config.host)]" : config.host)
        return EmbeddedServer(
            baseURL: URL(string: "http://\(urlHost):\(boundPort)")!, host: config.host, port: boundPort,
            dataDirectory: config.dataDirectory, logFile: logFile, demo: demo, environment: environment,
            group: group, running: running, removesDataDirectory: removeDataDirectoryOnStop)
    }

    /// Stops accepting connections, lets in-flight requests finish, closes the database and,
    /// when asked at start, deletes the data directory. Safe to call more than once.
    public func stop() async {
        let task = stopping.withLockedValue { existing -> Task<Void, Never> in
            if let existing { return existing }
            let task = Task { [self] in
                await group.triggerGracefulShutdown()
                _ = try? await running.value
                if removesDataDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
            }
            existing = task
            return task
        }
        await task.value
    }

    /// A new, empty, private (0700) directory under `$TMPDIR` (else /tmp) for a server whose
    /// data may be thrown away: pass it with `removeDataDirectoryOnStop: true`.
    public static func makeThrowawayDataDirectory(prefix: String = "marketmate-demo") throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array(((base as NSString).appendingPathComponent("\(prefix)-XXXXXX")).utf8CString)
        // mkdtemp makes the directory with mode 0700 and a name nobody could have predicted.
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw EmbeddedServerError.dataDirectory(base, String(cString: strerror(errno)))
        }
        let directory = String(cString: made)
        // Who owns it: a later start removes directories whose owner died without
        // cleaning up (killed with SIGKILL, or a crash).
        try? String(getpid()).write(toFile: (directory as NSString).appendingPathComponent(ownerFileName), atomically: true, encoding: .utf8)
        sweepAbandonedDirectories(in: base, prefix: prefix, except: directory)
        return directory
    }

    static let ownerFileName = "owner.pid"

    /// Removes `prefix-*` directories under `base` that this user owns and whose owner
    /// process no longer exists. Directories without an owner file are left alone.
    static func sweepAbandonedDirectories(in base: String, prefix: String, except keep: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for name in names where name.hasPrefix(prefix + "-") {
            let directory = (base as NSString).appendingPathComponent(name)
            guard directory != keep,
                  let attributes = try? FileManager.default.attributesOfItem(atPath: directory),
                  (attributes[.ownerAccountID] as? NSNumber)?.uint32Value == getuid(),
                  let text = try? String(contentsOfFile: (directory as NSString).appendingPathComponent(ownerFileName), encoding: .utf8),
                  let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0
            else { continue }
            // ESRCH: no such process. EPERM means it exists (another user's): keep it.
            if kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(atPath: directory)
            }
        }
    }

    private static func makeLogger(_ destination: LogDestination, dataDirectory: String) throws -> (Logger, String?) {
        switch destination {
        case .silent:
            return (Logger(label: "marketmate.embedded", factory: { _ in SwiftLogNoOpLogHandler() }), nil)
        case .logger(let logger):
            return (logger, nil)
        case .file(let level):
            try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let path = (dataDirectory as NSString).appendingPathComponent("server.log")
            // Appends, so a demo restarted on the same directory keeps its history; 0600
            // because request logs name accounts.
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw EmbeddedServerError.dataDirectory(path, String(cString: strerror(errno))) }
            let sink = JSONLogSink(handle: FileHandle(fileDescriptor: fd, closeOnDealloc: true))
            let logger = Logger(label: "marketmate.server", factory: { label in JSONLogHandler(label: label, level: level, sink: sink) })
            return (logger, path)
        }
    }
}

public enum EmbeddedServerError: Error, CustomStringConvertible {
    case invalidConfiguration([String])
    case dataDirectory(String, String)
    case stoppedBeforeListening

    public var description: String {
        switch self {
        case .invalidConfiguration(let problems): "The embedded server's configuration is not usable: \(problems.joined(separator: "; "))."
        case .dataDirectory(let path, let reason): "Cannot prepare \(path): \(reason)."
        case .stoppedBeforeListening: "The embedded server stopped before it started listening."
        }
    }
}

/// `buildApplication`'s application, unchanged except that it also reports the bound port:
/// with port 0 only the listening channel knows which one the OS chose.
private struct PortReportingApplication<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder
    let base: Base
    let report: @Sendable (Int?) -> Void

    var responder: Responder { get async throws { try await base.responder } }
    var server: HTTPServerBuilder { base.server }
    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    var configuration: ApplicationConfiguration { base.configuration }
    var logger: Logger { base.logger }
    var services: [any Service] { base.services }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

    @Sendable func onServerRunning(_ channel: any Channel) async {
        await base.onServerRunning(channel)
        report(channel.localAddress?.port)
    }
}

/// The bound port, delivered once: by the running server, or as the error that ended it.
private final class BoundPort: Sendable {
    private enum State {
        case waiting(CheckedContinuation<Int, any Error>?)
        case done(Result<Int, any Error>)
    }
    private let state = NIOLockedValueBox<State>(.waiting(nil))

    func value() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let finished: Result<Int, any Error>? = state.withLockedValue { state in
                if case .done(let result) = state { return result }
                state = .waiting(continuation)
                return nil
            }
            if let finished { continuation.resume(with: finished) }
        }
    }

    func resolve(_ port: Int?) {
        finish(port.map { .success($0) } ?? .failure(EmbeddedServerError.stoppedBeforeListening))
    }

    func fail(_ error: any Error) { finish(.failure(error)) }

    private func finish(_ result: Result<Int, any Error>) {
        let waiter: CheckedContinuation<Int, any Error>? = state.withLockedValue { state in
            guard case .waiting(let continuation) = state else { return nil }  // the first outcome wins
            state = .done(result)
            return continuation
        }
        waiter?.resume(with: result)
    }
}
