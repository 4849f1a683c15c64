import FluentKit
import Foundation
import Logging
import MarketModels
import SQLKit

/// What the catalog services share: storage, the search index, the change log, events, time.
struct CatalogContext: Sendable {
    let database: @Sendable () -> any Database
    /// Browsing and search reads (see `DatabaseSetup.readDatabase`).
    let readDatabase: @Sendable () -> any Database
    /// Microsecond lookups that must not queue behind searches (the catalog version).
    let quickDatabase: @Sendable () -> any Database
    let engine: DatabaseEngine
    let search: any SearchIndex
    let changeLog: ChangeLog
    let events: any EventBus
    let clock: any AppClock
    let logger: Logger
    /// Finished public answers; every committed catalog write makes it re-read the version.
    let responses: CatalogResponseCache

    func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// Row lock on PostgreSQL (SQLite's single writer already serialises transactions).
    func lock(table: String, id: String, on db: any Database) async throws {
        guard engine == .postgres else { return }
        try await sql(db).raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }

    /// After a committed write: cached answers must not outlive it, and listeners learn of it.
    func publish(_ name: String, entity: String, id: String, scope: String?) async {
        responses.forgetVersion()
        await events.publish(DomainEvent(name: name, entity: entity, entityID: id, scope: scope, occurredAt: clock.now()))
    }
}

/// Who may do what to a shop and its products, in one place.
enum CatalogAccess {
    static func canManage(shop: ShopModel, principal: Principal?) -> Bool {
        guard let principal else { return false }
        return principal.role == .admin || shop.ownerID == principal.userID.rawValue
    }

    /// Suspended shops (and their non-public products) exist only for their owner and admins.
    static func canSee(shop: ShopModel, principal: Principal?) -> Bool {
        shop.isActive || canManage(shop: shop, principal: principal)
    }
}
