import Foundation
import Hummingbird
import MarketModels

/// `?limit=` and `?cursor=` as API.md defines them. Cursors are opaque to clients:
/// base64url of the last item's sort key, so they can change shape without a new API.
struct PageRequest: Sendable {
    var limit: Int
    var after: String?

    init(_ request: Request) throws(AppError) {
        let query = request.uri.queryParameters
        if let raw = query["limit"].map(String.init) {
            guard let value = Int(raw) else {
                throw AppError.validation(field: "limit", code: "invalid_value", "limit must be an integer from 1 to \(Pagination.maximumLimit).")
            }
            limit = Pagination.limit(value)
        } else {
            limit = Pagination.defaultLimit
        }
        if let raw = query["cursor"].map(String.init), !raw.isEmpty {
            guard let decoded = Self.decode(raw) else {
                throw AppError.validation(field: "cursor", code: "invalid_value", "This cursor is not one the server gave out.")
            }
            after = decoded
        }
    }

    static func encode(_ key: String) -> String { Data(key.utf8).base64URLEncodedString() }

    static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard cursor.utf8.count <= 512, let data = Data(base64Encoded: base64), let key = String(data: data, encoding: .utf8) else { return nil }
        return key
    }

    /// Builds the page from `limit + 1` fetched rows: the extra row only says "there is more".
    func page<Row, Item>(_ rows: [Row], key: (Row) -> String, map: (Row) -> Item) -> ListPage<Item> {
        let visible = Array(rows.prefix(limit))
        let next = rows.count > limit ? visible.last.map { Self.encode(key($0)) } : nil
        return ListPage(items: visible.map(map), nextCursor: next)
    }
}
