import FluentKit
import Foundation
import Logging
import MarketModels
import SQLKit

/// The in-app feed: jobs write entries (an import finished, later order updates), users
/// read and mark them. A new entry is published on the event bus after its transaction
/// commits (`notification.new`, scoped to `user:<id>`), for realtime delivery.
struct NotificationService: Sendable {
    let database: @Sendable () -> any Database
    let events: any EventBus
    let clock: any AppClock

    /// Writes `draft` on `database` (a transaction of the caller's, so the entry exists
    /// exactly when the work it reports committed). With an `id` the write is idempotent:
    /// a job that runs twice passes the same id and the second insert changes nothing.
    /// Returns the entry when this call created it, for `published(_:)` after the commit.
    @discardableResult
    func create(_ draft: NotificationDraft, id: NotificationID? = nil, on database: any Database) async throws -> NotificationModel? {
        let now = clock.now()
        let model = NotificationModel(id: id ?? NotificationID.generate(at: now), draft: draft, now: now)
        let sql = database as! any SQLDatabase
        let inserted = try await sql.insert(into: NotificationModel.schema)
            .columns("id", "user_id", "kind", "title", "body", "data", "created_at")
            .values(SQLBind(model.id!), SQLBind(model.userID), SQLBind(model.kind), SQLBind(model.title), SQLBind(model.body),
                    SQLBind(model.data), SQLBind(now))
            .ignoringConflicts(with: ["id"])
            .returning("id")
            .all()
        return inserted.isEmpty ? nil : model
    }

    /// `create` for new entries (fresh ids) in one multi-row INSERT: an order's buyer and
    /// shop hear of it in the same transaction. Returns them for `published(_:)`.
    func create(_ drafts: [NotificationDraft], on database: any Database) async throws -> [NotificationModel] {
        guard !drafts.isEmpty else { return [] }
        let now = clock.now()
        let models = drafts.map { NotificationModel(id: NotificationID.generate(at: now), draft: $0, now: now) }
        try await BulkValues(prefix: "INSERT INTO \(NotificationModel.schema) (id, user_id, kind, title, body, data, created_at)").run(models.map { model in
            [.text(model.id), .text(model.userID), .text(model.kind), .text(model.title), .text(model.body), .text(model.data), .date(now)]
        }, on: database as! any SQLDatabase)
        return models
    }

    /// Announces an entry `create` made, once its transaction committed.
    func published(_ model: NotificationModel) async {
        await events.publish(DomainEvent(
            name: "notification.new", entity: "notification", entityID: model.id!, scope: "user:\(model.userID)",
            attributes: ["kind": model.kind], occurredAt: model.createdAt))
    }

    /// A user's entries, newest first, with the unread count of the whole feed.
    func list(for user: UserID, page: PageRequest, unreadOnly: Bool) async throws -> NotificationPageDTO {
        let db = database()
        var query = NotificationModel.query(on: db).filter(\.$userID == user.rawValue)
        if unreadOnly { query = query.filter(\.$readAt == nil) }
        if let after = page.after { query = query.filter(\.$id < after) }
        let rows = try await query.sort(\.$id, .descending).limit(page.limit + 1).all()
        let listed = page.page(rows, key: { $0.id! }, map: \.dto)
        return NotificationPageDTO(items: listed.items, nextCursor: listed.nextCursor, unreadCount: try await unreadCount(for: user))
    }

    func unreadCount(for user: UserID) async throws -> Int {
        try await NotificationModel.query(on: database()).filter(\.$userID == user.rawValue).filter(\.$readAt == nil).count()
    }

    /// Marks one entry read (the first time only: `readAt` keeps the first moment). Another
    /// user's entry is "not found", as API.md wants for objects the caller may not see.
    func markRead(_ rawID: String, user: UserID) async throws -> NotificationDTO {
        guard NotificationID(rawValue: rawID) != nil else { throw AppError(.notFound, .notFound, "No such notification.") }
        let db = database()
        let sql = db as! any SQLDatabase
        try await sql.update(NotificationModel.schema)
            .set("read_at", to: SQLBind(clock.now()))
            .where("id", .equal, rawID).where("user_id", .equal, user.rawValue).where("read_at", .is, SQLLiteral.null)
            .run()
        guard let model = try await NotificationModel.query(on: db).filter(\.$id == rawID).filter(\.$userID == user.rawValue).first() else {
            throw AppError(.notFound, .notFound, "No such notification.")
        }
        return model.dto
    }

    /// Marks every unread entry of the user read.
    func markAllRead(user: UserID) async throws {
        let sql = database() as! any SQLDatabase
        try await sql.update(NotificationModel.schema)
            .set("read_at", to: SQLBind(clock.now()))
            .where("user_id", .equal, user.rawValue).where("read_at", .is, SQLLiteral.null)
            .run()
    }
}
