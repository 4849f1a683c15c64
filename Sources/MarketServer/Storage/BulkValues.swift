import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import SQLiteKit

/// One value of a bulk-written row. Each case keeps its type even when nil: PostgreSQL
/// receives a column as one typed array, which a bare NULL could not type.
enum BulkValue: Sendable {
    case text(String?)
    case int(Int?)
    case bool(Bool)
    case date(Date?)

    /// As SQLiteKit's encoder would write it (dates as Unix seconds, booleans as 0/1), so
    /// rows read back the same whichever way they were written.
    var sqlite: SQLiteData {
        switch self {
        case .text(let value): value.map { .text($0) } ?? .null
        case .int(let value): value.map { .integer($0) } ?? .null
        case .bool(let value): .integer(value ? 1 : 0)
        case .date(let value): value.map { .float($0.timeIntervalSince1970) } ?? .null
        }
    }

    var isNull: Bool {
        switch self {
        case .text(let value): value == nil
        case .int(let value): value == nil
        case .bool: false
        case .date(let value): value == nil
        }
    }
}

/// A statement `prefix ROWS suffix` run for many rows, where ROWS is a query yielding the
/// rows: the multi-row INSERTs of bulk writes (the CSV import). `prefix` and `suffix` are
/// trusted SQL written in the code, never input; ROWS may stand where `VALUES` would
/// (`INSERT INTO t (a, b)` + ROWS) or as a subquery (`… FROM (` + ROWS + `) AS v …`).
///
/// SQLKit's general path (an interpolated `SQLQueryString`, then an encoder that casts every
/// bind to find its type) cost more CPU than the database's own work at thousands of binds
/// a statement, so both engines get their binds directly:
/// - SQLite: ROWS is `VALUES (?, ?, …), …`, `rowsPerStatement` rows at a time, the SQL
///   text and binds straight to SQLiteNIO.
/// - PostgreSQL: ROWS is `SELECT * FROM unnest($1, $2, …)`, one binary array per column
///   straight to PostgresNIO, all rows in one statement. The statement text stays a few
///   hundred bytes whatever the row count, so parsing and planning cost nothing, where
///   500-row VALUES lists with thousands of parameters were a large part of the server's time.
struct BulkValues: Sendable {
    var prefix: String
    var suffix: String = ""
    /// SQLite only: its binds per statement are limited (32,766).
    var rowsPerStatement = 500

    func run(_ rows: [[BulkValue]], on database: any SQLDatabase) async throws {
        guard let width = rows.first?.count else { return }
        if let postgres = database as? any PostgresDatabase {
            try await runPostgres(rows, width: width, on: postgres, logger: database.logger)
            return
        }
        guard let sqlite = database as? any SQLiteDatabase else {
            preconditionFailure("BulkValues runs on SQLite or PostgreSQL, not \(type(of: database))")
        }
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * width)
            var text = prefix + " VALUES "
            for (index, row) in chunk.enumerated() {
                if index > 0 { text += ", " }
                text += "("
                for (column, value) in row.enumerated() {
                    if column > 0 { text += ", " }
                    if value.isNull { text += "NULL" } else { text += "?"; binds.append(value.sqlite) }
                }
                text += ")"
            }
            text += " " + suffix
            try await sqlite.query(text, binds, logger: database.logger) { _ in }.get()
        }
    }

    private func runPostgres(_ rows: [[BulkValue]], width: Int, on database: any PostgresDatabase, logger: Logger) async throws {
        var binds = PostgresBindings(capacity: width)
        for column in 0..<width { binds.append(PostgresBulkColumn(rows: rows, column: column)) }
        let placeholders = (1...width).map { "$\($0)" }.joined(separator: ", ")
        let query = PostgresQuery(unsafeSQL: "\(prefix) SELECT * FROM unnest(\(placeholders)) \(suffix)", binds: binds)
        // In a transaction this is the transaction's connection.
        try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                for try await _ in try await connection.query(query, logger: logger) {}
            }
        }.get()
    }
}

/// Column `column` of `rows` as one PostgreSQL array, in the binary format (PostgresNIO's
/// own arrays cannot hold NULL elements). Its type is that of the first row's value.
private struct PostgresBulkColumn: PostgresDynamicTypeEncodable {
    let rows: [[BulkValue]]
    let column: Int

    private var elementType: PostgresDataType {
        switch rows[0][column] {
        case .text: .text
        case .int: .int8
        case .bool: .bool
        case .date: .timestamptz
        }
    }

    var psqlType: PostgresDataType {
        switch rows[0][column] {
        case .text: .textArray
        case .int: .int8Array
        case .bool: .boolArray
        case .date: .timestamptzArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        // Header: one dimension, whether any element is NULL, the element type, then the
        // length and lower bound (1) of the dimension.
        buffer.writeInteger(1, as: Int32.self)
        buffer.writeInteger(rows.contains { $0[column].isNull } ? 1 : 0, as: Int32.self)
        buffer.writeInteger(elementType.rawValue)
        buffer.writeInteger(Int32(rows.count))
        buffer.writeInteger(1, as: Int32.self)
        // Each element: its byte length (-1 for NULL), then its bytes.
        for row in rows {
            switch row[column] {
            case .text(let value?):
                let lengthIndex = buffer.writerIndex
                buffer.writeInteger(0, as: Int32.self)
                let length = buffer.writeString(value)
                buffer.setInteger(Int32(length), at: lengthIndex)
            case .int(let value?):
                buffer.writeInteger(8, as: Int32.self)
                buffer.writeInteger(Int64(value))
            case .bool(let value):
                buffer.writeInteger(1, as: Int32.self)
                buffer.writeInteger(value ? 1 : 0, as: UInt8.self)
            case .date(let value?):
                buffer.writeInteger(8, as: Int32.self)
                value.encode(into: &buffer, context: context)
            case .text(nil), .int(nil), .date(nil):
                buffer.writeInteger(-1, as: Int32.self)
            }
        }
    }
}
