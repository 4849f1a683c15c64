import FluentKit
import Foundation
import MarketModels

/// The renditions of an image, by the name the API uses in `/images/:id/:size`.
enum ImageSize: String, Sendable, CaseIterable {
    case original, small, medium, large

    /// The longest edge of a thumbnail in pixels; nil for the original.
    var longestEdge: Int? {
        switch self {
        case .original: nil
        case .small: 160
        case .medium: 480
        case .large: 1024
        }
    }

    static let thumbnails: [ImageSize] = [.small, .medium, .large]

    /// Where a rendition lives in the `ImageStore`: keys are made here only, from ids the
    /// server generated, never from request text.
    func key(for id: String) -> String { "\(id)/\(rawValue)" }

    /// The relative URL clients fetch it from.
    func url(for id: String) -> String { "/api/v1/images/\(id)/\(rawValue)" }
}

/// A `product_images` row.
final class ProductImageModel: Model, @unchecked Sendable {
    static let schema = "product_images"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "product_id") var productID: String
    @Field(key: "position") var position: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "byte_size") var byteSize: Int
    @OptionalField(key: "width") var width: Int?
    @OptionalField(key: "height") var height: Int?
    @Field(key: "state") var state: String
    @Field(key: "sizes") var sizesText: String
    @OptionalField(key: "thumbnail_content_type") var thumbnailContentType: String?
    @OptionalField(key: "preview_width") var previewWidth: Int?
    @OptionalField(key: "preview_height") var previewHeight: Int?
    @OptionalField(key: "preview_pixels") var previewPixels: String?
    /// Why the thumbnail job gave up, for operators (never shown to buyers).
    @OptionalField(key: "failure") var failure: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var stateValue: ProductImageState { ProductImageState(rawValue: state) ?? .processing }

    /// Thumbnail sizes made so far, in size order.
    var sizes: [ImageSize] {
        get {
            let made = Set(sizesText.split(separator: ",").compactMap { ImageSize(rawValue: String($0)) })
            return ImageSize.thumbnails.filter(made.contains)
        }
        set { sizesText = newValue.map(\.rawValue).joined(separator: ",") }
    }

    /// Whether `size` can be served now: the original always, a thumbnail once made.
    func has(_ size: ImageSize) -> Bool { size == .original || sizes.contains(size) }

    /// The content type a rendition is served with.
    func contentType(of size: ImageSize) -> String {
        size == .original ? contentType : (thumbnailContentType ?? "image/webp")
    }

    var dto: ProductImageDTO {
        let id = self.id!
        var preview: ImagePreviewDTO?
        if let width = previewWidth, let height = previewHeight, let pixels = previewPixels {
            preview = ImagePreviewDTO(width: width, height: height, pixels: pixels)
        }
        return ProductImageDTO(
            id: ImageID(rawValue: id)!, url: ImageSize.original.url(for: id),
            thumbnails: Dictionary(uniqueKeysWithValues: sizes.map { ($0.rawValue, $0.url(for: id)) }),
            state: stateValue, contentType: contentType, width: width, height: height, bytes: byteSize,
            preview: preview, createdAt: createdAt)
    }
}
