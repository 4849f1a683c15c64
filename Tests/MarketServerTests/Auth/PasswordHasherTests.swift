import Foundation
import Testing
@testable import MarketServer

@Suite("Password hashing")
struct PasswordHasherTests {
    @Test("production parameters are argon2id m=19 MiB, t=2, p=1, salted")
    func production() async throws {
        let hasher = try PasswordHasher(parameters: .production, concurrency: 1)
        let a = try await hasher.hash("correct horse battery")
        let b = try await hasher.hash("correct horse battery")
        #expect(a.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(a != b)  // salted
        #expect(await hasher.verify("correct horse battery", against: a))
        #expect(!(await hasher.verify("correct horse batterY", against: a)))
        #expect(!(await hasher.verify("anything", against: "not-a-hash")))
        await hasher.shutdown()
    }

    @Test("Unicode forms of one password match")
    func unicodeForms() async throws {
        let hasher = try PasswordHasher(parameters: .init(memoryKiB: 1024, iterations: 1), concurrency: 1)
        let hash = try await hasher.hash("caf\u{E9} au lait")
        #expect(await hasher.verify("cafe\u{301} au lait", against: hash))
        await hasher.shutdown()
    }

    @Test("many hashes at once finish, bounded by the pool")
    func flood() async throws {
        let hasher = try PasswordHasher(parameters: .init(memoryKiB: 4096, iterations: 1), concurrency: 2)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for i in 0..<16 {
                group.addTask {
                    let hash = try await hasher.hash("password \(i)")
                    return await hasher.verify("password \(i)", against: hash)
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 })
        await hasher.shutdown()
    }
}
