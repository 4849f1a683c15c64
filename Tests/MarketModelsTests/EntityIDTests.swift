import Foundation
import Testing
@testable import MarketModels

@Suite("EntityID")
struct EntityIDTests {
    @Test("generated IDs have the kind's prefix and parse back")
    func generateAndParse() throws {
        let id = UserID.generate()
        #expect(id.rawValue.hasPrefix("usr_"))
        #expect(id.rawValue.count == 4 + 26)
        #expect(UserID(rawValue: id.rawValue) == id)
        #expect(OrderID.generate().rawValue.hasPrefix("ord_"))
    }

    @Test("JSON is a plain string and round-trips")
    func jsonRoundTrip() throws {
        let id = ProductID.generate()
        let text = try jsonString(id)
        #expect(text == "\"\(id.rawValue)\"")
        #expect(try decodeJSON(ProductID.self, text) == id)
    }

    @Test("malformed IDs are rejected", arguments: [
        "ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // another kind's prefix
        "USR_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // prefix in the wrong case
        "usr-01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // wrong separator
        "usr01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // no separator
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9A0", // 25 characters
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9A0BC", // 27 characters
        "usr_01jd3q0n6z8r4v5w6x7y8z9a0b", // lowercase
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9AOB", // O is not Crockford
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9AIB", // I
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9ALB", // L
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9AUB", // U
        "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9A0!", // punctuation
        "usr_81JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // more than 128 bits
        "usr_\u{301}1JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // combining mark after the separator
        " usr_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", // surrounding space
        "",
    ])
    func rejectsMalformed(raw: String) throws {
        #expect(UserID(rawValue: raw) == nil)
        let json = try String(decoding: JSONEncoder().encode(raw), as: UTF8.self)
        #expect {
            try decodeJSON(UserID.self, json)
        } throws: { error in
            guard case DecodingError.dataCorrupted = error else { return false }
            return true
        }
    }

    @Test("a non-string JSON value is a decoding error")
    func rejectsNonString() {
        #expect(throws: DecodingError.self) { try decodeJSON(UserID.self, "12") }
    }

    @Test("10,000 IDs generated in a loop sort in generation order")
    func generationOrder() {
        let ids = (0..<10_000).map { _ in OrderID.generate() }
        #expect(ids.sorted() == ids)
        #expect(ids.map(\.rawValue).sorted() == ids.map(\.rawValue), "string order must match too")
        #expect(Set(ids).count == ids.count)
    }

    @Test("concurrent generation gives unique IDs")
    func concurrentUniqueness() async {
        let ids = await withTaskGroup(of: [MessageID].self) { group in
            for _ in 0..<4 {
                group.addTask { (0..<2000).map { _ in MessageID.generate() } }
            }
            var all: [MessageID] = []
            for await batch in group { all += batch }
            return all
        }
        #expect(Set(ids).count == 8000)
    }

    @Test("createdAt is within a millisecond of the generation date")
    func createdAt() {
        for seconds in [0.0, 1_000_000_000.123, 1_790_000_000.9999, 2_000_000_000.5] {
            let date = Date(timeIntervalSince1970: seconds)
            let id = ShopID.generate(at: date)
            #expect(abs(id.createdAt.timeIntervalSince(date)) < 0.001)
            // The ID and a JSON timestamp of the same date agree to the millisecond.
            #expect(RFC3339.string(from: id.createdAt) == RFC3339.string(from: date))
        }
        let now = Date()
        #expect(abs(CartID.generate().createdAt.timeIntervalSince(now)) < 1)
    }

    @Test("IDs made from an earlier date sort first")
    func orderAcrossTime() {
        let early = UserID.generate(at: Date(timeIntervalSince1970: 1_700_000_000))
        let late = UserID.generate(at: Date(timeIntervalSince1970: 1_700_000_000.001))
        #expect(early < late)
    }

    @Test("prefixes are unique three-letter lowercase words")
    func prefixes() {
        #expect(Set(IDKind.allPrefixes).count == IDKind.allPrefixes.count)
        #expect(IDKind.allPrefixes.count == 21)
        for prefix in IDKind.allPrefixes {
            #expect(prefix.count == 3 && prefix.allSatisfy { $0.isASCII && $0.isLowercase })
        }
    }

    @Test("dictionaries keyed by ID encode as JSON objects")
    func dictionaryKeys() throws {
        let id = UserID.generate()
        let text = try jsonString([id: 3])
        #expect(text == "{\"\(id.rawValue)\":3}")
        #expect(try decodeJSON([UserID: Int].self, text) == [id: 3])
    }
}
