import FluentKit
import Foundation
import MarketModels

/// One row of a user's in-app feed. `data` is a JSON object of strings (what the entry
/// points at); `read_at` is set once, the first time it is marked read.
final class NotificationModel: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "data") var data: String
    @OptionalField(key: "read_at") var readAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: NotificationID, draft: NotificationDraft, now: Date) {
        self.id = id.rawValue
        self.userID = draft.userID.rawValue
        self.kind = draft.kind.rawValue
        self.title = draft.title
        self.body = draft.body
        self.data = String(decoding: (try? JSONEncoder.sortedKeys.encode(draft.data)) ?? Data("{}".utf8), as: UTF8.self)
        self.createdAt = now
    }

    var dto: NotificationDTO {
        let fields = (try? JSONDecoder().decode([String: String].self, from: Data(data.utf8))) ?? [:]
        return NotificationDTO(
            id: NotificationID(rawValue: id!)!, kind: NotificationKind(rawValue: kind) ?? .system, title: title, body: body,
            data: fields, read: readAt != nil, readAt: readAt, createdAt: createdAt)
    }
}

/// What a feature hands the notification service.
struct NotificationDraft: Sendable, Equatable {
    var userID: UserID
    var kind: NotificationKind
    var title: String
    var body: String
    var data: [String: String] = [:]
}
