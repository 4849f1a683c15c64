import Foundation
import NIOCore
import Testing
@testable import MarketServer

/// The CSV parser on its own: RFC 4180 quoting, line ends, BOM, row numbers, per-record
/// issues and the fatal errors, fed in chunks of every small size so that no chunk
/// boundary (inside a BOM, a CRLF, an escaped quote) changes the result.
@Suite("Product import: CSV reader")
struct ProductImportCSVReaderTests {
    @Test("quoted commas, doubled quotes and line breaks inside fields; rows are spreadsheet rows")
    func quoting() throws {
        let text = "title,description,price\r\n\"Mug, large\",\"He said \"\"hi\"\"\",12.50\r\n\"Two\r\nlines\nhere\",x,1\r\nlast,y,2\r\n"
        for records in try parseInChunks(Array(text.utf8)) {
            #expect(records.map(\.fields) == [
                ["title", "description", "price"],
                ["Mug, large", "He said \"hi\"", "12.50"],
                ["Two\nlines\nhere", "x", "1"],
                ["last", "y", "2"],
            ])
            // The record spanning lines 3 to 5 is row 3; the next starts on line 6 but is row 4.
            #expect(records.map(\.row) == [1, 2, 3, 4])
            #expect(records.map(\.line) == [1, 2, 3, 6])
            #expect(records.allSatisfy { $0.issue == nil })
        }
    }

    @Test("a UTF-8 BOM is dropped, LF and lone CR end lines, the last line needs no newline, blank lines count as rows")
    func lineEnds() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\r\n\r\n3,4\r5,\"6\"".utf8)
        for records in try parseInChunks(bytes) {
            #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
            #expect(records.map(\.row) == [1, 2, 4, 5])
        }
        // Empty fields and a trailing comma are fields too; a BOM alone is an empty file.
        #expect(try parseAll(Array(",\n\"\",x,\n".utf8)).map(\.fields) == [["", ""], ["", "x", ""]])
        #expect(try parseAll([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try parseAll([]).isEmpty)
    }

    @Test("a ragged row and invalid UTF-8 are reported on their row; the rows around them are fine")
    func recordIssues() throws {
        var bytes = Array("a,b,c\n1,2\n".utf8)
        bytes += Array("x,".utf8) + [0xFF, 0xFE] + Array(",z\nok,ok,ok\n".utf8)
        for records in try parseInChunks(bytes) {
            #expect(records.count == 4)
            #expect(records[1].issue == .ragged(expected: 3, found: 2))
            #expect(records[1].row == 2)
            #expect(records[2].issue == .invalidUTF8(column: 1))
            #expect(records[2].row == 3)
            #expect(records[2].fields[1] == "\u{FFFD}\u{FFFD}")
            #expect(records[3].issue == nil && records[3].fields == ["ok", "ok", "ok"])
        }
        #expect(CSVRecordIssue.ragged(expected: 3, found: 2).message == "This row has 2 fields, the header has 3.")
    }

    @Test("a record past the size limit and an unclosed quote fail the file, naming the row")
    func fatalErrors() throws {
        var parser = CSVParser(maxRecordBytes: 1024)
        _ = try parser.feed(Array("a,b\nfine,row\n".utf8))
        #expect(throws: CSVError(kind: .recordTooLarge(limit: 1024), row: 3, line: 3)) {
            for _ in 0..<100 { _ = try parser.feed(Array(("\"" + String(repeating: "x", count: 100)).utf8)) }
        }

        var unclosed = CSVParser()
        _ = try unclosed.feed(Array("a,b\n1,2\n3,\"never closed\nstill\n".utf8))
        #expect(throws: CSVError(kind: .unterminatedQuote, row: 3, line: 3)) { _ = try unclosed.finish() }

        // A record near the limit is fine, and its memory is given back afterwards.
        let big = String(repeating: "y", count: 1000)
        #expect(try parseAll(Array("a\n\(big)\nb\n".utf8), maxRecordBytes: 1024).map(\.fields) == [["a"], [big], ["b"]])
    }

    @Test("text after a closing quote is kept, and a quote inside an unquoted field is literal")
    func lenientQuotes() throws {
        #expect(try parseAll(Array("\"ab\"c,d\"e\n".utf8)).map(\.fields) == [["abc", "d\"e"]])
    }

    @Test("counting records agrees with a full parse, chunk boundaries anywhere, and fails where it fails")
    func countingMatchesParsing() throws {
        let samples: [[UInt8]] = [
            Array("title,description,price\r\n\"Mug, large\",\"He said \"\"hi\"\"\",12.50\r\n\"Two\r\nlines\nhere\",x,1\r\nlast,y,2\r\n".utf8),
            [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\r\n\r\n3,4\r5,\"6\"".utf8),
            Array(",\n\"\",x,\n\n\n".utf8),
            Array("a,b,c\n1,2\n".utf8) + Array("x,".utf8) + [0xFF, 0xFE] + Array(",z\nok,ok,ok\n".utf8),
            [0xEF, 0xBB, 0xBF], [],
        ]
        for bytes in samples {
            let expected = try parseAll(bytes).count
            for size in [1, 2, 3, 5, 7, max(1, bytes.count)] {
                var counter = CSVParser.countingRecords()
                for start in stride(from: 0, to: bytes.count, by: size) {
                    #expect(try counter.feed(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)])).isEmpty)
                }
                #expect(try counter.finish() == nil)
                #expect(counter.recordsCounted == expected)
            }
        }
        var tooLong = CSVParser.countingRecords(maxRecordBytes: 1024)
        _ = try tooLong.feed(Array("a,b\nfine,row\n".utf8))
        #expect(throws: CSVError(kind: .recordTooLarge(limit: 1024), row: 3, line: 3)) {
            for _ in 0..<100 { _ = try tooLong.feed(Array(("\"" + String(repeating: "x", count: 100)).utf8)) }
        }
        var unclosed = CSVParser.countingRecords()
        _ = try unclosed.feed(Array("a,b\n1,2\n3,\"never closed\nstill\n".utf8))
        #expect(throws: CSVError(kind: .unterminatedQuote, row: 3, line: 3)) { _ = try unclosed.finish() }
    }

    @Test("the async reader over a file gives the same records as the parser, across 64 KiB chunks")
    func fileReader() async throws {
        var text = "title,price\n"
        for index in 0..<5_000 { text += "\"Product, number \(index)\",\(index).99\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mm-csv-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(text.utf8.count > 2 * FileChunks.defaultChunkSize)

        var records: [CSVRecord] = []
        for try await record in CSVReader(path: path) { records.append(record) }
        #expect(records == (try parseAll(Array(text.utf8))))
        #expect(records.count == 5_001)
        #expect(records.last?.fields == ["Product, number 4999", "4999.99"])
        #expect(records.last?.row == 5_001)
        #expect(try await ProductImporter.countRows(CSVReader(path: path)) == 5_000)
    }
}

/// Every record of `bytes`, fed at once.
func parseAll(_ bytes: [UInt8], maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes) throws -> [CSVRecord] {
    var parser = CSVParser(maxRecordBytes: maxRecordBytes)
    var records = try parser.feed(bytes)
    if let last = try parser.finish() { records.append(last) }
    return records
}

/// The records of `bytes` fed in chunks of 1 to 7 bytes and all at once; the suites check
/// each result, so a chunk boundary anywhere is covered.
func parseInChunks(_ bytes: [UInt8]) throws -> [[CSVRecord]] {
    var results: [[CSVRecord]] = [try parseAll(bytes)]
    for size in 1...7 {
        var parser = CSVParser()
        var records: [CSVRecord] = []
        for start in stride(from: 0, to: bytes.count, by: size) {
            records += try parser.feed(ByteBuffer(bytes: bytes[start..<min(start + size, bytes.count)]))
        }
        if let last = try parser.finish() { records.append(last) }
        results.append(records)
    }
    return results
}
