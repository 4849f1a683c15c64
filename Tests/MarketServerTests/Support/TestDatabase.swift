import FluentKit
import FluentPostgresDriver
import Foundation
import Logging
import SQLKit
@testable import MarketServer

/// The databases every storage-touching suite runs on. PostgreSQL joins when
/// `MARKETMATE_TEST_POSTGRES_URL` names a server (scripts/test starts one); under CI it
/// must, so a missing PostgreSQL fails the run instead of quietly halving it.
enum TestDatabase: String, CustomStringConvertible, Sendable, CaseIterable {
    case sqlite, postgres

    var description: String { rawValue }

    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["MARKETMATE_TEST_POSTGRES_URL"]
        return (url?.isEmpty ?? true) ? nil : url
    }

    static var enabled: [TestDatabase] {
        let ci = ProcessInfo.processInfo.environment["CI"] == "true"
        return (postgresURL != nil || ci) ? [.sqlite, .postgres] : [.sqlite]
    }

    /// A fresh, empty database for one test: an SQLite file in `directory`, or a new
    /// PostgreSQL database (dropped again by `dispose`).
    func makeURL(directory: String) async throws -> String? {
        switch self {
        case .sqlite:
            return nil
        case .postgres:
            guard let base = Self.postgresURL else {
                throw TestSetupError("CI=true but MARKETMATE_TEST_POSTGRES_URL is not set: run the tests through scripts/test")
            }
            let name = "mm_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await Self.admin(base) { sql in try await sql.raw("CREATE DATABASE \(unsafeRaw: String(name))").run() }
            return Self.replacingDatabase(in: base, with: String(name))
        }
    }

    func dispose(url: String?) async {
        guard self == .postgres, let url, let base = Self.postgresURL, let name = URLComponents(string: url)?.path.dropFirst() else { return }
        try? await Self.admin(base) { sql in try await sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: String(name)) WITH (FORCE)").run() }
    }

    /// Bootstraps an environment on `url` (from `makeURL`), runs `body`, then shuts the
    /// environment down and drops the database, also when bootstrapping or `body` throws.
    /// The shutdown matters: an environment's SQLite event loops and thread pool would
    /// otherwise stay for the whole run, and a few hundred tests' worth of descriptors is
    /// what makes Foundation's Process.run crash (see scripts/test, #5472).
    func withEnvironment<T>(url: String?, configuration: ServerConfiguration, overrides: AppOverrides, logger: Logger,
                            _ body: (AppEnvironment) async throws -> T) async throws -> T {
        let environment: AppEnvironment
        do {
            environment = try await AppEnvironment.bootstrap(configuration: configuration, overrides: overrides, logger: logger)
        } catch {
            await dispose(url: url)
            throw error
        }
        let result: T
        do {
            result = try await body(environment)
        } catch {
            await environment.shutdown()
            await dispose(url: url)
            throw error
        }
        await environment.shutdown()
        await dispose(url: url)
        return result
    }

    static func replacingDatabase(in url: String, with name: String) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + name
        return components.string!
    }

    private static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(try .postgres(url: url), as: .psql)
        var logger = Logger(label: "test.admin")
        logger.logLevel = .error
        do {
            try await body(databases.database(logger: logger, on: databases.eventLoopGroup.any()) as! any SQLDatabase)
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
