import NIOCore

/// One record of a CSV file.
struct CSVRecord: Sendable, Equatable {
    /// The row a spreadsheet shows it on: the header is row 1 and every record is one row,
    /// blank lines included, however many lines its quoted fields span. Row errors use this.
    var row: Int
    /// The text line the record starts on (what a text editor shows), for logs.
    var line: Int
    var fields: [String]
    /// A problem confined to this record; the records around it are still good.
    var issue: CSVRecordIssue?
}

/// Problems that spoil one record but not the file, so an import reports them as row errors.
enum CSVRecordIssue: Sendable, Equatable {
    /// The bytes of this column (0-based) are not UTF-8; the field holds U+FFFD in their place.
    case invalidUTF8(column: Int)
    /// Not as many fields as the first record (the header) has.
    case ragged(expected: Int, found: Int)

    var message: String {
        switch self {
        case .invalidUTF8(let column): "Column \(column + 1) is not valid UTF-8 text; save the file as UTF-8."
        case .ragged(let expected, let found): "This row has \(found) fields, the header has \(expected)."
        }
    }
}

/// Problems after which the rest of the file cannot be trusted: the import fails. The parser
/// throws nothing else.
struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Kind: Sendable, Equatable {
        /// A record past the limit: almost always a quote that is never closed.
        case recordTooLarge(limit: Int)
        /// The file ends inside a quoted field.
        case unterminatedQuote
    }

    var kind: Kind
    var row: Int
    var line: Int

    var description: String {
        switch kind {
        case .recordTooLarge(let limit):
            "Row \(row) (line \(line)) is longer than \(limit) bytes; a quote may be missing its closing quote."
        case .unterminatedQuote:
            "Row \(row) (line \(line)) opens a quoted field that is never closed."
        }
    }
}

/// A push parser for RFC 4180 CSV: feed it the bytes in chunks as they arrive, take the
/// complete records it returns, and call `finish()` at the end.
///
/// It keeps only the record being read, never the file, so memory is bounded by the
/// longest record (`maxRecordBytes`, 1 MiB by default). Beyond RFC 4180 it accepts what
/// real spreadsheets write: LF as well as CRLF (and a lone CR), a UTF-8 BOM, no final
/// newline, and text after a closing quote (`"ab"c` reads `abc`, as Python's csv does).
/// Inside quoted fields CRLF becomes LF, since the catalog refuses CR in text.
/// Blank lines yield no record but still take up a row.
struct CSVParser {
    static let defaultMaxRecordBytes = 1 << 20

    let maxRecordBytes: Int
    /// Counting only (see `countingRecords`): no field is kept or decoded.
    private let counting: Bool
    /// Records completed so far in counting mode.
    private(set) var recordsCounted = 0
    /// The current record's length in counting mode, where `bytes` stays empty.
    private var countedBytes = 0

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var state = State.fieldStart
    /// The current record's field bytes back to back, and where each finished field ends.
    private var bytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    /// A record has begun (a blank line never sets it).
    private var recordStarted = false
    /// The last byte was a CR ending a line; an LF right after it is part of the same break.
    private var pendingCR = false
    /// Bytes held back until we know whether the stream opens with a BOM.
    private var head: [UInt8]? = []
    private var row = 1
    private var line = 1
    private var recordRow = 1
    private var recordLine = 1
    /// Fields of the first record; later records are checked against it.
    private var expectedFields: Int?

    init(maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes) {
        self.init(maxRecordBytes: maxRecordBytes, counting: false)
    }

    private init(maxRecordBytes: Int, counting: Bool) {
        self.maxRecordBytes = maxRecordBytes
        self.counting = counting
        if !counting { bytes.reserveCapacity(1024) }
    }

    /// A parser that only counts records (`recordsCounted`): `feed` and `finish` return no
    /// records. Same rules and errors as a full parse, without copying or decoding a field,
    /// so a first pass for a progress total costs a fraction of the import's own parse.
    static func countingRecords(maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes) -> CSVParser {
        CSVParser(maxRecordBytes: maxRecordBytes, counting: true)
    }

