import Foundation

/// One page of a cursor-paginated list: `{"items": [...], "nextCursor": "..." | null}`.
/// `nextCursor` is nil on the last page; pass it back as `?cursor=` otherwise.
public struct ListPage<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    private enum CodingKeys: String, CodingKey {
        case items, nextCursor
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.items = try container.decode([Item].self, forKey: .items)
        self.nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
    }

    // The contract shows `"nextCursor": null` on the last page, so nil is
    // written as an explicit null rather than left out as synthesis would.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        if let nextCursor {
            try container.encode(nextCursor, forKey: .nextCursor)
        } else {
            try container.encodeNil(forKey: .nextCursor)
        }
    }
}

extension ListPage: Equatable where Item: Equatable {}
extension ListPage: Hashable where Item: Hashable {}

/// The `?limit=` rules from API.md, shared so server and clients agree.
public enum Pagination {
    public static let defaultLimit = 20
    public static let maximumLimit = 100

    /// The limit to use for a requested one: missing means the default, and
    /// anything outside 1...100 is pulled into range rather than refused,
    /// because a too-large page size is a harmless mistake.
    public static func limit(_ requested: Int?) -> Int {
        guard let requested else { return defaultLimit }
        return min(max(requested, 1), maximumLimit)
    }
}
