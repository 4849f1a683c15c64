import Foundation
import Testing
@testable import MarketModels

@Suite("JSON coding and RFC 3339 dates")
struct MarketJSONTests {
    private struct Stamped: Codable, Equatable {
        var at: Date
    }

    @Test("dates encode as UTC with milliseconds and round-trip exactly")
    func roundTrip() throws {
        let date = Date(timeIntervalSince1970: 1_795_225_177.123)
        let text = try jsonString(Stamped(at: date))
        #expect(text == #"{"at":"2026-11-21T01:39:37.123Z"}"#)
        #expect(try decodeJSON(Stamped.self, text).at == date)
    }

    @Test("whole seconds still get three fractional digits")
    func wholeSeconds() throws {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_795_225_177.9996)) == "2026-11-21T01:39:38.000Z")
    }

    @Test("many random millisecond dates survive a round trip")
    func randomRoundTrips() throws {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<2000 {
            let millis = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &rng)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let text = try #require(RFC3339.string(from: date))
            #expect(text.count == 24)
            #expect(RFC3339.date(from: text) == date, "\(text)")
        }
    }

    @Test("decoding accepts missing fractions, other precisions and any offset", arguments: [
        ("2026-11-21T01:39:37Z", 1_795_225_177.0),
        ("2026-11-21T01:39:37.5Z", 1_795_225_177.5),
        ("2026-11-21T01:39:37.123Z", 1_795_225_177.123),
        ("2026-11-21T01:39:37.123456Z", 1_795_225_177.123456),
        ("2026-11-21T01:39:37.123456789123Z", 1_795_225_177.123456789),
        ("2026-11-21t01:39:37z", 1_795_225_177.0),
        ("2026-11-21 01:39:37Z", 1_795_225_177.0),
        ("2026-11-21T02:39:37+01:00", 1_795_225_177.0),
        ("2026-11-20T20:09:37.123-05:30", 1_795_225_177.123),
        ("2026-11-21T01:39:37+00:00", 1_795_225_177.0),
        ("2016-12-31T23:59:60Z", 1_483_228_800.0), // leap second
    ])
    func decodesVariants(text: String, seconds: Double) throws {
        let date = try #require(RFC3339.date(from: text), "\(text)")
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6, "\(text)")
        #expect(try decodeJSON(Stamped.self, #"{"at":"\#(text)"}"#).at == date)
    }

    @Test("malformed timestamps are rejected", arguments: [
        "", "2026-11-21", "2026-11-21T01:39Z", "2026-11-21T01:39:37", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T01:60:00Z",
        "2026-11-21T01:39:37.Z", "2026-11-21T01:39:37+0100", "2026-11-21T01:39:37+01", "26-11-21T01:39:37Z",
        "2026-11-21T01:39:37Z ", "2026-11-21T01:39:37ZZ", "1795225177", "２０２６-11-21T01:39:37Z",
    ])
    func rejects(text: String) {
        #expect(RFC3339.date(from: text) == nil, "\(text)")
        #expect(throws: DecodingError.self) { try decodeJSON(Stamped.self, #"{"at":"\#(text)"}"#) }
    }

    @Test("numbers are not dates")
    func numbersAreNotDates() {
        #expect(throws: DecodingError.self) { try decodeJSON(Stamped.self, #"{"at":1795225177}"#) }
    }

    @Test("dates outside 0000...9999 cannot be encoded")
    func outOfRange() {
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 253_402_300_800)) == nil)
        #expect(throws: EncodingError.self) { try jsonString(Stamped(at: Date(timeIntervalSince1970: 1e13))) }
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: .nan)) == nil)
    }

    @Test("calendar arithmetic agrees with itself over a wide range")
    func calendar() {
        for days in stride(from: Int64(-800_000), through: 3_000_000, by: 997) {
            let (year, month, day) = RFC3339.civil(fromDays: days)
            #expect(RFC3339.daysFromCivil(year: year, month: month, day: day) == days)
            #expect((1...RFC3339.daysInMonth(year: year, month: month)).contains(day))
        }
    }

    @Test("slashes are not escaped")
    func slashes() throws {
        #expect(try jsonString(["url": "https://example.com/a/b"]) == #"{"url":"https://example.com/a/b"}"#)
    }

    @Test("encoding and decoding from many tasks at once is safe")
    func concurrentUse() async {
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let encoder = MarketJSON.makeEncoder()
                    let decoder = MarketJSON.makeDecoder()
                    for step in 0..<500 {
                        let date = Date(timeIntervalSince1970: Double(1_700_000_000_000 + task * 1000 + step) / 1000)
                        guard let data = try? encoder.encode(Stamped(at: date)),
                              let back = try? decoder.decode(Stamped.self, from: data),
                              back.at == date
                        else { return false }
                    }
                    return true
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(results)
    }
}
