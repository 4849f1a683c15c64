import FluentKit
import Foundation
import Logging
import MarketModels
import SQLKit

/// What the cart, checkout, order and payment services share.
struct CommerceContext: Sendable {
    let database: @Sendable () -> any Database
    let engine: DatabaseEngine
    let clock: any AppClock
    let changeLog: ChangeLog
    let events: any EventBus
    let jobs: JobQueue
    let notifications: NotificationService
    /// Stock moves change what the catalog shows: its cached answers must be re-read.
    let catalog: CatalogContext
    let settings: ServerConfiguration.CommerceSettings
    let provider: any PaymentProvider
    let publicURL: String?
    let logger: Logger
    /// SQLite's writer event loop (`DatabaseSetup.writerExecutor`), nil on PostgreSQL. Write
    /// transactions run under `withTaskExecutorPreference(writer)`, so their code between
    /// statements runs where the answers arrive and the transaction holds the only writer
    /// for less time (`EventLoopTaskExecutor`); nil means no preference.
    var writer: (any TaskExecutor)? = nil

    func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// Row lock on PostgreSQL; SQLite's single writer already serialises transactions.
    func lock(table: String, id: String, on db: any Database) async throws {
        guard engine == .postgres else { return }
        try await sql(db).raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}

/// What a committed commerce write still has to announce: events, new notifications and
/// the products whose stock moved. Collected inside the transaction, sent after it commits
/// (never for a write that rolled back).
struct CommerceEffects: Sendable {
    var events: [DomainEvent] = []
    var notifications: [NotificationModel] = []
    var products: Set<String> = []

    mutating func merge(_ other: CommerceEffects) {
        events += other.events
        notifications += other.notifications
        products.formUnion(other.products)
    }

    func publish(in context: CommerceContext) async {
        for product in products.sorted() {
            await context.catalog.publish("product.stock.updated", entity: "product", id: product, scope: "public")
        }
        for event in events { await context.events.publish(event) }
        for notification in notifications { await context.notifications.published(notification) }
    }
}
