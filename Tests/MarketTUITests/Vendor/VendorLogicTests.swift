import Foundation
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The vendor screens' pure parts: reading prices and options, optimistic stock, and where
/// the server's field errors land in the editor.
@Suite("Vendor logic")
struct VendorLogicTests {
    @Test("prices are read with the currency's digits, and anything ambiguous is refused")
    func prices() {
        func read(_ text: String, _ currency: Currency) -> Int64? { try? PriceText.parse(text, currency: currency).get() }
        #expect(read("12.50", .usd) == 1250)
        #expect(read("12.5", .usd) == 1250)
        #expect(read("12", .usd) == 1200)
        #expect(read(".5", .usd) == 50)
        #expect(read(" 7.05 ", .eur) == 705)
        #expect(read("1200", .jpy) == 1200)
        #expect(read("1.234", Currency(code: "KWD")!) == 1234)
        #expect(read("12.345", .usd) == nil)
        #expect(read("12.5", .jpy) == nil)
        #expect(read("12,50", .eur) == nil)
        #expect(read("1,250.00", .usd) == nil)
        #expect(read("-3", .usd) == nil)
        #expect(read("", .usd) == nil)
        #expect(read("abc", .usd) == nil)
        #expect(read(".", .usd) == nil)
        #expect(read("99999999999999999999", .usd) == nil)
        #expect(PriceText.parse("12.345", currency: .usd) == .failure(PriceText.Problem("USD prices have at most 2 decimals.")))
        #expect(PriceText.parse("12,50", currency: .eur) == .failure(PriceText.Problem("Use a point for decimals and no thousands separators, as in 12.50.")))
        #expect(PriceText.format(1250, currency: .usd) == "12.50")
        #expect(PriceText.format(5, currency: .usd) == "0.05")
        #expect(PriceText.format(1200, currency: .jpy) == "1200")
    }

    @Test("options read as name=value pairs")
    func options() throws {
        #expect(try OptionsText.parse("size=M, colour=blue").get() == ["size": "M", "colour": "blue"])
        #expect(try OptionsText.parse(" size: M ,").get() == ["size": "M"])
        #expect(try OptionsText.parse("").get() == [:])
        #expect((try? OptionsText.parse("size M").get()) == nil)
        #expect((try? OptionsText.parse("size=M, size=L").get()) == nil)
        #expect((try? OptionsText.parse("=M").get()) == nil)
        #expect(OptionsText.format(["size": "M", "colour": "blue"]) == "colour=blue, size=M")
    }

    @Test("stock: the newest server answer wins, whatever order the answers come back in")
    func stockOrder() {
        let key = StockKey(productID: ProductID(rawValue: "prd_01JABCDEFGHJKMNPQRSTVWXYZ0")!)
        let t0 = Date(timeIntervalSince1970: 1_000)
        var book = StockBook()
        let first = book.begin(key, delta: 1)
        let second = book.begin(key, delta: 1)
        #expect(book.display(key, loaded: 5) == 7)
        // The server ran the second request first: its answer (6) is older than the first's (7).
        let secondIsNewest = book.answered(key, sequence: second, value: 6, updatedAt: t0)
        #expect(secondIsNewest)
        #expect(book.display(key, loaded: 5) == 6)  // the first is taken as already in it, for now
        let firstIsNewest = book.answered(key, sequence: first, value: 7, updatedAt: t0 + 1)
        #expect(firstIsNewest)
        #expect(book.display(key, loaded: 5) == 7)
        #expect(!book.hasPending)

        // An older answer arriving last does not undo a newer one.
        var late = StockBook()
        let a = late.begin(key, delta: 1), b = late.begin(key, delta: 1)
        late.answered(key, sequence: b, value: 12, updatedAt: t0 + 2)
        let olderIsNewest = late.answered(key, sequence: a, value: 11, updatedAt: t0 + 1)
        #expect(!olderIsNewest)
        #expect(late.display(key, loaded: 10) == 12)
    }

