import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// Importing products from a CSV file through the My shops tab, against a server that
/// runs its job worker: the path field and its checks, the upload, the progress, the
/// result with the rows the server turned down.
@Suite("Vendor: CSV import", .tuiServerWithJobs)
struct ImportScreenTests {
    static let sizes = [(80, 24), (200, 60)]

    /// Five products, one with a price that is no number (row 4: the header is row 1).
    static let csv = """
        title,price,inventory,category,tags
        Oat mug,12.50,4,kitchen/mugs,mug|oat
        Ash bowl,18.00,2,kitchen/bowls,bowl
        Broken jug,twelve,1,,
        Tall vase,30.00,1,home/vases,vase
        Linen tote,22.00,5,,bag

        """

    /// The screen's text as one line of words, so a sentence wrapped over rows reads whole.
    static func words(_ app: AppHarness) -> String {
        app.lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " │")) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// A file of the test's own in a fresh temporary directory.
    static func file(_ text: String, name: String = "products.csv") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("i on a shop, a path, enter: the bar fills to the last row, the counts and the bad row are listed", arguments: sizes)
    func importThroughTheScreen(width: Int, height: Int) async throws {
        let (client, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Import Yard")
        let csv = try Self.file(Self.csv)
        let app = try await AppHarness.start(client: client, width: width, height: height)
        await app.press("2")
        #expect(app.screen.contains("i import"))
        await app.press("i")
        let choosing = app.snapshot("vendor-import-choose-\(width)x\(height)")
        #expect(app.model.vendor.importer?.isChoosing == true)
        #expect(choosing.contains("Import products into Import Yard"))
        #expect(app.line(containing: "File")?.contains("~/products.csv") == true)
        #expect(choosing.contains("title and price are required"))
        #expect(choosing.contains("enter or ctrl-o uploads · esc closes"))
        // Letters are the path's, not commands.
        await app.type(csv.path)
        #expect(app.model.vendor.importer?.path.text == csv.path)
        #expect(app.model.tab == .shops)

        // Enter uploads; the app then follows the job until it is done (settling waits for
        // the last status request).
        await app.press("enter")
        let done = app.snapshot("vendor-import-done-\(width)x\(height)")
        let status = try #require(app.model.vendor.importer?.status)
        #expect(status.state == .done)
        #expect(status.progress.done == status.progress.total)
        let bar = try #require(app.line(containing: "rows"))
        #expect(bar.contains("\(status.progress.done)/\(status.progress.done) rows"))
        #expect(bar.trimmingCharacters(in: .whitespaces).hasPrefix("████"))
        #expect(!bar.contains("  \(status.progress.done)/"), "the bar is full")
        #expect(done.contains("Imported into Import Yard: 4 created, 0 updated, 1 rejected."))
        #expect(done.contains("Rows not imported (1)"))
        let row = try #require(app.line(containing: "Row 4"))
        #expect(row.contains("price"))
        // The selected row's message in full, below the list.
        let message = try #require(status.errors.first?.message)
        #expect(Self.words(app).contains("Row 4: \(message)"))
        #expect(done.contains("i imports another file · esc closes"))
        #expect(app.line(containing: "Import products into Import Yard")?.hasSuffix("done") == true)

        // Closing goes back to the shops; the shop now has the four good products.
        await app.press("esc")
        #expect(app.model.vendor.importer == nil)
        await app.press("enter")
        #expect(app.model.vendor.products?.products.map(\.title).sorted() == ["Ash bowl", "Linen tote", "Oat mug", "Tall vase"])
        let saved = try await client.products(ProductQuery(shopId: shop.id))
        #expect(saved.items.count == 4)

        // From the products level the key opens it too, with the last path offered again.
        await app.press("i")
        #expect(app.model.vendor.importer?.path.text == csv.path)
    }

    @Test("the path is checked before anything is sent: empty, missing, a folder, ~ expanded")
    func pathProblems() async throws {
        let (client, _, _) = try await TUIFixtures.vendorWithShop(shopName: "Path Place")
        let app = try await AppHarness.start(client: client)
        await app.press("2", "i", "enter")
        #expect(app.line(containing: "Type the path of a CSV file, such as ~/products.csv.") != nil)
        #expect(app.model.vendor.importer?.isChoosing == true)

        await app.type("/nonexistent/mm/products.csv")
        #expect(app.line(containing: "Type the path") == nil, "typing clears the problem")
        await app.press("enter")
        let missing = app.snapshot("vendor-import-missing-80x24")
        #expect(missing.contains("There is no file at /nonexistent/mm/products.csv."))
        // The path stays, to be corrected.
        #expect(app.model.vendor.importer?.path.text == "/nonexistent/mm/products.csv")

        let folder = try Self.file("x").deletingLastPathComponent()
        await app.press("ctrl-u")
        await app.type(folder.path)
        await app.press("enter")
        #expect(Self.words(app).contains("\(folder.path) is a folder; name a CSV file in it."))

        await app.press("ctrl-u")
        await app.type("~")
        await app.press("enter")
        #expect(app.screen.contains("~ is a folder; name a CSV file in it."))

        let empty = try Self.file("")
        await app.press("ctrl-u")
        await app.type(empty.path)
        await app.press("enter")
        #expect(Self.words(app).contains("\(empty.path) is empty."))

        await app.press("esc")
        #expect(app.model.vendor.importer == nil)
        #expect(app.screen.contains("Path Place"))
    }

    @Test("many rejected rows scroll; the selected one is shown in full below the list")
    func manyRowErrors() async throws {
        let (client, _, _) = try await TUIFixtures.vendorWithShop(shopName: "Error Emporium")
        let rows = (1...30).map { "Item \($0),\($0 % 3 == 0 ? "1.00" : "free")" }
        let csv = try Self.file("title,price\n" + rows.joined(separator: "\n") + "\n")
        let app = try await AppHarness.start(client: client)
        await app.press("2", "i")
        await app.type(csv.path)
        await app.press("enter")
        let status = try #require(app.model.vendor.importer?.status)
        #expect(status.result?.created == 10)
        #expect(status.errors.count == 20)
        #expect(app.screen.contains("Rows not imported (20)"))
        #expect(app.line(containing: "▸ Row 2 ") != nil)
        await app.press("G")
        let bottom = app.snapshot("vendor-import-row-errors-80x24")
        let last = try #require(status.errors.last)
        #expect(app.line(containing: "▸ Row \(last.row) ") != nil)
        #expect(!bottom.contains("▸ Row 2 "))
        #expect(Self.words(app).contains("Row \(last.row): \(last.message)"))
        await app.press("g")
        #expect(app.line(containing: "▸ Row 2 ") != nil)
    }

    @Test("a file the server cannot use at all ends with its failure sentence")
    func failedImport() async throws {
        let (client, _, _) = try await TUIFixtures.vendorWithShop(shopName: "Wrong Columns")
        let csv = try Self.file("name,cost\nMug,1.00\n")
        let app = try await AppHarness.start(client: client, width: 120, height: 40)
        await app.press("2", "i")
        await app.type(csv.path)
        await app.press("enter")
        let screen = app.snapshot("vendor-import-failed-120x40")
        let status = try #require(app.model.vendor.importer?.status)
        #expect(status.state == .failed)
        let failure = try #require(status.failure)
        // The whole sentence, wrapped: it names the columns, which makes it long.
        #expect(Self.words(app).contains("✗ The import into Wrong Columns failed: \(failure)"))
        #expect(app.line(containing: "Import products into Wrong Columns")?.hasSuffix("failed") == true)
        #expect(!screen.contains("Rows not imported"))
        #expect(!screen.contains("rows"), "no progress bar for a file that imported nothing")
    }

    @Test("the palette opens the import for the selected shop")
    func fromThePalette() async throws {
        let (client, _, _) = try await TUIFixtures.vendorWithShop(shopName: "Palette Pots")
        let app = try await AppHarness.start(client: client)
        await app.press("2", ":")
        await app.type("import")
        guard case .palette(let palette) = app.model.overlay else {
            Issue.record("no palette")
            return
        }
        #expect(palette.selectedEntry?.title == "Import products into Palette Pots from a CSV file")
        #expect(app.line(containing: "Import products into Palette Pots")?.contains(" i ") == true)
        await app.press("enter")
        #expect(app.model.vendor.importer?.shop.name == "Palette Pots")
        // While the path field has the keyboard, ctrl-p still reaches the palette, which
        // lists the import screen's own commands.
        await app.press("ctrl-p")
        await app.type("upload")
        guard case .palette(let commands) = app.model.overlay else {
            Issue.record("ctrl-p did not open the palette over the path field")
            return
        }
        #expect(commands.selectedEntry?.title == "Upload the file and import it")
        #expect(app.line(containing: "Upload the file and import it")?.contains("ctrl-o") == true)
        await app.press("esc")
        #expect(app.model.vendor.importer?.path.text == "")
    }

    @Test("polling stops when the import is closed or the tab is left, and resumes when the tab is back")
    func pollingFollowsTheScreen() throws {
        let env = TUIEnvironment(client: try TUIFixtures.client(), keymap: KeyBindings.defaults)
        let shop = ShopDTO.sample
        var model = VendorModel()
        model.ownerID = shop.ownerId
        model.importer = ImportModel(shop: shop, path: "/tmp/x.csv")
        model.importer?.phase = .running(JobID.generate(), status: nil)
        let generation = model.importer!.pollGeneration
        #expect(!VendorScreen.update(&model, .pollImport(generation: generation), env: env).isNone)

        _ = VendorScreen.update(&model, .disappear, env: env)
        #expect(model.importer?.isPaused == true)
        #expect(VendorScreen.update(&model, .pollImport(generation: generation), env: env).isNone)
        #expect(VendorScreen.update(&model, .pollImport(generation: model.importer!.pollGeneration), env: env).isNone)
        // Back on the tab: one status request at once.
        #expect(!VendorScreen.update(&model, .appear(ownerID: shop.ownerId), env: env).isNone)
        #expect(model.importer?.isPaused == false)

        _ = VendorScreen.update(&model, .back, env: env)
        #expect(model.importer == nil)
        #expect(VendorScreen.update(&model, .pollImport(generation: generation + 1), env: env).isNone)
    }

    @Test("status is asked for quickly while the job moves, less often while it waits")
    func pollBackoff() {
        var importer = ImportModel(shop: ShopDTO.sample, path: "")
        let id = JobID.generate()
        func status(_ state: UploadJobState, _ done: Int) -> UploadJobStatusDTO {
            UploadJobStatusDTO(id: id, state: state, progress: JobProgressDTO(done: done, total: 10), errors: [], createdAt: Date(), updatedAt: Date())
        }
        #expect(importer.nextPollDelay(after: nil, now: status(.uploaded, 0)) == 300)
        #expect(importer.nextPollDelay(after: status(.uploaded, 0), now: status(.uploaded, 0)) == 600)
        #expect(importer.nextPollDelay(after: status(.uploaded, 0), now: status(.uploaded, 0)) == 1200)
        #expect(importer.nextPollDelay(after: status(.uploaded, 0), now: status(.uploaded, 0)) == 2000)
        #expect(importer.nextPollDelay(after: status(.uploaded, 0), now: status(.uploaded, 0)) == 2000)
        #expect(importer.nextPollDelay(after: status(.uploaded, 0), now: status(.processing, 0)) == 300)
        #expect(importer.nextPollDelay(after: status(.processing, 0), now: status(.processing, 4)) == 300)
    }
}

extension ShopDTO {
    /// A shop value for tests that never send it anywhere.
    static var sample: ShopDTO {
        let now = Date()
        return ShopDTO(
            id: ShopID.generate(), slug: "sample", ownerId: UserID.generate(), name: "Sample Shop", description: "", currency: .usd,
            contactEmail: nil, status: .active, createdAt: now, updatedAt: now)
    }
}
