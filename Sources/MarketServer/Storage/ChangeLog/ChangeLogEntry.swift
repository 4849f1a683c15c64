import FluentKit
import Foundation

/// One write to a syncable row. `version` is global and increasing; a delete's entry is
/// its tombstone. Offline sync, realtime pushes and cache invalidation all read this feed.
public final class ChangeLogEntry: Model, @unchecked Sendable {
    public static let schema = "change_log"

    public enum Operation: String, Sendable { case upsert, delete }

    @ID(custom: "version", generatedBy: .database) public var id: Int?
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    @Field(key: "op") public var op: String
    /// Who may see the change (`public`, `user:usr_…`, `shop:shp_…`), for sync filtering.
    @OptionalField(key: "scope") public var scope: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(entity: String, entityID: String, op: Operation, scope: String?, now: Date) {
        self.entity = entity
        self.entityID = entityID
        self.op = op.rawValue
        self.scope = scope
        self.createdAt = now
    }

    public var version: Int { id ?? 0 }
}
