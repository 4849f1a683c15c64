import Foundation
import ServiceLifecycle
@testable import MarketServer

extension TestApp {
    /// Runs a real job worker on the app's queue while `body` runs, then drains it
    /// gracefully. Test apps start without one (see `buildApplication`).
    func withJobWorker<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        var configuration = JobWorker.Configuration()
        configuration.pollInterval = .milliseconds(20)
        let worker = JobWorker(queue: environment.jobs, configuration: configuration, logger: environment.logger)
        let group = ServiceGroup(services: [worker], logger: environment.logger)
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
}
