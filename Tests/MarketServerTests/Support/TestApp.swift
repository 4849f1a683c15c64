import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MarketModels
@testable import MarketServer

/// One server per test, on its own database and data directory, with cheap argon2
/// parameters (the production ones are covered by their own test) and a manual clock.
struct TestApp {
    let environment: AppEnvironment
    let clock: ManualClock
    let dataDirectory: String

    var auth: AuthService { environment.auth }

    static func run(
        _ database: TestDatabase,
        testing framework: TestingSetup = .router,
        configure: (inout ServerConfiguration) -> Void = { _ in },
        overrides configureOverrides: (inout AppOverrides) -> Void = { _ in },
        _ body: @Sendable (TestApp, any TestClientProtocol) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-test-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = try await database.makeURL(directory: directory)
        var config = ServerConfiguration()
        config.dataDirectory = directory
        config.databaseURL = url
        config.port = 0
        config.logLevel = .error
        config.environment = "test"
        // Suites register many users from one address; the rate-limit tests turn limits on.
        config.rateLimits.enabled = false
        configure(&config)

        let clock = ManualClock(Date())
        var overrides = AppOverrides()
        overrides.clock = clock
        overrides.passwordParameters = .init(memoryKiB: 1024, iterations: 1)
        configureOverrides(&overrides)

        var logger = Logger(label: "test")
        logger.logLevel = .error
        try await database.withEnvironment(url: url, configuration: config, overrides: overrides, logger: logger) { env in
            let app = buildApplication(environment: env)
            try await app.test(framework) { client in
                try await body(TestApp(environment: env, clock: clock, dataDirectory: directory), client)
            }
        }
    }

    /// Mails written to the outbox so far, oldest first. Mail leaves through `mail.send`
    /// jobs and these apps run no job worker, so the mail jobs that are due run first.
    func outbox() async throws -> [String] {
        try await deliverMail()
        return try outboxFiles()
    }

    /// The outbox as it is, without running any job.
    func outboxFiles() throws -> [String] {
        let dir = environment.configuration.outboxDirectory
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return try names.map { try String(contentsOfFile: (dir as NSString).appendingPathComponent($0), encoding: .utf8) }
    }

    /// The code (`pr_…`, `ev_…`) in the newest mail that carries one.
    func mailedToken(prefix: String) async throws -> String? {
        for mail in try await outbox().reversed() {
            // Decoded, as a reader shows it: quoted-printable may split or escape raw text.
            let text = try ParsedMail(mail).parts().map(\.text).joined(separator: "\n")
            if let range = text.range(of: "\(prefix)[A-Za-z0-9_-]{43}", options: .regularExpression) {
                return String(text[range])
            }
        }
        return nil
    }

    /// Runs the due `mail.send` jobs, as a worker would.
    func deliverMail() async throws {
        try await environment.jobs.runDueJobs(type: SendMailJobHandler.type)
    }
}
