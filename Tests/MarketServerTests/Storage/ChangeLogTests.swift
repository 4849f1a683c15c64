import FluentKit
import Foundation
import MarketModels
import SQLKit
import Testing
@testable import MarketServer

@Suite("Change log and events")
struct ChangeLogTests {
    @Test("user writes land in the change log with increasing versions, in the same transaction", arguments: TestDatabase.enabled)
    func changeLog(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let log = ChangeLog(engine: app.environment.storage.engine, clock: app.clock)
            let db = app.environment.database
            let start = try await log.latestVersion(on: db)
            let a = try await client.register("log-a@example.com")
            let b = try await client.register("log-b@example.com")
            _ = try await client.request(.patch, "/api/v1/users/me", json: UpdateUserRequest(name: "Renamed", locale: nil), token: a.accessToken)
            let entries = try await log.entries(after: start, limit: 100, on: db)
            #expect(entries.map(\.entityID) == [a.user.id.rawValue, b.user.id.rawValue, a.user.id.rawValue])
            #expect(entries.allSatisfy { $0.entity == "user" && $0.op == "upsert" })
            #expect(entries.map(\.scope) == ["user:\(a.user.id)", "user:\(b.user.id)", "user:\(a.user.id)"])
            let versions = entries.map(\.version)
            #expect(versions == versions.sorted() && Set(versions).count == versions.count)

            // A failed write leaves no change entry behind.
            let before = try await log.latestVersion(on: db)
            #expect(try await client.request(.post, "/api/v1/auth/register", json: RegisterRequest(email: "LOG-A@example.com", password: "correct horse battery", name: "dup", role: nil)).status == .conflict)
            #expect(try await log.latestVersion(on: db) == before)

            // A rolled-back transaction takes its change entry with it.
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await db.transaction { tx in
                    try await log.record(entity: "user", id: "usr_x", op: .delete, on: tx)
                    throw Boom()
                }
            }
            #expect(try await log.latestVersion(on: db) == before)
            // Deletes are tombstones: the entry stays with op "delete".
            let version = try await db.transaction { tx in try await log.record(entity: "product", id: "prd_gone", op: .delete, scope: "public", on: tx) }
            let tombstone = try #require(try await log.entries(after: before, limit: 10, on: db).first)
            #expect(tombstone.version == version && tombstone.op == "delete" && tombstone.entityID == "prd_gone")
        }
    }

    @Test("concurrent writers get distinct, ordered versions", arguments: TestDatabase.enabled)
    func concurrentVersions(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, _ in
            let log = ChangeLog(engine: app.environment.storage.engine, clock: app.clock)
            let env = app.environment
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<40 {
                    group.addTask { try await env.database.transaction { tx in try await log.record(entity: "probe", id: "p\(i)", op: .upsert, on: tx) } }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(Set(versions).count == 40)
            let stored = try await log.entries(after: 0, limit: 100, on: env.database).map(\.version)
            #expect(stored == stored.sorted())
            #expect(Set(stored) == Set(versions))
        }
    }

    @Test("the event bus delivers events after the write commits")
    func events() async throws {
        let bus = InProcessEventBus()
        try await TestApp.run(.sqlite, overrides: { $0.eventBus = bus }) { _, client in
            let stream = bus.subscribe()
            let auth = try await client.register("events@example.com")
            _ = try await client.request(.patch, "/api/v1/users/me", json: UpdateUserRequest(name: "E", locale: nil), token: auth.accessToken)
            var names: [String] = []
            for await event in stream {
                #expect(event.entityID == auth.user.id.rawValue)
                names.append(event.name)
                if names.count == 2 { break }
            }
            #expect(names == ["user.registered", "user.updated"])
        }
        #expect(bus.subscriberCount == 0)
    }
}
