import Foundation
import Testing
import TerminalKit
@testable import MarketTUI

@Suite("Key bindings")
struct KeyBindingsTests {
    @Test("action ids are unique and every default chord parses")
    func defaultsParse() {
        #expect(Set(KeyBindings.ids).count == KeyBindings.ids.count)
        for action in KeyBindings.actions {
            #expect(KeyBindings.defaults.keys(for: action.id).count == action.keys.count, "\(action.id): \(action.keys)")
        }
    }

    @Test("vim keys and arrows by default")
    func vimAndArrows() {
        let keymap = KeyBindings.defaults
        #expect(keymap.keys(for: "down") == [.char("j"), KeyPress(.down)])
        #expect(keymap.keys(for: "up") == [.char("k"), KeyPress(.up)])
        #expect(keymap.keys(for: "top") == [.char("g"), KeyPress(.home)])
        #expect(keymap.keys(for: "bottom") == [.char("G"), KeyPress(.end)])
        #expect(keymap.keys(for: "palette") == [.char(":"), .ctrl("p")])
        #expect(keymap.keys(for: "prev-tab") == [KeyPress(.tab, .shift), .char("[")])
        #expect(keymap.keys(for: "quit") == [.char("q"), .ctrl("c")])
        #expect(keymap.keys(for: "logout") == [.char("o")])
        #expect(keymap.keys(for: "switch-mode") == [.ctrl("n")])
        #expect(keymap.label(for: "open") == "enter/l")
    }

    // A key may do two things only where no screen offers both; these are the pairs the
    // design allows (see KeyBindings): h and l (sideways moves vs back and open); enter (open
    // in lists, submit on the sign-in screen, which has no list, confirm in the checkout,
    // which has none either); c (the cart from anywhere, checkout once there); + and - (stock
    // in My shops, quantities in the cart). Anything else is an accidental clash.
    @Test("no two actions share a key except h, l, enter, c, + and -")
    func noClashes() {
        var actionsByKey: [KeyPress: [String]] = [:]
        for id in KeyBindings.ids {
            for press in KeyBindings.defaults.keys(for: id) { actionsByKey[press, default: []].append(id) }
        }
        let shared = actionsByKey.filter { $0.value.count > 1 }
        #expect(shared == [
            .char("h"): ["left", "back"], .char("l"): ["right", "open"], KeyPress(.enter): ["open", "confirm", "submit"],
            .char("c"): ["cart", "checkout"], .char("+"): ["quantity-up", "stock-up"], .char("-"): ["quantity-down", "stock-down"],
        ])
        #expect(KeyBindings.defaults.keys(for: "save") == [.ctrl("o"), KeyPress(.function(2))])
    }

    /// How marketmate-config(5) writes an action: a `.TP` paragraph tagged with the id,
    /// the default keys in bold on the next line, then the summary.
    static func manEntry(_ action: KeyBindings.Action) -> String {
        func roff(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\\-") }
        let keys: String
        switch action.keys.count {
        case 0: keys = "No key by default: use the command palette."
        case 1: keys = ".B " + roff(action.keys[0])
        default: keys = ".BR " + action.keys.map(roff).joined(separator: " \", \" ")
        }
        return ".TP\n.B \(roff(action.id))\n\(keys)\n.br\n\(action.summary).\n"
    }

    @Test("marketmate-config(5) lists every action with its default keys", arguments: KeyBindings.actions)
    func manPageInStep(action: KeyBindings.Action) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("man/marketmate-config.5"), encoding: .utf8)
        #expect(page.contains(Self.manEntry(action)), "expected in the man page:\n\(Self.manEntry(action))")
    }
}
