import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// Everything a terminal app needs before its first frame, resolved from flags, the
/// config file and the environment (later wins: file < environment < flags).
public struct LaunchSettings: Sendable {
    public var config: AppConfig
    public var theme: Theme
    /// One-line problems with the config or theme; shown as toasts once the app is up
    /// (the app still starts, on defaults).
    public var warnings: [String]

    /// Loads the config file (`configPath` or the XDG default), then applies the
    /// `--server` and `--theme` flags.
    public static func resolve(
        configPath: String?, server: String?, theme: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(LaunchError) -> LaunchSettings {
        var (config, warnings) = AppConfig.load(path: configPath, environment: environment)
        if let server {
            guard let endpoint = ServerEndpoint(server) else { throw .badServerURL(server) }
            config.server = endpoint
        }
        if let theme { config.theme = theme }
        let (file, themeWarnings) = ThemeCatalog(environment: environment).load(config.theme)
        return LaunchSettings(config: config, theme: file.theme, warnings: warnings + themeWarnings)
    }
}

public enum LaunchError: Error, CustomStringConvertible {
    case badServerURL(String)
    case terminal(String)

    public var description: String {
        switch self {
        case .badServerURL(let url): "--server: \"\(url)\" is not an http or https URL (e.g. http://127.0.0.1:8080)"
        case .terminal(let problem): problem
        }
    }
}

/// Runs `MarketApp` on the real terminal until the user quits. Call it on the main
/// thread: all drawing and input happen on the calling thread, and it must not be a
/// thread of Swift's cooperative pool (those block job-control signals, and a UI loop
/// there would take one of the pool's few threads from the effects). Network work runs
/// in effects. The terminal is restored on every way out (NcursesBackend's guard covers
/// signals and crashes).
public enum TerminalLauncher {
    public static func run(
        flavor: AppFlavor, settings: LaunchSettings, client: APIClient, demoAccounts: [DemoAccount] = [],
        notices: [String] = [], flagCache: FlagCache = FlagCache(path: nil)
    ) throws(LaunchError) {
        let user = runBlocking { await client.currentUser }
        let app = MarketApp(client: client, keymap: settings.config.keymap, flavor: flavor, demoAccounts: demoAccounts, flagCache: flagCache)
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend()
        } catch {
            throw .terminal("cannot use this terminal: \(error)")
        }
        defer { backend.shutdown() }
        let runtime = Runtime(program: app, model: app.initialModel(user: user), backend: backend, theme: settings.theme)
        runtime.send(.start)
        for notice in notices { runtime.send(.notice(notice)) }
        for warning in settings.warnings { runtime.send(.toast(warning, .error)) }
        runtime.run()
    }
}

/// Waits on the calling (main) thread for async work: the synchronous command-line
/// entry points use it for what must happen before and after the UI loop.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

/// Non-throwing form of `runBlocking`.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    // The throwing form only rethrows what the body throws.
    try! runBlocking { () async throws -> T in await body() }
}

/// Written once by the task before it signals, read once after the wait.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
