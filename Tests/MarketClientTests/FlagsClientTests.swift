import Foundation
import MarketClient
import MarketModels
import Testing

@Suite("Flags client", .liveServer())
struct FlagsClientTests {
    @Test("GET /flags anonymously and signed in")
    func fetch() async throws {
        let test = try TestClient()
        let anonymous = try await test.client.flags(attributes: ["appVersion": "2.1.0"])
        #expect(anonymous.flags.values.allSatisfy { $0.reason != .split }, "no rollout includes an anonymous caller")
        let tag = UUID().uuidString.prefix(8).lowercased()
        try await test.client.register(RegisterRequest(email: "flags-\(tag)@example.com", password: "long enough password", name: "Flag Fan"))
        let mine = try await test.client.flags()
        #expect(mine.bool("no-such-flag", default: true))
    }
}
