import FluentKit
import Foundation
import MarketModels
import NIOCore

/// Product images: upload, delete, and who may read which rendition. The bytes live in
/// the `ImageStore`, the rows in `product_images`. Every change to a product's images
/// touches the product row and writes its change-log entry in the same transaction, as
/// every product write does, so sync clients, cached listings and the product's ETag all
/// move on.
struct ProductImageService: Sendable {
    /// Enough for a gallery; a cap keeps a product page (and its thumbnail jobs) bounded.
    static let maxImagesPerProduct = 10

    let catalog: CatalogContext
    let products: ProductService
    let store: any ImageStore
    let jobs: JobQueue
    let upload: ImageUpload

    init(configuration: ServerConfiguration, catalog: CatalogServices, jobs: JobQueue,
         store: (any ImageStore)? = nil) {
        self.catalog = catalog.context
        products = catalog.products
        self.store = store ?? ImageStoreFactory.make(configuration: configuration)
        self.jobs = jobs
        upload = ImageUpload(spool: UploadSpool(dataDirectory: configuration.dataDirectory, limit: configuration.uploads.imageMaxBytes))
    }

    static let imageNotFound = AppError(.notFound, .notFound, "No such image.")

    // MARK: Upload and delete

    /// Stores an uploaded image and queues its thumbnails; the row and the job commit
    /// together, so there is never an image no job will finish, nor a job without its image.
    func upload<Body: AsyncSequence>(
        productID rawID: String, body: Body, contentType: String?, bodyLimit: Int, principal: Principal
    ) async throws -> ProductImageDTO where Body.Element == ByteBuffer {
        let (product, _) = try await products.findManageable(rawID, principal: principal)
        let productID = product.id!
        let boundary = try ImageUpload.boundary(contentType: contentType)
        // A full product is refused before a byte of the body is read (and again below,
        // under the lock, for uploads racing each other).
        try await checkRoom(productID, on: catalog.database())

        let now = catalog.clock.now()
        let id = ImageID.generate(at: now).rawValue
        let received = try await upload.receive(body, boundary: boundary, bodyLimit: bodyLimit, name: id)
        let original = ImageSize.original.key(for: id)
        do {
            try await store.put(original, movingFile: received.file.path, contentType: received.format.contentType)
        } catch {
            upload.spool.remove(received.file.path)
            throw error
        }
        do {
            let jobs = self.jobs
            let (image, scope) = try await catalog.database().transaction { tx -> (ProductImageModel, String) in
                guard let product = try await touchProduct(productID, on: tx) else { throw ProductService.notFound }
                try await checkRoom(productID, on: tx)
                let last = try await ProductImageModel.query(on: tx).filter(\.$productID == productID).max(\.$position)
                let image = ProductImageModel()
                image.id = id
                image.productID = productID
                image.position = (last ?? -1) + 1
                image.contentType = received.format.contentType
                image.byteSize = received.file.size
                image.state = ProductImageState.processing.rawValue
                image.sizes = []
                image.createdAt = now
                image.updatedAt = now
                try await image.create(on: tx)
                try await jobs.enqueue(
                    ThumbnailJobHandler.self, payload: .init(imageId: id),
                    options: JobOptions(uniqueKey: "\(ThumbnailJobHandler.type):\(id)"), on: tx)
                return (image, ProductService.scope(product))
            }
            await catalog.publish("product.images.updated", entity: "product", id: productID, scope: scope)
            return image.dto
        } catch {
            // The row never committed, so nothing refers to the stored original.
            try? await store.delete(original)
            throw error
        }
    }

    /// Removes an image, its row first (in the product's transaction), then its files.
    func delete(productID rawID: String, imageID: String, principal: Principal) async throws {
        let (product, _) = try await products.findManageable(rawID, principal: principal)
        let productID = product.id!
        let scope = try await catalog.database().transaction { tx -> String? in
            try await catalog.lock(table: ProductModel.schema, id: productID, on: tx)
            guard let image = try await ProductImageModel.query(on: tx)
                .filter(\.$id == imageID).filter(\.$productID == productID).first()
            else { return nil }
            try await image.delete(on: tx)
            guard let product = try await touchProduct(productID, on: tx) else { throw ProductService.notFound }
            return ProductService.scope(product)
        }
        guard let scope else { throw Self.imageNotFound }
        await removeFiles(of: imageID)
        await catalog.publish("product.images.updated", entity: "product", id: productID, scope: scope)
    }

    /// Every rendition of an image. A failure is logged, not thrown: the row is already
    /// gone, so a file left behind is unreachable litter, not a broken image.
    func removeFiles(of imageID: String, sizes: [ImageSize] = ImageSize.allCases) async {
        for size in sizes {
            do {
                try await store.delete(size.key(for: imageID))
            } catch {
                catalog.logger.warning("could not delete an image file", metadata: ["image": .string(imageID), "error": "\(error)"])
            }
        }
    }

    // MARK: Reading

    /// The image and rendition a `GET /images/:id/:size` names, if the caller may see the
    /// product and the rendition exists; 404 otherwise, whichever it is.
    func rendition(imageID: String, size rawSize: String, principal: Principal?) async throws -> (image: ProductImageModel, size: ImageSize, isPublic: Bool) {
        let db = catalog.readDatabase()
        guard ImageID(rawValue: imageID) != nil, let size = ImageSize(rawValue: rawSize),
              let image = try await ProductImageModel.find(imageID, on: db)
        else { throw Self.imageNotFound }
        let (product, shop) = try await products.load(image.productID, on: db)
        guard product.visible || CatalogAccess.canManage(shop: shop, principal: principal) else { throw Self.imageNotFound }
        guard image.has(size) else {
            throw AppError(.notFound, .notFound, "The \(size.rawValue) size of this image has not been made (yet).")
        }
        return (image, size, product.visible)
    }

    // MARK: Shared by the routes and the thumbnail job

    /// Locks the product row, moves its `updatedAt` and logs the change; nil when the
    /// product is gone (a deleted product gets no upsert entry: its tombstone stands).
    func touchProduct(_ productID: String, on tx: any Database) async throws -> ProductModel? {
        try await catalog.lock(table: ProductModel.schema, id: productID, on: tx)
        guard let product = try await ProductModel.find(productID, on: tx), product.deletedAt == nil else { return nil }
        product.updatedAt = catalog.clock.now()
        try await product.update(on: tx)
        try await catalog.changeLog.record(entity: "product", id: productID, op: .upsert, scope: ProductService.scope(product), on: tx)
        return product
    }

    private func checkRoom(_ productID: String, on db: any Database) async throws {
        let count = try await ProductImageModel.query(on: db).filter(\.$productID == productID).count()
        guard count < Self.maxImagesPerProduct else {
            throw AppError(.conflict, .conflict, "A product can have at most \(Self.maxImagesPerProduct) images; delete one first.",
                           details: [ErrorDetail(field: ImageUpload.fieldName, code: "too_many", message: "This product already has \(count) images.")])
        }
    }
}
