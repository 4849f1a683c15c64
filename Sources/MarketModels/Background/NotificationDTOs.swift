import Foundation

/// What a notification is about; clients pick an icon and a screen to open from it.
public enum NotificationKind: String, Codable, Hashable, Sendable {
    case importFinished = "import.finished"
    case importFailed = "import.failed"
    case orderUpdate = "order.update"
    case system
}

/// One entry of the in-app feed (`GET /notifications`).
public struct NotificationDTO: Codable, Hashable, Sendable {
    public var id: NotificationID
    public var kind: NotificationKind
    public var title: String
    public var body: String
    /// What it points at, e.g. `{"jobId": "job_…"}` or `{"orderId": "ord_…"}`.
    public var data: [String: String]
    public var read: Bool
    public var readAt: Date?
    public var createdAt: Date

    public init(id: NotificationID, kind: NotificationKind, title: String, body: String, data: [String: String] = [:],
                read: Bool, readAt: Date?, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.data = data
        self.read = read
        self.readAt = readAt
        self.createdAt = createdAt
    }
}

/// `GET /notifications`: the list envelope plus how many are unread in all.
public struct NotificationPageDTO: Codable, Hashable, Sendable {
    public var items: [NotificationDTO]
    public var nextCursor: String?
    public var unreadCount: Int
    public init(items: [NotificationDTO], nextCursor: String?, unreadCount: Int) {
        self.items = items
        self.nextCursor = nextCursor
        self.unreadCount = unreadCount
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor, unreadCount }

    /// `nextCursor` is always present (`null` on the last page), as in every list.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        if let nextCursor {
            try container.encode(nextCursor, forKey: .nextCursor)
        } else {
            try container.encodeNil(forKey: .nextCursor)
        }
        try container.encode(unreadCount, forKey: .unreadCount)
    }
}
