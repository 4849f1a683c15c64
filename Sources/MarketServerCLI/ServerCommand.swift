import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MarketModels
import MarketServer

/// The root command's configuration; the executable's `@main` type adopts it.
public enum ServerCommand {
    public static let configuration = CommandConfiguration(
        commandName: "marketmate-server",
        abstract: "The MarketMate companion server: the marketplace API for the terminal apps.",
        discussion: "See marketmate-server(1) and marketmate-server.toml(5).",
        subcommands: [Serve.self, Worker.self, Migrate.self, CreateAdmin.self, Seed.self],
        defaultSubcommand: nil
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP server (migrations run first). SIGTERM or SIGINT stop it gracefully.")
    @OptionGroup var options: ServerOptions
    @Flag(inversion: .prefixedNo, help: "Run the background job worker inside the server (default on; turn it off when separate `worker` processes do the work).")
    var jobs = true

    func run() async throws {
        let config = try options.loadConfiguration()
        let logger = Logger(label: "marketmate.server")
        let env = try await AppEnvironment.bootstrap(configuration: config, logger: logger)
        let app = buildApplication(environment: env, runsJobWorker: jobs)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        logger.info("server stopped")
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run background jobs without the HTTP server (migrations run first). SIGTERM or SIGINT drain it gracefully.",
        discussion: "Several workers may share one PostgreSQL database; on SQLite run at most one worker beside the server.")
    @OptionGroup var options: ServerOptions
    @Option(help: ArgumentHelp("Seconds a running job may go without a heartbeat before another worker takes it (default 60).", valueName: "seconds"))
    var lease: Double?
    @Option(help: ArgumentHelp("Seconds to let running jobs finish on shutdown before releasing them (default 25).", valueName: "seconds"))
    var shutdownDeadline: Double?

    func validate() throws {
        if let lease, lease < 1 { throw ValidationError("--lease must be at least 1 second") }
        if let shutdownDeadline, shutdownDeadline < 0 { throw ValidationError("--shutdown-deadline cannot be negative") }
    }

    func run() async throws {
        let config = try options.loadConfiguration()
        let logger = Logger(label: "marketmate.worker")
        let env = try await AppEnvironment.bootstrap(configuration: config, logger: logger)
        var workerConfig = JobWorker.Configuration()
        if let lease {
            workerConfig.lease = lease
            workerConfig.heartbeatInterval = .milliseconds(Int64(lease * 1000 / 4))
        }
        if let shutdownDeadline { workerConfig.shutdownDeadline = .milliseconds(Int64(shutdownDeadline * 1000)) }
        logger.info("job worker starting", metadata: ["types": .string(env.jobs.registry.types.joined(separator: ","))])
        try await runStandaloneJobWorker(environment: env, configuration: workerConfig)
        logger.info("job worker stopped")
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")
    @OptionGroup var options: ServerOptions

    func run() async throws {
        let config = try options.loadConfiguration()
        let env = try await AppEnvironment.bootstrap(configuration: config, logger: Logger(label: "marketmate.migrate"))
        await env.shutdown()
        print("migrations are up to date")
    }
}

struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create an admin account, or make an existing account an admin.",
        discussion: "The password comes from --password, --password-stdin or MARKETMATE_ADMIN_PASSWORD.")
    @OptionGroup var options: ServerOptions
    @Option(help: "The admin's email address.") var email: String
    @Option(help: "The admin's display name.") var name: String = "Administrator"
    @Option(help: "The password (prefer --password-stdin: flags show up in ps).") var password: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

    func run() async throws {
        let secret: String
        if passwordStdin {
            guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password on standard input") }
            secret = line
        } else if let password {
            secret = password
        } else if let fromEnv = ProcessInfo.processInfo.environment["MARKETMATE_ADMIN_PASSWORD"], !fromEnv.isEmpty {
            secret = fromEnv
        } else {
            throw ValidationError("give the password with --password, --password-stdin or MARKETMATE_ADMIN_PASSWORD")
        }
        let config = try options.loadConfiguration()
        let env = try await AppEnvironment.bootstrap(configuration: config, logger: Logger(label: "marketmate.cli"))
        do {
            let user = try await env.auth.provisionUser(email: email, password: secret, name: name, role: .admin)
            await env.shutdown()
            print("admin \(user.email) (\(user.id)) is ready")
        } catch let error as AppError {
            await env.shutdown()
            throw ValidationError(([error.message] + error.details.map { "\($0.field ?? "input"): \($0.message)" }).joined(separator: " "))
        } catch {
            await env.shutdown()
            throw error
        }
    }
}

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill the database with demo data or a synthetic catalog.",
        discussion: """
            --demo creates the demo store: accounts such as \(DemoData.accountList) (password '\(DemoData.password)'), six shops and about 200 products.
            --products N adds N synthetic products (for benchmarks) in shops of 1,000, with Zipf-distributed words; --seed makes it repeatable.
            """)
    @OptionGroup var options: ServerOptions
    @Flag(help: "Create the demo accounts, shops and products (idempotent).") var demo = false
    @Option(help: ArgumentHelp("Add this many synthetic products.", valueName: "n")) var products: Int?
    @Option(help: ArgumentHelp("Random seed for --products (default 42).", valueName: "n")) var seed: UInt64 = 42

    func validate() throws {
        if !demo && products == nil { throw ValidationError("say what to seed: --demo and/or --products N") }
        if let products, !(1...50_000_000).contains(products) { throw ValidationError("--products must be between 1 and 50000000") }
    }

    func run() async throws {
        let config = try options.loadConfiguration()
        let env = try await AppEnvironment.bootstrap(configuration: config, logger: Logger(label: "marketmate.seed"))
        do {
            if demo {
                let summary = try await DemoData.seed(env)
                for user in summary.users { print("\(user.role.rawValue): \(user.email)") }
                print("password for every demo account: \(DemoData.password)")
                print("shops created: \(summary.shopsCreated), products created: \(summary.productsCreated)")
            }
            if let products {
                let report = try await env.seedSyntheticCatalog(products: products, seed: seed) { made in
                    FileHandle.standardError.write(Data("\rsynthetic products: \(made)/\(products)".utf8))
                }
                FileHandle.standardError.write(Data("\n".utf8))
                print("synthetic catalog: \(report.products) products, \(report.variants) variants in \(report.shops) shops, \(String(format: "%.1f", report.seconds)) s")
            }
            await env.shutdown()
        } catch {
            await env.shutdown()
            throw error
        }
    }
}
