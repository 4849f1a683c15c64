import FluentKit

/// Product images: one row per uploaded image. The bytes live in the `ImageStore`; the row
/// says what was uploaded, where the thumbnail job has got to and what it made.
struct M008CreateProductImages: AsyncMigration {
    var name: String { "M008CreateProductImages" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProductImageModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("product_id", .string, .required, .references(ProductModel.schema, "id"))
            .field("position", .int, .required)
            // Of the original, as sniffed from its bytes (never the client's word).
            .field("content_type", .string, .required)
            .field("byte_size", .int64, .required)
            // Known once the thumbnail job has read the image.
            .field("width", .int)
            .field("height", .int)
            .field("state", .string, .required)
            // Comma-separated size names made so far ("small,medium,large").
            .field("sizes", .string, .required)
            .field("thumbnail_content_type", .string)
            .field("preview_width", .int)
            .field("preview_height", .int)
            .field("preview_pixels", .string)
            .field("failure", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        // Detail and listings read a product's images in order; uploads take the next position
        // under the product's lock, and the unique index catches anything that slips past it.
        try await database.index(on: ProductImageModel.schema, name: "product_images_product_position_key",
                                 columns: ["product_id", "position"], unique: true)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProductImageModel.schema).delete()
    }
}
