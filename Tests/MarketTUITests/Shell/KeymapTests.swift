import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// A user's `[keys]` table: the app moves with the keys it binds, and only those, and
/// the help overlay shows them.
@Suite("Shell: key rebinding", .tuiServer)
struct KeymapTests {
    static var downIsN: Keymap {
        var keymap = KeyBindings.defaults
        keymap.bind("down", to: [KeyChordSyntax.parse("n")!])
        return keymap
    }

    @Test("down bound to n: n moves, j does not, and help shows n", arguments: BuyerSizes.standard)
    func downOnN(width: Int, height: Int) async throws {
        let client = try await TUIFixtures.signedIn(DemoAccounts.buyer)
        let app = try await KeymapHarness(client: client, keymap: Self.downIsN, width: width, height: height)
        #expect(app.model.catalog.list.selected == 0)
        await app.press("j")
        #expect(app.model.catalog.list.selected == 0)
        await app.press("down")
        #expect(app.model.catalog.list.selected == 0)
        await app.press("n", "n")
        #expect(app.model.catalog.list.selected == 2)
        #expect(app.line(containing: "▸")?.contains(app.model.catalog.items[2].title) == true)
        // The other moves keep their defaults.
        await app.press("k")
        #expect(app.model.catalog.list.selected == 1)

        await app.press("?", "G")  // G: the moving keys are below the fold at 80x24
        // The overlay is drawn over the list: the keys are what stands between its left
        // border and the description.
        let row = try #require(app.line(containing: "Move down"))
        let beforeDescription = row.components(separatedBy: "Move down")[0]
        let keys = try #require(beforeDescription.split(separator: "│").last).trimmingCharacters(in: .whitespaces)
        #expect(keys == "n")
        #expect(app.line(containing: "Move up")?.contains("k/up") == true)
    }

    @Test("switch-mode bound to ctrl-r: the sign-in hint names it, and ctrl-n is just a key")
    func switchModeRebound() async throws {
        var keymap = KeyBindings.defaults
        keymap.bind("switch-mode", to: [KeyChordSyntax.parse("ctrl-r")!])
        let app = try await KeymapHarness(client: try TUIFixtures.client(), keymap: keymap)
        #expect(app.screen.contains("No account yet? ctrl-r creates one."))
        await app.press("ctrl-n")
        #expect(app.model.login?.mode == .login)
        await app.press("ctrl-r")
        #expect(app.model.login?.mode == .register)
        #expect(app.screen.contains("Have an account? ctrl-r signs in."))

        // Unbound: the hint points at the palette instead of a key that does nothing.
        keymap.bind("switch-mode", to: [])
        let unbound = try await KeymapHarness(client: try TUIFixtures.client(), keymap: keymap)
        #expect(unbound.screen.contains("No account yet? The command palette can create one."))
        await unbound.press("ctrl-p")
        #expect(unbound.screen.contains("Create an account instead"))
    }
}
