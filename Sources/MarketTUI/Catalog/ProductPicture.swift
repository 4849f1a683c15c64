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
        // One pass; a pixel that is not hex has no colour.
        guard let colors = preview.colors() else { return nil }
        let pixels = colors.map { $0.map { Color.rgb($0.r, $0.g, $0.b) } }
        return PixelGrid(width: preview.width, height: preview.height, pixels: pixels)
    }

    /// The columns the picture may take beside the details in an area `width` wide: a
    /// third, within reason.
    static func columns(forWidth width: Int) -> Int {
        min(48, max(12, width / 3))
    }
}