    mutating func feed(_ buffer: ByteBuffer) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        try buffer.withUnsafeReadableBytes { (raw: UnsafeRawBufferPointer) throws in
            try feed(raw, into: &records)
        }
        return records
    }

    mutating func feed(_ chunk: [UInt8]) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        try chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            try feed(raw, into: &records)
        }
        return records
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into records: inout [CSVRecord]) throws {
        guard var held = head else { return try scan(chunk, into: &records) }
        // The BOM may arrive split over chunks: hold the first bytes until we can tell.
        held.append(contentsOf: chunk)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        if held.count < 3 && bom.starts(with: held) { head = held; return }
        head = nil
        let skip = held.starts(with: bom) ? 3 : 0
        try held[skip...].withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in try scan(raw, into: &records) }
    }

    /// The record the file ends with, when it has no final newline.
    mutating func finish() throws -> CSVRecord? {
        if let held = head {
            head = nil
            var records: [CSVRecord] = []
            try held.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in try scan(raw, into: &records) }
        }
        if state == .quoted { throw CSVError(kind: .unterminatedQuote, row: recordRow, line: recordLine) }
        return endRecord()
    }

    private mutating func scan(_ chunk: UnsafeRawBufferPointer, into records: inout [CSVRecord]) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let count = chunk.count
        var i = 0
        while i < count {
            let byte = chunk[i]
            if pendingCR {
                // CRLF is one line break, wherever the chunk boundary fell.
                pendingCR = false
                if byte == lf { i += 1; continue }
            }
            switch state {
            case .fieldStart where byte == quote:
                recordStarted = true
                state = .quoted
                i += 1
            case .fieldStart, .unquoted:
                if byte == comma {
                    recordStarted = true
                    endField()
                    i += 1
                } else if byte == cr || byte == lf {
                    if let record = endRecord() { records.append(record) }
                    line += 1
                    pendingCR = byte == cr
                    i += 1
                } else {
                    // A run of ordinary bytes, copied at once (a stray quote is one of them).
                    recordStarted = true
                    state = .unquoted
                    var end = i + 1
                    while end < count, chunk[end] != comma, chunk[end] != cr, chunk[end] != lf { end += 1 }
                    try append(chunk, i..<end)
                    i = end
                }
            case .quoted:
                if byte == quote {
                    state = .quoteInQuoted
                    i += 1
                } else if byte == cr || byte == lf {
                    // A line break inside a field: CRLF (or a lone CR) is kept as one LF.
                    line += 1
                    try append(lf)
                    pendingCR = byte == cr
                    i += 1
                } else {
                    var end = i + 1
                    while end < count, chunk[end] != quote, chunk[end] != cr, chunk[end] != lf { end += 1 }
                    try append(chunk, i..<end)
                    i = end
                }
            case .quoteInQuoted:
                if byte == quote {
                    try append(quote)
                    state = .quoted
                } else if byte == comma {
                    endField()
                } else if byte == cr || byte == lf {
                    if let record = endRecord() { records.append(record) }
                    line += 1
                    pendingCR = byte == cr
                } else {
                    try append(byte)
                    state = .unquoted
                }
                i += 1
            }
        }
    }

    private mutating func append(_ byte: UInt8) throws {
        guard bytes.count + countedBytes < maxRecordBytes else { throw CSVError(kind: .recordTooLarge(limit: maxRecordBytes), row: recordRow, line: recordLine) }
        if counting { countedBytes += 1 } else { bytes.append(byte) }
    }

    private mutating func append(_ chunk: UnsafeRawBufferPointer, _ range: Range<Int>) throws {
        guard bytes.count + countedBytes + range.count <= maxRecordBytes else {
            throw CSVError(kind: .recordTooLarge(limit: maxRecordBytes), row: recordRow, line: recordLine)
        }
        if counting { countedBytes += range.count } else { bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[range])) }
    }

    private mutating func endField() {
        if !counting { fieldEnds.append(bytes.count) }
        state = .fieldStart
    }

    /// Closes the record at a line break or the end of the file; nil for a blank line.
    private mutating func endRecord() -> CSVRecord? {
        defer {
            row += 1
            recordRow = row
            recordLine = line + 1
            state = .fieldStart
            recordStarted = false
            bytes.removeAll(keepingCapacity: bytes.capacity <= 64 * 1024)
            fieldEnds.removeAll(keepingCapacity: true)
            countedBytes = 0
        }
        guard recordStarted else { return nil }
        if counting {
            recordsCounted += 1
            return nil
        }
        fieldEnds.append(bytes.count)
        var fields: [String] = []
        fields.reserveCapacity(fieldEnds.count)
        var issue: CSVRecordIssue?
        var start = 0
        for (column, end) in fieldEnds.enumerated() {
            let slice = bytes[start..<end]
            if let text = String(validating: slice, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append(String(decoding: slice, as: UTF8.self))
                if issue == nil { issue = .invalidUTF8(column: column) }
            }
            start = end
        }
        if let expected = expectedFields {
            if fields.count != expected && issue == nil { issue = .ragged(expected: expected, found: fields.count) }
        } else {
            expectedFields = fields.count
        }
        return CSVRecord(row: recordRow, line: recordLine, fields: fields, issue: issue)
    }
}
