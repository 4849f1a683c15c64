import FluentKit
import Foundation
import Logging
import MarketModels

/// Seams tests (and only tests) replace.
public struct AppOverrides: Sendable {
    public var clock: any AppClock = SystemClock()
    public var mailer: (any Mailer)?
    public var eventBus: (any EventBus)?
    /// The payment provider instead of the configured one (tests: a provider that fails).
    var paymentProvider: (any PaymentProvider)?
    public var passwordParameters: PasswordHasher.Parameters?
    public var accountThrottle: LoginThrottle.Policy = .perAccount
    public var addressThrottle: LoginThrottle.Policy = .perAddress
    public init() {}
}

/// The server's long-lived parts, wired once: storage, clock, events, metrics and the
/// feature services. The HTTP application and the CLI commands both start from here.
public final class AppEnvironment: Sendable {
    public let configuration: ServerConfiguration
    public let logger: Logger
    public let storage: DatabaseSetup
    public let clock: any AppClock
    public let events: any EventBus
    public let metrics: AppMetrics
    public let auth: AuthService
    /// The durable job queue; features register handlers on `jobs.registry`.
    public let jobs: JobQueue
    let catalog: CatalogServices
    let notifications: NotificationService
    let imports: ProductImportService
    let commerce: CommerceServices
    let hasher: PasswordHasher
    /// Feature flags from the flags file and the database (issue 7).
    let flags: FlagService

    private init(configuration: ServerConfiguration, logger: Logger, storage: DatabaseSetup, clock: any AppClock,
                 events: any EventBus, metrics: AppMetrics, auth: AuthService, jobs: JobQueue, catalog: CatalogServices,
                 notifications: NotificationService, imports: ProductImportService, commerce: CommerceServices, hasher: PasswordHasher,
                 flags: FlagService) {
        self.configuration = configuration
        self.logger = logger
        self.storage = storage
        self.clock = clock
        self.events = events
        self.metrics = metrics
        self.auth = auth
        self.jobs = jobs
        self.catalog = catalog
        self.notifications = notifications
        self.imports = imports
        self.commerce = commerce
        self.hasher = hasher
        self.flags = flags
    }

    /// Opens the database, applies migrations and loads (or creates) the signing key.
    public static func bootstrap(configuration: ServerConfiguration, overrides: AppOverrides = .init(), logger: Logger) async throws -> AppEnvironment {
        try FileManager.default.createDirectory(
            atPath: configuration.dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let storage = try DatabaseSetup(configuration: configuration, logger: logger)
        do {
            try await storage.prepare(logger: logger)
        } catch {
            await storage.shutdown()
            throw error
        }
        let clock = overrides.clock
        let key = try SigningKeyStore.loadOrCreate(
            configuredFile: configuration.auth.signingKeyFile, dataDirectory: configuration.dataDirectory, logger: logger)
        let tokens = await TokenIssuer(
            privateKey: key, issuer: configuration.auth.issuer, audience: configuration.auth.audience,
            ttl: configuration.auth.accessTokenTTL, clock: clock)
        let hasher = try PasswordHasher(
            parameters: overrides.passwordParameters
                ?? .init(memoryKiB: configuration.auth.argon2MemoryKiB, iterations: configuration.auth.argon2Iterations),
            concurrency: configuration.auth.hashConcurrency)
        let events = overrides.eventBus ?? InProcessEventBus()
        let changeLog = ChangeLog(engine: storage.engine, clock: clock)
        let jobs = JobQueue(engine: storage.engine, clock: clock, registry: JobRegistry()) { storage.database(logger: logger) }
        // Mail only ever leaves through this job; features enqueue it in their transaction.
        jobs.registry.register(SendMailJobHandler(mailer: try overrides.mailer
            ?? configuration.mail.makeMailer(outboxDirectory: configuration.outboxDirectory, clock: clock)))
        let auth = AuthService(
            database: { storage.database(logger: logger) },
            hasher: hasher, tokens: tokens, principals: PrincipalCache(),
            throttle: LoginThrottle(clock: clock, accountPolicy: overrides.accountThrottle, addressPolicy: overrides.addressThrottle),
            jobs: jobs,
            changeLog: changeLog, events: events, clock: clock,
            refreshTTL: TimeInterval(configuration.auth.refreshTokenTTL), publicURL: configuration.publicURL, logger: logger)
        let catalog = CatalogServices(context: CatalogContext(
            database: { storage.database(logger: logger) }, readDatabase: { storage.readDatabase(logger: logger) },
            quickDatabase: { storage.quickDatabase(logger: logger) }, engine: storage.engine, search: SearchIndexFactory.make(engine: storage.engine),
            changeLog: changeLog, events: events, clock: clock, logger: logger, responses: CatalogResponseCache()))
        jobs.registry.register(DiagnosticJobHandler(dataDirectory: configuration.dataDirectory))
        jobs.registry.register(ThumbnailJobHandler(images: ProductImageService(configuration: configuration, catalog: catalog, jobs: jobs)))
        jobs.registry.register(NoopJobHandler(dataDirectory: configuration.dataDirectory))
        let notifications = NotificationService(database: { storage.database(logger: logger) }, events: events, clock: clock)
        let spool = UploadSpool(dataDirectory: configuration.dataDirectory, limit: configuration.uploads.csvMaxBytes)
        let imports = ProductImportService(
            shops: catalog.shops, jobs: jobs, spool: spool, database: { storage.database(logger: logger) }, clock: clock)
        jobs.registry.register(ProductImportJobHandler(
            importer: ProductImporter(products: catalog.products, database: catalog.context.database),
            notifications: notifications, spool: spool))
        let commerce = CommerceServices(
            context: CommerceContext(
                database: { storage.database(logger: logger) }, engine: storage.engine, clock: clock, changeLog: changeLog, events: events,
                jobs: jobs, notifications: notifications, catalog: catalog.context, settings: configuration.commerce,
                provider: try overrides.paymentProvider ?? configuration.payments.makeProvider(), publicURL: configuration.publicURL, logger: logger,
                writer: storage.writerExecutor),
            shops: catalog.shops, invoices: InvoiceStoreFactory.make(configuration: configuration),
            webhookSecret: configuration.payments.stripeWebhookSecret)
        try commerce.registerJobs(on: jobs)
        let flags = FlagService(
            settings: .init(file: configuration.flagsFile, environment: configuration.environment),
            database: { storage.database(logger: logger) }, events: events, clock: clock, logger: logger)
        await flags.reloadFile(force: true)
        try await flags.reloadDatabase()
        return AppEnvironment(
            configuration: configuration, logger: logger, storage: storage, clock: clock, events: events,
            metrics: AppMetrics(), auth: auth, jobs: jobs, catalog: catalog, notifications: notifications, imports: imports,
            commerce: commerce, hasher: hasher, flags: flags)
    }

    public var database: any Database { storage.database(logger: logger) }

    /// For commands that bootstrap without running the HTTP server.
    public func shutdown() async {
        await hasher.shutdown()
        await storage.shutdown()
    }
}
