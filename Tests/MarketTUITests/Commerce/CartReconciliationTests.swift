import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The cart's local edits against the server's answers (`CartBook` and `CartScreen`):
/// edits show at once; the newest edit wins whatever order answers come in; a late answer
/// never overwrites a newer edit or a newer answer; a refused edit goes back, with a toast.
@Suite("Cart reconciliation")
struct CartReconciliationTests {
    typealias F = CommerceFixtures

    static func book(_ lines: [CartItemDTO]) -> CartBook {
        var book = CartBook()
        book.loaded(F.cart(lines), sequence: book.nextSequence())
        return book
    }

    static func quantity(_ book: CartBook, _ id: CartItemID) -> Int? { book.visibleLines.first { $0.id == id }?.quantity }

    /// A book with `mugs` mugs and one bowl.
    static func mugAndBowl(mugs: Int = 1) -> (CartBook, mug: CartItemDTO, bowl: CartItemDTO) {
        let mug = F.line(title: "Oat mug", quantity: mugs, price: 1200)
        let bowl = F.line(title: "Ash bowl", quantity: 1, price: 1800)
        return (book([mug, bowl]), mug, bowl)
    }

    @Test("an edit shows at once; one edit per line is on the wire, the newest waiting edit goes next, and its answer settles the line")
    func newestEditWins() throws {
        let mug = F.line(title: "Oat mug", quantity: 1, price: 1200)
        var book = Self.book([mug])
        let firstSent = book.edit(mug.id, quantity: 2)
        let first = try #require(firstSent)
        #expect(Self.quantity(book, mug.id) == 2)
        #expect(book.itemCount == 2)
        // Two more presses while the first is on its way: shown at once, nothing sent yet.
        #expect(book.edit(mug.id, quantity: 3) == nil)
        #expect(book.edit(mug.id, quantity: 4) == nil)
        #expect(Self.quantity(book, mug.id) == 4)
        #expect(book.isSyncing)

        // The first answer (2) does not pull the line back: the newest edit (4) goes next.
        let nextSent = book.editAnswered(mug.id, sequence: first.sequence, cart: F.cart([mug], setting: mug.id, to: 2))
        let next = try #require(nextSent)
        #expect(next.quantity == 4)
        #expect(Self.quantity(book, mug.id) == 4)
        #expect(book.editAnswered(mug.id, sequence: next.sequence, cart: F.cart([mug], setting: mug.id, to: 4)) == nil)
        #expect(Self.quantity(book, mug.id) == 4)
        #expect(!book.isSyncing)
        #expect(book.wanted.isEmpty)
    }

    @Test("answers that overtake each other: a late answer about another line never undoes a newer one")
    func outOfOrderAnswers() throws {
        var (book, mug, bowl) = Self.mugAndBowl()
        let mugEditSent = book.edit(mug.id, quantity: 5)
        let mugEdit = try #require(mugEditSent)
        let bowlEditSent = book.edit(bowl.id, quantity: 3)
        let bowlEdit = try #require(bowlEditSent)
        // The bowl's answer comes first and already has the mug at 5.
        let both = F.cart(F.cart([mug, bowl], setting: mug.id, to: 5).items, setting: bowl.id, to: 3)
        _ = book.editAnswered(bowl.id, sequence: bowlEdit.sequence, cart: both)
        #expect(Self.quantity(book, bowl.id) == 3)
        // The mug's answer was sent before the bowl's edit: its bowl (1) is older and ignored.
        _ = book.editAnswered(mug.id, sequence: mugEdit.sequence, cart: F.cart([mug, bowl], setting: mug.id, to: 5))
        #expect(Self.quantity(book, mug.id) == 5)
        #expect(Self.quantity(book, bowl.id) == 3)
        #expect(book.itemCount == 8)

        // A reload sent before both answers arrived last: it changes neither line.
        var late = Self.book([mug, bowl])
        let reload = late.nextSequence()
        let editSent = late.edit(mug.id, quantity: 7)
        let edit = try #require(editSent)
        _ = late.editAnswered(mug.id, sequence: edit.sequence, cart: F.cart([mug, bowl], setting: mug.id, to: 7))
        late.loaded(F.cart([mug, bowl]), sequence: reload)
        #expect(Self.quantity(late, mug.id) == 7)
    }

