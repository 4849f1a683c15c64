import MarketModels
import TerminalKit

/// A product's first image as the terminal draws it: the server's tiny colour preview,
/// decoded once when the product arrives (not every frame), shown with half blocks.
enum ProductPicture {
    /// The preview is a thumbnail of a thumbnail; anything larger is not what the server
    /// means to send, and decoding it would be work for nothing (the text is untrusted).
    static let maxSide = 128

    /// The first image's picture, or nil while it has no preview (still processing, failed,
    /// or malformed: a grid that does not add up is not drawn at all rather than drawn wrong).
    static func grid(for product: ProductDTO) -> PixelGrid? {
        guard let preview = product.images.first?.preview else { return nil }
        return grid(preview)
    }

    static func grid(_ preview: ImagePreviewDTO) -> PixelGrid? {
        guard (1...maxSide).contains(preview.width), (1...maxSide).contains(preview.height) else { return nil }
        let count = preview.width * preview.height
        let digits = Array(preview.pixels.utf8)
        guard digits.count == count * 6 else { return nil }
        // One pass, six digits a pixel; a pixel that is not hex has no colour.
        let pixels = (0..<count).map { index -> Color? in
            let hex = String(decoding: digits[index * 6..<index * 6 + 6], as: UTF8.self)
            guard hex.utf8.allSatisfy(\.isHexDigit) else { return nil }
            return Color(name: "#" + hex)
        }
        return PixelGrid(width: preview.width, height: preview.height, pixels: pixels)
    }

    /// The columns the picture may take beside the details in an area `width` wide: a
    /// third, within reason.
    static func columns(forWidth width: Int) -> Int {
        min(48, max(12, width / 3))
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
