import Foundation
import Logging
import ServiceLifecycle
@testable import MarketServer

/// Runs `services` (job workers) in a service group while `body` runs, then shuts them down
/// gracefully and waits for them to stop, also when `body` throws.
@discardableResult
func runningServices<T: Sendable>(_ services: [any Service], logger: Logger, _ body: () async throws -> T) async throws -> T {
    let group = ServiceGroup(services: services, logger: logger)
    let task = Task { try await group.run() }
    let result: T
    do {
        result = try await body()
    } catch {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
        throw error
    }
    await group.triggerGracefulShutdown()
    try await task.value
    return result
}

extension TestApp {
    /// Runs a real job worker on the app's queue while `body` runs, then drains it
    /// gracefully. Test apps start without one (see `buildApplication`).
    @discardableResult
    func withJobWorker<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        var configuration = JobWorker.Configuration()
        configuration.pollInterval = .milliseconds(20)
        let worker = JobWorker(queue: environment.jobs, configuration: configuration, logger: environment.logger)
        return try await runningServices([worker], logger: environment.logger, body)
    }
}
