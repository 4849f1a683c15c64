import Foundation
import Testing
@testable import MarketModels

/// The shared table in Tests/Fixtures/flag-cases.json; MarketServerTests runs the same
/// cases through the server's evaluate endpoint.
let flagCaseTableURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/flag-cases.json")

@Suite("Flag evaluation: the shared case table")
struct FlagCaseTableTests {
    let table: FlagCaseTable

    init() throws { table = try FlagCaseTable.load(from: flagCaseTableURL) }

    @Test("every case evaluates as the table says")
    func cases() {
        #expect(table.cases.count >= 30)
        for testCase in table.cases {
            guard let definition = table.flags[testCase.flag] else {
                Issue.record("\(testCase.name): no flag \(testCase.flag)")
                continue
            }
            let result = definition.evaluate(key: testCase.flag, context: testCase.context)
            #expect(result == testCase.expect, "\(testCase.name)")
        }
    }

    @Test("buckets match an independent murmur3 implementation")
    func buckets() {
        for entry in table.buckets {
            #expect(FlagBucket.bucket(flagKey: entry.flagKey, userId: entry.userId) == entry.bucket, "\(entry.flagKey):\(entry.userId)")
        }
    }

    @Test("murmur3 x86_32 published vectors")
    func murmurVectors() {
        #expect(FlagBucket.murmur3([]) == 0)
        #expect(FlagBucket.murmur3([], seed: 1) == 0x514E_28B7)
        #expect(FlagBucket.murmur3(Array("hello".utf8)) == 0x248B_FA47)
        #expect(FlagBucket.murmur3(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x2E4F_F723)
    }

    @Test("the table's definitions survive an encode and decode")
    func roundTrip() throws {
        let data = try MarketJSON.encode(table.flags)
        #expect(try MarketJSON.decode([String: FlagDefinition].self, from: data) == table.flags)
    }

    @Test("evaluateAll evaluates every flag")
    func evaluateAll() {
        let all = table.flags.evaluateAll(context: FlagContext(userId: "usr_carol"))
        #expect(all.flags.count == table.flags.count)
        #expect(all.bool("new-checkout", default: false))
        #expect(all.string("catalog-layout", default: "x") == "list")
        #expect(all.number("max-cart-items", default: 0) == 50)
        #expect(all.bool("missing", default: true))
        #expect(all.bool("catalog-layout", default: true), "a flag of another type gives the fallback")
    }
}
