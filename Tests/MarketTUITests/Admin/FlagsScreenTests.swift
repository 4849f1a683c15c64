import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// `marketmate-admin`'s Flags tab: the rollout arithmetic on its own, then the screen
/// driven with keys against a real server. Each test works on flags of its own (unique
/// keys), since the suite's tests share one server.
@Suite("Admin: feature flags", .tuiServer)
struct FlagsScreenTests {
    static func uniqueKey(_ prefix: String) -> String { "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())" }

    /// The admin app on the Flags tab, with `key` selected.
    static func openFlags(selecting key: String, width: Int = 80, height: Int = 24) async throws -> AppHarness {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.admin, flavor: .admin, width: width, height: height)
        let tab = try #require(app.model.tabs.firstIndex(of: .flags))
        await app.press("\(tab + 1)")
        #expect(app.model.tab == .flags)
        let index = try #require(app.model.flagAdmin.records.firstIndex { $0.key == key }, "\(key) is listed")
        await app.press("g")
        for _ in 0..<index { await app.press("j") }
        #expect(app.model.flagAdmin.selectedRecord?.key == key)
        return app
    }

    @Test("rollout: label, parsing and setting")
    func rollout() throws {
        let rollout = FlagDefinition(type: .string, default: "list", rules: [
            FlagRule(roles: ["buyer"], value: "grid"), FlagRule(percentage: 12.5, value: "grid"), FlagRule(percentage: 50, value: "x"),
        ])
        #expect(FlagRollout.ruleIndex(rollout) == 1)
        #expect(FlagRollout.label(rollout) == "12.5 % +1")
        #expect(FlagRollout.label(FlagDefinition(type: .boolean, default: false)) == "—")
        #expect(FlagRollout.label(FlagDefinition(type: .boolean, default: false, rules: [FlagRule(percentage: 100, value: true)])) == "100 %")
        #expect(FlagRollout.format(0.25) == "0.25")
        #expect(FlagRollout.format(20.5) == "20.5")

        #expect(FlagRollout.parse("25") == .success(25))
        #expect(FlagRollout.parse(" 12.5 % ") == .success(12.5))
        #expect(FlagRollout.parse("0") == .success(0))
        #expect(FlagRollout.parse("100%") == .success(100))
        for bad in ["", "%", "abc", "1.2.3", "-5", "100.5", "1e2", "12.345"] {
            guard case .failure = FlagRollout.parse(bad) else {
                Issue.record("\(bad) should not parse")
                continue
            }
        }

        // The rollout rule's percentage changes and nothing else.
        let raised = try #require(FlagRollout.setting(40, in: rollout))
        #expect(raised.rules[1].percentage == 40)
        #expect(raised.rules[0] == rollout.rules[0] && raised.rules[2] == rollout.rules[2] && raised.default == rollout.default)
        // A boolean flag without one gets a rule serving the value that is not the default.
        let boolean = FlagDefinition(type: .boolean, default: true, rules: [FlagRule(roles: ["admin"], value: false)])
        let added = try #require(FlagRollout.setting(10, in: boolean))
        #expect(added.rules.count == 2)
        #expect(added.rules[1] == FlagRule(percentage: 10, value: false))
        #expect(FlagRules.definition(added).isEmpty)
        // A string flag without one has no value to roll out.
        #expect(FlagRollout.setting(10, in: FlagDefinition(type: .string, default: "a")) == nil)
    }

    @Test("rows and details strip control characters; the record keeps them")
    func sanitized() {
        var model = FlagsModel()
        let hostile = "\u{1B}]0;pwned\u{7}red\u{1B}[31m"
        model.records = [FlagRecord(key: "k\u{1B}[2J", source: "file\u{7}", definition: FlagDefinition(
            type: .string, default: .string(hostile), rules: [FlagRule(percentage: 5, value: .string(hostile))]))]
        model.table.setRowCount(1)
        let text = model.rows.flatMap { $0 } + FlagsView.details(model.records[0])
        for line in text {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(line.debugDescription)")
        }
        #expect(model.rows[0] == ["k", "string", "on", "1", "5 %", "file"], "whole escape sequences go, not just ESC")
        #expect(model.records[0].definition.default == .string(hostile))
    }

    @Test("the Flags tab lists the flags; space switches one off and on, on every server at once", arguments: [(80, 24), (200, 60)])
    func toggle(width: Int, height: Int) async throws {
        let admin = try await TUIFixtures.signedIn(DemoAccounts.admin)
        let key = Self.uniqueKey("tui-toggle")
        _ = try await admin.putFlag(key, FlagDefinition(type: .boolean, default: false, rules: [FlagRule(percentage: 30, value: true)]))
        let app = try await Self.openFlags(selecting: key, width: width, height: height)
        let screen = app.snapshot("admin-flags-\(width)x\(height)")
        #expect(screen.contains("Feature flags"))
        let header = try #require(app.line(containing: "Key"))
        for column in ["Type", "State", "Rules", "Rollout", "Source"] { #expect(header.contains(column)) }
        let row = try #require(app.line(containing: key))
        for cell in ["boolean", "on", "1", "30 %", "database"] { #expect(row.contains(cell), "\(cell) in \(row)") }
        // The demo's flag is there too.
        #expect(app.line(containing: "catalog-layout")?.contains("string") == true)
        #expect(screen.contains("Rollout: rule 1 serves true to 30 %"))

        await app.press("space")
        #expect(app.line(containing: key)?.contains("off") == true)
        #expect(app.screen.contains("is now off"))
        var stored = try #require(try await admin.adminFlags().flags.first { $0.key == key })
        #expect(stored.definition == FlagDefinition(type: .boolean, default: false, enabled: false, rules: [FlagRule(percentage: 30, value: true)]))
        await app.press("space")
        stored = try #require(try await admin.adminFlags().flags.first { $0.key == key })
        #expect(stored.definition.enabled)
        #expect(app.line(containing: key)?.contains(" on ") == true)
    }

    @Test("e edits the rollout percentage; a wrong one is explained and nothing is saved")
    func editRollout() async throws {
        let admin = try await TUIFixtures.signedIn(DemoAccounts.admin)
        let key = Self.uniqueKey("tui-rollout")
        let definition = FlagDefinition(type: .string, default: "list", rules: [
            FlagRule(roles: ["vendor"], value: "grid"), FlagRule(percentage: 0, value: "grid", variant: "rollout"),
        ])
        _ = try await admin.putFlag(key, definition)
        let app = try await Self.openFlags(selecting: key)

        await app.press("e")
        #expect(app.model.flagAdmin.editor?.field.text == "0")
        #expect(app.screen.contains("Percentage of signed-in users"))
        await app.press("backspace")
        await app.type("150")
        await app.press("enter")
        #expect(app.screen.contains("A percentage is between 0 and 100."))
        #expect(try await admin.adminFlags().flags.first { $0.key == key }?.definition == definition)
        // Letters are not taken at all.
        await app.press("backspace", "backspace", "backspace")
        await app.type("x25")
        #expect(app.model.flagAdmin.editor?.field.text == "25")
        await app.press("enter")
        #expect(app.model.flagAdmin.editor == nil)
        #expect(app.line(containing: key)?.contains("25 %") == true)
        #expect(app.screen.contains("rolls out to 25 %"))
        var expected = definition
        expected.rules[1].percentage = 25
        #expect(try await admin.adminFlags().flags.first { $0.key == key }?.definition == expected)

        // Esc closes without saving.
        await app.press("e")
        await app.type("9")
        await app.press("esc")
        #expect(app.model.flagAdmin.editor == nil)
        #expect(try await admin.adminFlags().flags.first { $0.key == key }?.definition == expected)
    }

    @Test("a boolean flag gets a rollout rule; a string flag without one is told how to add it")
    func noRolloutRule() async throws {
        let admin = try await TUIFixtures.signedIn(DemoAccounts.admin)
        let boolean = Self.uniqueKey("tui-bool"), string = Self.uniqueKey("tui-string")
        _ = try await admin.putFlag(boolean, FlagDefinition(type: .boolean, default: false))
        _ = try await admin.putFlag(string, FlagDefinition(type: .string, default: "a"))
        let app = try await Self.openFlags(selecting: boolean, width: 120, height: 40)
        #expect(app.screen.contains("No rollout yet: e adds one serving true"))
        await app.press("e")
        await app.type("10")
        await app.press("enter")
        #expect(try await admin.adminFlags().flags.first { $0.key == boolean }?.definition.rules == [FlagRule(percentage: 10, value: true)])

        let index = try #require(app.model.flagAdmin.records.firstIndex { $0.key == string })
        await app.press("g")
        for _ in 0..<index { await app.press("j") }
        await app.press("e")
        #expect(app.model.flagAdmin.editor == nil)
        #expect(app.screen.contains("No percentage rule to edit"))
    }

    @Test("shoppers have no Flags tab")
    func shopOnly() async throws {
        let app = try await AppHarness.start(signedInAs: DemoAccounts.buyer)
        #expect(!app.model.tabs.contains(.flags))
    }
}
