import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The first image of a product, drawn as colour half blocks beside its details. The
/// server makes previews in the background from real uploads; here a transport puts a
/// ready image with a preview into the server's answers, so the picture is known exactly.
@Suite("Buyer: product picture", .tuiServer)
struct ProductPictureTests {
    static let red = Color.rgb(0xdc, 0x28, 0x28), blue = Color.rgb(0x1e, 0x3c, 0xc8)

    /// 8x8: the top four rows red, the bottom four blue.
    static let preview = ImagePreviewDTO(width: 8, height: 8, pixels: String(repeating: "dc2828", count: 32) + String(repeating: "1e3cc8", count: 32))

    /// The image as JSON, inside a JSON body (what replaces `"images":[]`).
    static var imagesJSON: String {
        let image = ProductImageDTO(
            id: ImageID.generate(), url: "/media/mug.png", thumbnails: ["small": "/media/mug-small.png"], state: .ready,
            contentType: "image/png", width: 800, height: 800, bytes: 51_200, preview: preview, createdAt: Date())
        return "\"images\":[" + String(decoding: try! MarketJSON.encode(image), as: UTF8.self) + "]"
    }

    /// A buyer's app whose every product has the picture, opened on a product of its own.
    static func openProduct(width: Int, height: Int, colorDepth: ColorDepth = .truecolor) async throws -> (AppHarness, title: String) {
        let (vendor, _, shop) = try await TUIFixtures.vendorWithShop(shopName: "Picture Pots")
        let word = BuyerFixtures.uniqueWord()
        let title = "\(word) Red and Blue Mug"
        try await TUIFixtures.product(title, price: 2400, stock: 3, in: shop, client: vendor)
        let client = try BuyerFixtures.client(transport: RecordingTransport(replacing: [("\"images\":[]", imagesJSON)]))
        try await BuyerFixtures.buyer(on: client)
        let app = try await AppHarness.start(client: client, width: width, height: height, colorDepth: colorDepth)
        await ProductDetailTests.search(app, for: word)
        await app.press("enter")
        return (app, title)
    }

    @Test("the preview decodes once; a grid that does not add up is no picture")
    func decoding() throws {
        let grid = try #require(ProductPicture.grid(Self.preview))
        #expect(grid.width == 8 && grid.height == 8)
        #expect(grid[0, 0] == Self.red && grid[7, 3] == Self.red && grid[0, 4] == Self.blue)
        #expect(ProductPicture.grid(ImagePreviewDTO(width: 2, height: 1, pixels: "ffffff")) == nil)
        #expect(ProductPicture.grid(ImagePreviewDTO(width: 0, height: 0, pixels: "")) == nil)
        #expect(ProductPicture.grid(ImagePreviewDTO(width: 500, height: 500, pixels: "")) == nil)
        let odd = try #require(ProductPicture.grid(ImagePreviewDTO(width: 2, height: 1, pixels: "zz0000FF8000")))
        #expect(odd[0, 0] == nil && odd[1, 0] == .rgb(0xff, 0x80, 0x00))
    }

    @Test("at 80x24 and 200x60 the picture stands right of the details, red above blue", arguments: [(80, 24), (200, 60)])
    func picture(width: Int, height: Int) async throws {
        let (app, title) = try await Self.openProduct(width: width, height: height)
        let screen = app.snapshot("detail-picture-\(width)x\(height)")
        #expect(app.model.detail?.picture != nil)
        #expect(screen.contains(title))
        #expect(screen.contains("24.00 USD"))
        // A third of the width (at most 48 columns), square, flush with the right margin.
        let columns = min(48, (width - 2) / 3)
        let rows = columns / 2
        let frame = app.backend.lastFrame
        let blocks = (1...rows).map { app.lines[$0] }
        #expect(blocks.allSatisfy { $0.hasSuffix(String(repeating: "▀", count: columns)) })
        #expect(!app.lines[rows + 1].contains("▀"))
        let left = width - 1 - columns
        #expect(frame[left, 1].style == Style(foreground: Self.red, background: Self.red))
        #expect(frame[width - 2, rows].style == Style(foreground: Self.blue, background: Self.blue))
        // The details keep to the left of it.
        let titleLine = try #require(app.line(containing: title))
        #expect(titleLine.hasPrefix(" \(title)"))
        #expect(!screen.contains("\u{1B}"))
    }

    @Test("on 16 colours it uses the nearest of them; without colour there is no picture")
    func colourDepths() async throws {
        let (sixteen, _) = try await Self.openProduct(width: 80, height: 24, colorDepth: .ansi16)
        _ = sixteen.screen  // draw now
        #expect(sixteen.backend.lastFrame[53, 1].style == Style(foreground: .ansi(1), background: .ansi(1)))
        #expect(sixteen.backend.lastFrame[53, 13].style.foreground == .ansi(4))

        let (none, title) = try await Self.openProduct(width: 80, height: 24, colorDepth: .none)
        let screen = none.snapshot("detail-picture-no-colour-80x24")
        #expect(none.model.detail?.picture != nil)
        #expect(!screen.contains("▀"))
        #expect(screen.contains(title))
    }
}
