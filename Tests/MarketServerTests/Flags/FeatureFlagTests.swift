import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

@Suite("Feature flags: admin API and GET /flags")
struct FeatureFlagTests {
    /// An admin's bearer token on a fresh app.
    static func adminToken(_ app: TestApp, _ client: any TestClientProtocol) async throws -> String {
        _ = try await app.auth.provisionUser(email: "root@example.com", password: "admin password", name: "Root", role: .admin)
        return try await client.login("root@example.com", password: "admin password").accessToken
    }

    @Test("admins only: buyers and vendors get 403, strangers 401", arguments: TestDatabase.enabled)
    func adminOnly(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let buyer = try await client.register("buyer@example.com")
            let vendor = try await client.register("vendor@example.com", role: .vendor)
            let definition = FlagDefinition(type: .boolean, default: true)
            for token in [buyer.accessToken, vendor.accessToken] {
                #expect(try await client.request(.get, "/api/v1/admin/flags", token: token).status == .forbidden)
                #expect(try await client.request(.put, "/api/v1/admin/flags/x", json: definition, token: token).status == .forbidden)
                #expect(try await client.request(.delete, "/api/v1/admin/flags/x", token: token).status == .forbidden)
                let evaluate = try await client.request(.post, "/api/v1/admin/flags/x/evaluate", json: FlagEvaluationRequest(context: .init()), token: token)
                #expect(evaluate.status == .forbidden)
                #expect(try evaluate.errorBody.code == "forbidden")
            }
            #expect(try await client.request(.get, "/api/v1/admin/flags").status == .unauthorized)
        }
    }

    @Test("put, list, evaluate, GET /flags and delete apply at once and are published", arguments: TestDatabase.enabled)
    func lifecycle(database: TestDatabase) async throws {
        let bus = InProcessEventBus()
        let events = bus.subscribe()
        try await TestApp.run(database, overrides: { $0.eventBus = bus }) { app, client in
            let admin = try await Self.adminToken(app, client)
            let buyer = try await client.register("buyer@example.com")
            let definition = FlagDefinition(type: .string, default: "list", rules: [
                FlagRule(roles: ["buyer"], value: "grid"),
                FlagRule(environments: ["test"], percentage: 100, value: "compact"),
            ])
            let put = try await client.request(.put, "/api/v1/admin/flags/catalog-layout", json: definition, token: admin)
            #expect(put.status == .ok)
            #expect(try put.decode(FlagRecord.self) == FlagRecord(key: "catalog-layout", source: "database", definition: definition))

            let list = try await client.request(.get, "/api/v1/admin/flags", token: admin).decode(FlagRecordList.self)
            #expect(list.flags.map(\.key) == ["catalog-layout"])

            // The caller's own flags: buyers match the role rule, the admin the rollout (environment "test").
            let mine = try await client.request(.get, "/api/v1/flags", token: buyer.accessToken).decode(EvaluatedFlags.self)
            #expect(mine.flags["catalog-layout"] == FlagResult(value: "grid", variant: "rule-0", reason: .ruleMatch))
            let admins = try await client.request(.get, "/api/v1/flags", token: admin).decode(EvaluatedFlags.self)
            #expect(admins.flags["catalog-layout"] == FlagResult(value: "compact", variant: "rule-1", reason: .split))
            // Anonymous callers too: no user id, so outside every rollout.
            let anonymous = try await client.request(.get, "/api/v1/flags").decode(EvaluatedFlags.self)
            #expect(anonymous.flags["catalog-layout"] == FlagResult(value: "list", variant: "default", reason: .default))

            let evaluated = try await client.request(.post, "/api/v1/admin/flags/catalog-layout/evaluate",
                                                     json: FlagEvaluationRequest(context: FlagContext(userId: "usr_x", role: "vendor")), token: admin)
            #expect(try evaluated.decode(FlagResult.self) == FlagResult(value: "compact", variant: "rule-1", reason: .split))
            #expect(try await client.request(.post, "/api/v1/admin/flags/missing/evaluate", json: FlagEvaluationRequest(context: .init()), token: admin).status == .notFound)

            // Switched off: everyone gets the default, without a restart.
            var off = definition
            off.enabled = false
            #expect(try await client.request(.put, "/api/v1/admin/flags/catalog-layout", json: off, token: admin).status == .ok)
            let disabled = try await client.request(.get, "/api/v1/flags", token: buyer.accessToken).decode(EvaluatedFlags.self)
            #expect(disabled.flags["catalog-layout"]?.reason == .disabled)

            #expect(try await client.request(.delete, "/api/v1/admin/flags/catalog-layout", token: admin).status == .noContent)
            #expect(try await client.request(.delete, "/api/v1/admin/flags/catalog-layout", token: admin).status == .notFound)
            #expect(try await client.request(.get, "/api/v1/flags").decode(EvaluatedFlags.self).flags.isEmpty)

            var seen: [String] = []
            for await event in events where event.name == "flags.changed" {
                seen.append("\(event.entityID) \(event.attributes["op"] ?? "")")
                if seen.count == 3 { break }
            }
            #expect(seen == ["catalog-layout upsert", "catalog-layout upsert", "catalog-layout delete"])
        }
    }

    @Test("invalid definitions are 400 with the fields named", arguments: TestDatabase.enabled)
    func validation(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let admin = try await Self.adminToken(app, client)
            let bad = #"{"type": "boolean", "default": "yes", "rules": [{"percentage": 120, "value": true}, {"constraints": [{"attribute": "v", "operator": "regex", "values": ["x"]}], "value": false}]}"#
            let response = try await client.request(.put, "/api/v1/admin/flags/new-thing", raw: bad, token: admin)
            #expect(response.status == .badRequest)
            let error = try response.errorBody
            #expect(error.code == "validation_failed")
            #expect(error.details.map(\.field) == ["default", "rules[0].percentage", "rules[1].constraints[0].operator"])
            let badKey = try await client.request(.put, "/api/v1/admin/flags/Bad%20Key", json: FlagDefinition(type: .boolean, default: true), token: admin)
            #expect(try badKey.errorBody.details.first?.field == "key")
            let badType = try await client.request(.put, "/api/v1/admin/flags/k", raw: #"{"type": "colour", "default": 1}"#, token: admin)
            #expect(badType.status == .badRequest)
        }
    }

    @Test("the shared case table evaluates identically through the server", arguments: TestDatabase.enabled)
    func sharedTable(database: TestDatabase) async throws {
        let table = try FlagCaseTable.load(from: flagCaseTableURL)
        try await TestApp.run(database) { app, client in
            let admin = try await Self.adminToken(app, client)
            // The broken definitions of the table cannot go through PUT (it validates), so
            // they go straight into the store, as a row written by another build would.
            for (key, definition) in table.flags {
                try await FeatureFlagModel(key: key, definition: definition, updatedBy: "test", at: Date()).create(on: app.environment.database)
            }
            try await app.environment.flags.reloadDatabase()
            for testCase in table.cases {
                var context = testCase.context
                // The server fills in its own environment ("test") when none is given; the
                // table's cases without one mean "no environment", so name one nothing matches.
                if context.environment == nil { context.environment = "none" }
                let response = try await client.request(.post, "/api/v1/admin/flags/\(testCase.flag)/evaluate", json: FlagEvaluationRequest(context: context), token: admin)
                #expect(try response.decode(FlagResult.self) == testCase.expect, "\(testCase.name)")
            }
        }
    }
}

/// Tests/Fixtures/flag-cases.json, shared with MarketModelsTests.
let flagCaseTableURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/flag-cases.json")
