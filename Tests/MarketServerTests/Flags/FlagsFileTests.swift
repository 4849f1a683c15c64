import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

@Suite("Feature flags: the watched flags file")
struct FlagsFileTests {
    static func write(_ text: String, to path: String) throws {
        // Written beside and renamed over, as editors and deploys do, so the watcher never
        // reads half a file; the test for a broken file writes a broken one on purpose.
        let temporary = path + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, path)
    }

    static func layout(_ value: String) -> String {
        #"{"flags": {"catalog-layout": {"type": "string", "default": "\#(value)", "enabled": true, "rules": []}}}"#
    }

    static func layout(_ client: any TestClientProtocol) async throws -> String {
        try await client.request(.get, "/api/v1/flags").decode(EvaluatedFlags.self).string("catalog-layout", default: "")
    }

    /// Polls GET /flags until `catalog-layout` has `value`; false when it did not within the limit.
    static func waitForLayout(_ value: String, _ client: any TestClientProtocol, within limit: Duration) async throws -> Bool {
        let start = ContinuousClock.now
        repeat {
            if try await layout(client) == value { return true }
            try await Task.sleep(for: .milliseconds(20))
        } while ContinuousClock.now - start < limit
        return false
    }

    @Test("edits apply within a second; a broken or missing file keeps the last good set", arguments: TestDatabase.enabled)
    func watched(database: TestDatabase) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mm-flags-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.write(Self.layout("list"), to: path)
        try await TestApp.run(database, configure: { $0.flagsFile = path }) { app, client in
            #expect(try await Self.layout(client) == "list", "loaded at start")
            let watcher = Task { await app.environment.flags.watch() }
            defer { watcher.cancel() }

            try Self.write(Self.layout("grid"), to: path)
            #expect(try await Self.waitForLayout("grid", client, within: .seconds(1)), "an edit applies within a second")

            try Self.write(#"{"flags": {"catalog-layout": {"type": "string", "default": "#, to: path)
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await Self.layout(client) == "grid", "broken JSON keeps the last set")

            try Self.write(#"{"flags": {"catalog-layout": {"type": "string", "default": 3}}}"#, to: path)
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await Self.layout(client) == "grid", "an invalid definition keeps the last set")

            try FileManager.default.removeItem(atPath: path)
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await Self.layout(client) == "grid", "a missing file keeps the last set")

            try Self.write(Self.layout("compact"), to: path)
            #expect(try await Self.waitForLayout("compact", client, within: .seconds(1)), "a fixed file applies again")
        }
    }

    @Test("on the same key the database definition wins; deleting it brings the file's back", arguments: TestDatabase.enabled)
    func databaseWins(database: TestDatabase) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mm-flags-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.write(Self.layout("list"), to: path)
        try await TestApp.run(database, configure: { $0.flagsFile = path }) { app, client in
            let admin = try await FeatureFlagTests.adminToken(app, client)
            #expect(try await client.request(.get, "/api/v1/admin/flags", token: admin).decode(FlagRecordList.self).flags.map(\.source) == ["file"])
            let override = FlagDefinition(type: .string, default: "grid")
            #expect(try await client.request(.put, "/api/v1/admin/flags/catalog-layout", json: override, token: admin).status == .ok)
            #expect(try await Self.layout(client) == "grid")
            // A file reload does not undo the admin's change.
            try Self.write(Self.layout("compact"), to: path)
            await app.environment.flags.reloadFile(force: true)
            #expect(try await Self.layout(client) == "grid")
            #expect(try await client.request(.get, "/api/v1/admin/flags", token: admin).decode(FlagRecordList.self).flags.map(\.source) == ["database"])
            #expect(try await client.request(.delete, "/api/v1/admin/flags/catalog-layout", token: admin).status == .noContent)
            #expect(try await Self.layout(client) == "compact")
        }
    }

    @Test("the flags file comes from the config file, MARKETMATE_FLAGS_FILE, then --flags-file")
    func configured() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-flags-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = (directory as NSString).appendingPathComponent("server.toml")
        try Data(#"flags_file = "/etc/marketmate/flags.json""#.utf8).write(to: URL(fileURLWithPath: config))
        let env = ["HOME": "/h", "MARKETMATE_CONFIG": config]
        #expect(try ConfigurationLoader.load(environment: env).flagsFile == "/etc/marketmate/flags.json")
        #expect(try ConfigurationLoader.load(environment: env.merging(["MARKETMATE_FLAGS_FILE": "/env.json"]) { $1 }).flagsFile == "/env.json")
        var overrides = ConfigurationOverrides()
        overrides.flagsFile = "/flag.json"
        #expect(try ConfigurationLoader.load(overrides: overrides, environment: env).flagsFile == "/flag.json")
        #expect(try ConfigurationLoader.load(environment: ["HOME": "/h"]).flagsFile == nil)
    }

    @Test("syntax and type errors name the place")
    func decodeProblems() {
        guard case .failure(let syntax) = FlagsFile.parse(Data("{".utf8)) else { Issue.record("parsed"); return }
        #expect(syntax.problems == ["not valid JSON"])
        guard case .failure(let type) = FlagsFile.parse(Data(#"{"flags": {"a": {"type": "boolean", "default": true, "rules": [{"value": true, "percentage": "ten"}]}}}"#.utf8)) else {
            Issue.record("parsed")
            return
        }
        #expect(type.problems == ["flags.a.rules[0].percentage: wrong type"])
    }

    @Test("the file's own problems are listed by flag and field")
    func parseProblems() {
        let text = #"{"flags": {"Bad Key": {"type": "boolean", "default": true}, "ok": {"type": "number", "default": 1, "rules": [{"percentage": -1, "value": "x"}]}}}"#
        guard case .failure(let error) = FlagsFile.parse(Data(text.utf8)) else { Issue.record("parsed"); return }
        #expect(error.problems.count == 3)
        #expect(error.problems[0].hasPrefix("flags.Bad Key: "))
        #expect(error.problems[1].hasPrefix("flags.ok.rules[0].value: "))
        #expect(error.problems[2].hasPrefix("flags.ok.rules[0].percentage: "))
    }
}
