import Foundation

/// The format of the shared table of evaluation cases (`Tests/Fixtures/flag-cases.json`).
/// Kept in the library, not in one test target, because the model tests evaluate it in
/// process and the server tests through the admin API: one decoder for both, so they
/// provably check the same cases.
public struct FlagCaseTable: Codable, Sendable {
    public struct Bucket: Codable, Sendable {
        public var flagKey: String
        public var userId: String
        public var bucket: Int
    }

    public struct Case: Codable, Sendable {
        public var name: String
        public var flag: String
        public var context: FlagContext
        public var expect: FlagResult
    }

    public var buckets: [Bucket]
    public var flags: [String: FlagDefinition]
    public var cases: [Case]

    public static func load(from url: URL) throws -> FlagCaseTable {
        try JSONDecoder().decode(FlagCaseTable.self, from: Data(contentsOf: url))
    }
}
