import FluentKit
import Foundation
import SQLKit
import SQLiteKit

/// One value of a bulk-written row.
enum BulkValue: Sendable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case date(Date)
    case null

    static func text(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }

    /// As SQLiteKit's encoder would write it (dates as Unix seconds, booleans as 0/1), so
    /// rows read back the same whichever way they were written.
    var sqlite: SQLiteData {
        switch self {
        case .text(let value): .text(value)
        case .int(let value): .integer(value)
        case .bool(let value): .integer(value ? 1 : 0)
        case .date(let value): .float(value.timeIntervalSince1970)
        case .null: .null
        }
    }

    var bind: SQLQueryString {
        switch self {
        case .text(let value): "\(bind: value)"
        case .int(let value): "\(bind: value)"
        case .bool(let value): "\(bind: value)"
        case .date(let value): "\(bind: value)"
        case .null: "NULL"
        }
    }
}

/// A statement of the form `prefix (?, ?, …), (?, ?, …) suffix`, run for many rows a few
/// hundred at a time: the multi-row INSERTs of bulk writes (the CSV import).
///
/// On SQLite the SQL text and the binds go straight to SQLiteNIO. SQLKit's general path
/// (an interpolated `SQLQueryString`, then an encoder that casts every bind to find its
/// type) cost more CPU than SQLite's own work at 9,000 binds a statement. PostgreSQL keeps
/// that path. `prefix` and `suffix` are trusted SQL written in the code, never input.
struct BulkValues: Sendable {
    var prefix: String
    var suffix: String = ""
    var rowsPerStatement = 500

    func run(_ rows: [[BulkValue]], on database: any SQLDatabase) async throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            if let sqlite = database as? any SQLiteDatabase {
                var binds: [SQLiteData] = []
                binds.reserveCapacity(chunk.count * (chunk.first?.count ?? 0))
                var text = prefix + " "
                for (index, row) in chunk.enumerated() {
                    if index > 0 { text += ", " }
                    text += "("
                    for (column, value) in row.enumerated() {
                        if column > 0 { text += ", " }
                        if case .null = value { text += "NULL" } else { text += "?"; binds.append(value.sqlite) }
                    }
                    text += ")"
                }
                text += " " + suffix
                try await sqlite.query(text, binds, logger: database.logger) { _ in }.get()
            } else {
                let values = chunk.map { row -> SQLQueryString in
                    SQLQueryString("(") + row.map(\.bind).joined(separator: ", ") + SQLQueryString(")")
                }
                try await database.raw("\(unsafeRaw: prefix) " + values.joined(separator: ", ") + " \(unsafeRaw: suffix)").run()
            }
        }
    }
}
