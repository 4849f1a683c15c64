import FluentKit
import Foundation
import Logging
import NIOConcurrencyHelpers
import MarketModels
import ServiceLifecycle

/// Flag definitions from the flags file and the database, evaluated for callers. Changes
/// apply without a restart: the admin API reloads at once; the watcher picks up edits of
/// the file (mtime polled every 200 ms, so within a second) and, every second, changes
/// other server processes made in the shared database. Every change is published on the
/// event bus as `flags.changed` (entity `flag`, the key as id, `source` and `op`).
final class FlagService: Sendable {
    struct Settings: Sendable {
        var file: String?
        var environment: String
        var filePollInterval: Duration = .milliseconds(200)
        var databasePollInterval: Duration = .seconds(1)
    }

    let registry = FlagRegistry()
    let settings: Settings
    private let database: @Sendable () -> any Database
    private let events: any EventBus
    private let clock: any AppClock
    private let logger: Logger
    private let fileState = FileState()

    init(settings: Settings, database: @escaping @Sendable () -> any Database, events: any EventBus, clock: any AppClock, logger: Logger) {
        self.settings = settings
        self.database = database
        self.events = events
        self.clock = clock
        self.logger = logger
    }

    // MARK: Evaluation

    /// The server's context for a caller: identity from the token, the server's environment.
    func context(userId: String?, role: String?, attributes: [String: FlagJSON] = [:]) -> FlagContext {
        FlagContext(userId: userId, role: role, environment: settings.environment, attributes: attributes)
    }

    func evaluateAll(_ context: FlagContext) -> EvaluatedFlags {
        registry.compiled.evaluateAll(context: context)
    }

    // MARK: Admin writes

    /// Creates or replaces the database definition of a flag.
    func put(key: String, definition: FlagDefinition, by userID: String) async throws -> FlagRecord {
        try AppError.check(FlagRules.key(key) + FlagRules.definition(definition))
        let row = try FeatureFlagModel(key: key, definition: definition, updatedBy: userID, at: clock.now())
        let db = database()
        try await db.transaction { db in
            try await FeatureFlagModel.query(on: db).filter(\.$id == key).delete()
            try await row.create(on: db)
        }
        try await reloadDatabase(op: "upsert")
        return FlagRecord(key: key, source: FlagRegistry.Source.database.rawValue, definition: definition)
    }

    /// `put` unless the key already has a database definition; true when it stored one.
    func seed(key: String, definition: FlagDefinition, by userID: String) async throws -> Bool {
        guard try await FeatureFlagModel.find(key, on: database()) == nil else { return false }
        _ = try await put(key: key, definition: definition, by: userID)
        return true
    }

    /// Removes the database definition; the file's definition of the key, if any, applies again.
    func delete(key: String) async throws {
        guard try await FeatureFlagModel.find(key, on: database()) != nil else { throw AppError.notFound }
        try await FeatureFlagModel.query(on: database()).filter(\.$id == key).delete()
        try await reloadDatabase(op: "delete")
    }

    // MARK: Loading

    /// Reads every database definition; rows this build cannot decode are logged and skipped.
    func reloadDatabase(op: String = "upsert") async throws {
        let ticket = registry.databaseReadTicket()
        var definitions: [String: FlagDefinition] = [:]
        for row in try await FeatureFlagModel.query(on: database()).all() {
            guard let key = row.id else { continue }
            if let definition = row.decoded { definitions[key] = definition } else {
                logger.error("feature flag row does not decode; skipped", metadata: ["flag": .string(key)])
            }
        }
        await publish(registry.replace(.database, with: definitions, readTicket: ticket), source: .database, op: op)
    }

    /// Loads the flags file when it changed since the last look (or `force`). A file that
    /// does not parse or validate is logged and the last good set stays in force; so does
    /// a file that disappears (a deploy swapping it must not switch every flag off).
    func reloadFile(force: Bool = false) async {
        guard let path = settings.file else { return }
        let stamp = FileStamp(path: path)
        guard force || fileState.changed(to: stamp) else { return }
        guard stamp != nil, let data = FileManager.default.contents(atPath: path) else {
            logger.warning("flags file is missing; keeping the last good flags", metadata: ["file": .string(path)])
            return
        }
        switch FlagsFile.parse(data) {
        case .success(let definitions):
            let changed = registry.replace(.file, with: definitions)
            logger.info("flags file loaded", metadata: ["file": .string(path), "flags": .stringConvertible(definitions.count)])
            await publish(changed, source: .file, op: "reload")
        case .failure(let error):
            logger.error("flags file is invalid; keeping the last good flags", metadata: ["file": .string(path), "problems": .string(error.description)])
        }
    }

    /// Polls the file and the database until cancelled.
    func watch() async {
        var sinceDatabase = Duration.zero
        while !Task.isCancelled {
            do { try await Task.sleep(for: settings.filePollInterval) } catch { return }
            await reloadFile()
            sinceDatabase += settings.filePollInterval
            if sinceDatabase >= settings.databasePollInterval {
                sinceDatabase = .zero
                do { try await reloadDatabase() } catch {
                    logger.warning("cannot reload feature flags from the database", metadata: ["error": .string("\(error)")])
                }
            }
        }
    }

    private func publish(_ keys: [String], source: FlagRegistry.Source, op: String) async {
        for key in keys {
            await events.publish(DomainEvent(
                name: "flags.changed", entity: "flag", entityID: key,
                attributes: ["source": source.rawValue, "op": registry.definition(key) == nil ? "delete" : op], occurredAt: clock.now()))
        }
    }
}

/// Runs the watcher under the service group (serve and worker) until shutdown; both
/// sources were loaded once at bootstrap.
struct FlagWatcherService: Service {
    let flags: FlagService

    func run() async throws {
        try await cancelWhenGracefulShutdown { await flags.watch() }
    }
}

/// What the last look at the file saw: modification time, size and inode, so an edit in
/// place, a rename over it and a same-second rewrite of another length all count.
struct FileStamp: Equatable, Sendable {
    var modified: Date
    var size: Int
    var inode: Int

    init?(path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let modified = attributes[.modificationDate] as? Date else { return nil }
        self.modified = modified
        size = (attributes[.size] as? NSNumber)?.intValue ?? -1
        inode = (attributes[.systemFileNumber] as? NSNumber)?.intValue ?? -1
    }
}

private final class FileState: Sendable {
    private let last = NIOLockedValueBox<FileStamp??>(.none)

    /// Records the stamp; true when it differs from the one before.
    func changed(to stamp: FileStamp?) -> Bool {
        last.withLockedValue { last in
            defer { last = .some(stamp) }
            return last != .some(stamp)
        }
    }
}

extension AppEnvironment {
    /// Stores a database definition unless the key already has one (seeding demo data
    /// twice changes nothing; an admin's later edit is kept). True when it was stored.
    @discardableResult
    public func seedFlag(key: String, definition: FlagDefinition, by userID: UserID) async throws -> Bool {
        try await flags.seed(key: key, definition: definition, by: userID.rawValue)
    }
}
