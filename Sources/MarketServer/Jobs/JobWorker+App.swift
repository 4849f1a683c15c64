import Logging
import ServiceLifecycle

extension JobWorker {
    /// A worker over the environment's queue, reporting to its metrics.
    public convenience init(environment env: AppEnvironment, configuration: Configuration = .init()) {
        var logger = env.logger
        logger[metadataKey: "worker"] = .string(configuration.owner)
        self.init(queue: env.jobs, configuration: configuration, metrics: env.metrics, logger: logger)
    }
}

/// `marketmate-server worker`: the job worker without HTTP. SIGTERM or SIGINT drain it
/// (see `JobWorker`), then the database closes.
public func runStandaloneJobWorker(environment env: AppEnvironment, configuration: JobWorker.Configuration = .init()) async throws {
    // ServiceGroup stops services in reverse order: the worker drains first, and only then
    // does ResourceService close the database the worker needs to release its jobs.
    let group = ServiceGroup(
        services: [ResourceService(storage: env.storage, hasher: env.hasher, logger: env.logger), FlagWatcherService(flags: env.flags),
                   JobWorker(environment: env, configuration: configuration)],
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: env.logger)
    try await group.run()
}