    @Test("stock: a refused change is taken back")
    func stockFailure() {
        let key = StockKey(productID: ProductID(rawValue: "prd_01JABCDEFGHJKMNPQRSTVWXYZ0")!)
        var book = StockBook()
        let up = book.begin(key, delta: 1)
        let down = book.begin(key, delta: -3)
        #expect(book.display(key, loaded: 2) == 0)
        book.failed(key, sequence: down)
        #expect(book.display(key, loaded: 2) == 3)
        book.answered(key, sequence: up, value: 3, updatedAt: Date())
        book.dropSettled()
        #expect(book.tracks.isEmpty)
    }

    @Test("server field names land beside the field or variant they are about")
    func errorPlaces() {
        #expect(ProductEditorModel.place("title") == .field("title"))
        #expect(ProductEditorModel.place("price.amount") == .field("price"))
        #expect(ProductEditorModel.place("price.currency") == .field("price"))
        #expect(ProductEditorModel.place("tags[3]") == .field("tags"))
        #expect(ProductEditorModel.place("inventoryCount") == .field("inventoryCount"))
        #expect(ProductEditorModel.place("variants[2].sku") == .variant(2, "sku"))
        #expect(ProductEditorModel.place("variants[0].price.amount") == .variant(0, "price"))
        #expect(ProductEditorModel.place("variants[1].inventoryCount") == .variant(1, "inventoryCount"))
        #expect(ProductEditorModel.place("variants") == .variants)
        #expect(ProductEditorModel.place("slug") == .nowhere)
    }

    @Test("applying server errors marks the variant and keeps every typed text")
    func applyErrors() {
        let shop = ShopDTO(
            id: ShopID(rawValue: "shp_01JABCDEFGHJKMNPQRSTVWXYZ0")!, slug: "s", ownerId: UserID(rawValue: "usr_01JABCDEFGHJKMNPQRSTVWXYZ0")!,
            name: "S", description: "", currency: .usd, contactEmail: nil, status: .active, createdAt: Date(), updatedAt: Date())
        var editor = ProductEditorModel(shop: shop, product: nil)
        editor.form.setValue("Mug", for: "title")
        for sku in ["A", "B", "C"] { editor.commitVariant(VariantDraft(sku: sku, stock: "1"), at: nil) }
        let before = editor.form.values
        let unplaced = editor.apply(["variants[2].sku": "Taken.", "price.amount": "Too much.", "slug": "Odd."])
        #expect(unplaced == ["Odd."])
        #expect(editor.form.errors["price"] == "Too much.")
        #expect(editor.variants[2].errors["sku"] == "Taken.")
        #expect(editor.variants[0].errors.isEmpty)
        #expect(editor.form.values == before)
        #expect(editor.variants.map(\.sku) == ["A", "B", "C"])
        // Removing the variant above keeps the message with its variant.
        editor.removeVariant(at: 0)
        #expect(editor.variants[1].errors["sku"] == "Taken.")
    }

    @Test("an edit sends only what changed")
    func patchOnlyChanges() throws {
        let shop = ShopDTO(
            id: ShopID(rawValue: "shp_01JABCDEFGHJKMNPQRSTVWXYZ0")!, slug: "s", ownerId: UserID(rawValue: "usr_01JABCDEFGHJKMNPQRSTVWXYZ0")!,
            name: "S", description: "", currency: .usd, contactEmail: nil, status: .active, createdAt: Date(), updatedAt: Date())
        let product = ProductDTO(
            id: ProductID(rawValue: "prd_01JABCDEFGHJKMNPQRSTVWXYZ0")!, shopId: shop.id, shop: shop.summary, title: "Mug",
            description: "Line one\nLine two", price: Money(amount: 1250, currency: .usd), status: .active, category: "kitchen/mugs",
            tags: ["mug"], inventoryCount: 4, variants: [], images: [], createdAt: Date(), updatedAt: Date())
        var editor = ProductEditorModel(shop: shop, product: product)
        #expect(!editor.isDirty)
        #expect(editor.validatedRequest().map { if case .unchanged = $0 { true } else { false } } == true)
        editor.form.setValue("13", for: "price")
        guard case .update(_, let patch)? = editor.validatedRequest() else {
            Issue.record("expected an update")
            return
        }
        // The two-line description was not touched, so it is not flattened onto the server.
        #expect(patch == UpdateProductRequest(price: Money(amount: 1300, currency: .usd)))
    }
}