    @Test("a reload that answers while an edit is on its way leaves the edited line alone; the edit's own answer settles it")
    func reloadDuringEdit() throws {
        let mug = F.line(title: "Oat mug", quantity: 1, price: 1200)
        let bowl = F.line(title: "Ash bowl", quantity: 1, price: 1800)
        var book = Self.book([mug])
        let editSent = book.edit(mug.id, quantity: 2)
        let edit = try #require(editSent)
        // Someone added a bowl in another window; the reload (newer than the edit) still has the mug at 1.
        book.loaded(F.cart([mug, bowl]), sequence: book.nextSequence())
        #expect(Self.quantity(book, mug.id) == 2)
        #expect(Self.quantity(book, bowl.id) == 1)
        _ = book.editAnswered(mug.id, sequence: edit.sequence, cart: F.cart([mug, bowl], setting: mug.id, to: 2))
        #expect(Self.quantity(book, mug.id) == 2)
        #expect(book.lines.count == 2)
    }

    @Test("a refused edit puts the line back where the server has it, later edits of it too")
    func refusedEditReverts() throws {
        let mug = F.line(title: "Oat mug", quantity: 2, price: 1200, available: 2)
        var book = Self.book([mug])
        let editSent = book.edit(mug.id, quantity: 3)
        let edit = try #require(editSent)
        #expect(book.edit(mug.id, quantity: 4) == nil)
        book.editFailed(mug.id, sequence: edit.sequence)
        #expect(Self.quantity(book, mug.id) == 2)
        #expect(!book.isSyncing)
        // The next edit goes out at once.
        #expect(book.edit(mug.id, quantity: 1) != nil)
    }

    @Test("removing hides the line at once; the answer without it removes it for good")
    func removal() throws {
        var (book, mug, bowl) = Self.mugAndBowl(mugs: 2)
        let editSent = book.edit(mug.id, quantity: 0)
        let edit = try #require(editSent)
        #expect(book.visibleLines.map(\.id) == [bowl.id])
        #expect(book.itemCount == 1)
        _ = book.editAnswered(mug.id, sequence: edit.sequence, cart: F.cart([bowl]))
        #expect(book.lines.map(\.id) == [bowl.id])
        #expect(book.wanted.isEmpty)
    }

    @Test("adds count in the header at once and come back as lines")
    func adds() {
        let mug = F.line(title: "Oat mug", quantity: 1, price: 1200)
        var book = Self.book([])
        let sequence = book.beginAdd(quantity: 1)
        #expect(book.itemCount == 1)
        book.addAnswered(quantity: 1, sequence: sequence, cart: F.cart([mug]))
        #expect(book.itemCount == 1)
        #expect(book.lines.map(\.id) == [mug.id])
        let failing = book.beginAdd(quantity: 1)
        #expect(book.itemCount == 2)
        book.addAnswered(quantity: 1, sequence: failing, cart: nil)
        #expect(book.itemCount == 1)
    }

    @Test("the screen: + sends a PATCH and shows it; a refusal reverts it, toasts and reloads")
    func screenRevertsWithToast() throws {
        let env = F.environment()
        let mug = F.line(title: "Oat mug", quantity: 2, price: 1200, available: 2)
        var model = CartModel()
        _ = CartScreen.update(&model, .loaded(sequence: model.book.nextSequence(), .success(F.cart([mug]))), env: env)
        #expect(model.headerText == "Cart 2 · 24.00 USD")
        let effect = CartScreen.update(&model, .changeQuantity(1), env: env)
        #expect(!effect.isNone)
        #expect(model.selectedLine?.quantity == 3)
        #expect(model.headerText == "Cart 3 · 36.00 USD")
        let sequence = try #require(model.book.inFlight[mug.id])

        let refused = F.serverError(.outOfStock, status: 409)
        let answer = CartScreen.update(&model, .edited(mug.id, sequence: sequence, .failure(refused)), env: env)
        #expect(model.selectedLine?.quantity == 2)
        #expect(model.headerText == "Cart 2 · 24.00 USD")
        #expect(!answer.isNone)  // the toast, the failure for the app, and a reload
        #expect(model.isLoading)
    }

    @Test("the line totals, each shop's subtotal and the whole follow the edits")
    func totals() {
        let env = F.environment()
        let mug = F.line(title: "Oat mug", quantity: 2, price: 1200)
        let lamp = F.line(title: "Desk lamp", quantity: 1, price: 4550, shop: F.shopB)
        var model = CartModel()
        _ = CartScreen.update(&model, .loaded(sequence: model.book.nextSequence(), .success(F.cart([mug, lamp]))), env: env)
        #expect(model.groups.map(\.name) == ["Shop A", "Shop B"])
        #expect(model.groups.map(\.subtotal.formatted) == ["24.00 USD", "45.50 USD"])
        _ = CartScreen.update(&model, .changeQuantity(1), env: env)
        #expect(model.groups.map(\.subtotal.formatted) == ["36.00 USD", "45.50 USD"])
        #expect(model.subtotal?.formatted == "81.50 USD")
        #expect(CartModel.lineTotal(model.rows[0]).formatted == "36.00 USD")
    }
}
