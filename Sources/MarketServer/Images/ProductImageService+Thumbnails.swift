import FluentKit
import Foundation
import MarketModels
import NIOPosix

/// The thumbnail job's side of the service: make the renditions, then settle the row.
extension ProductImageService {
    /// What one run made from an original.
    struct Renditions: Sendable {
        var width: Int
        var height: Int
        var sizes: [ImageSize]
        var contentType: String
        var preview: ImagePreviewDTO
    }

    /// Past this many pixels an image is refused rather than decoded: a 10 MB PNG can claim
    /// to be 50,000 pixels square.
    static let maxPixels = 100_000_000

    /// Decodes the original, writes the three sizes to the store and returns what it
    /// learned; nil when the original is not in the store. Throws `ImageCodec.Failure` when
    /// libvips cannot decode the file, which no retry will change.
    func makeRenditions(of imageID: String) async throws -> Renditions? {
        let format = ImageCodec.thumbnailFormat
        return try await store.withLocalFile(ImageSize.original.key(for: imageID)) { path in
            // libvips blocks its thread for the whole decode and resize: not on a task's.
            let made = try await NIOThreadPool.singleton.runIfActive { () -> (Int, Int, [(ImageSize, Data)], ImagePreviewDTO) in
                let (width, height) = try ImageCodec.dimensions(ofFile: path)
                guard width * height <= Self.maxPixels else {
                    throw ImageCodec.Failure(description: "\(width)x\(height) is more than \(Self.maxPixels) pixels")
                }
                // Every size is made even when the original is smaller (then it is the
                // original's size, re-encoded): clients can ask for any size they know of.
                let thumbnails = try ImageSize.thumbnails.map { size in
                    (size, try ImageCodec.thumbnail(ofFile: path, longestEdge: size.longestEdge!, format: format))
                }
                return (width, height, thumbnails, try ImageCodec.preview(ofFile: path))
            }
            for (size, data) in made.2 {
                try await store.put(size.key(for: imageID), data: data, contentType: format.contentType)
            }
            return Renditions(width: made.0, height: made.1, sizes: made.2.map(\.0), contentType: format.contentType, preview: made.3)
        }
    }

    enum Settled: Equatable { case updated, alreadySettled, gone }

    /// Marks the image ready with what was made. When the image was deleted meanwhile, the
    /// files just written are removed again (the delete may have run before they existed).
    @discardableResult
    func markReady(_ imageID: String, _ made: Renditions) async throws -> Settled {
        let outcome = try await settle(imageID) { image in
            image.state = ProductImageState.ready.rawValue
            image.width = made.width
            image.height = made.height
            image.sizes = made.sizes
            image.thumbnailContentType = made.contentType
            image.previewWidth = made.preview.width
            image.previewHeight = made.preview.height
            image.previewPixels = made.preview.pixels
            image.failure = nil
        }
        if outcome == .gone { await removeFiles(of: imageID, sizes: made.sizes) }
        return outcome
    }

    /// Marks the image failed; its original stays (the owner sees the state and deletes it).
    @discardableResult
    func markFailed(_ imageID: String, reason: String) async throws -> Settled {
        try await settle(imageID) { image in
            image.state = ProductImageState.failed.rawValue
            image.failure = String(reason.prefix(500))
        }
    }

    /// Applies `change` to a still-processing image under its product's lock, touching the
    /// product in the same transaction.
    private func settle(_ imageID: String, _ change: @escaping @Sendable (ProductImageModel) -> Void) async throws -> Settled {
        guard let productID = try await ProductImageModel.find(imageID, on: catalog.database())?.productID else { return .gone }
        let result = try await catalog.database().transaction { tx -> (Settled, String?) in
            // The product's lock first, as every image write takes it, so two writers never
            // wait on each other's locks in opposite orders.
            try await catalog.lock(table: ProductModel.schema, id: productID, on: tx)
            guard let image = try await ProductImageModel.find(imageID, on: tx) else { return (.gone, nil) }
            guard image.stateValue == .processing else { return (.alreadySettled, nil) }
            change(image)
            image.updatedAt = catalog.clock.now()
            try await image.update(on: tx)
            let product = try await touchProduct(productID, on: tx)
            return (.updated, product.map(ProductService.scope))
        }
        if result.0 == .updated, let scope = result.1 {
            await catalog.publish("product.images.updated", entity: "product", id: productID, scope: scope)
        }
        return result.0
    }
}
