import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The thumbnail job and what it makes visible: sizes, preview, product detail, caching
/// headers, the change log, and deletes.
// One test at a time: each starts a server with its own PostgreSQL pool (and some a
// worker), and the whole test run shares one PostgreSQL's connection limit.
@Suite("Product images: thumbnails and serving", .serialized)
struct ProductImagesThumbnailTests {
    @Test("the job makes three sizes and a preview, and the product shows them", arguments: TestDatabase.enabled)
    func thumbnails(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let before = try await client.getProduct(scene.product.id)
            let uploaded = try await client.uploadImage(scene.product.id, try ImageFixtures.twoTone(width: 1600, height: 800, suffix: ".jpg"), as: scene.owner)
            let afterUpload = try await app.latestChange()

            try await app.withJobWorker {
                try await app.settled(uploaded.id, of: scene.product.id, client: client, owner: scene.owner)
            }
            let detail = try await client.getProduct(scene.product.id)
            #expect(detail.status == .ok)
            let image = try #require(try detail.decode(ProductDTO.self).images.first)
            #expect(image.state == .ready)
            #expect(image.width == 1600 && image.height == 800)
            #expect(image.thumbnails == [
                "small": "/api/v1/images/\(image.id)/small", "medium": "/api/v1/images/\(image.id)/medium",
                "large": "/api/v1/images/\(image.id)/large",
            ])
            // Longest edge 160 / 480 / 1024, aspect ratio kept.
            for (size, edge) in [("small", 160), ("medium", 480), ("large", 1024)] {
                let dimensions = try ImageCodec.dimensions(ofFile: app.imagePath(image.id, size))
                #expect(dimensions.width == edge && dimensions.height == edge / 2, "\(size): \(dimensions)")
            }

            // The preview: 32 x 16, red on the left, blue on the right.
            let preview = try #require(image.preview)
            #expect(preview.width == 32 && preview.height == 16)
            #expect(preview.pixels.utf8.count == preview.width * preview.height * 6)
            #expect(preview.pixels.allSatisfy { "0123456789abcdef".contains($0) })
            let left = try #require(preview.color(x: 2, y: 8))
            let right = try #require(preview.color(x: 29, y: 8))
            #expect(left.r > 200 && left.b < 60, "\(left)")
            #expect(right.b > 200 && right.r < 60, "\(right)")

            // The product changed twice more in the change log (upload, ready), and its ETag moved.
            #expect(try await app.latestChange() > afterUpload)
            let changes = try await app.changes(after: 0, entity: "product").filter { $0.entityID == scene.product.id.rawValue }
            #expect(changes.count >= 3)
            #expect(detail.headers[.eTag] != before.headers[.eTag])
            let job = try #require(try await app.environment.jobs.jobs(in: .completed, type: ThumbnailJobHandler.type).first)
            #expect(try job.decodePayload(as: ThumbnailJobHandler.Payload.self).imageId == image.id.rawValue)
        }
    }

    @Test("running the job again for a ready image changes nothing", arguments: TestDatabase.enabled)
    func idempotent(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let uploaded = try await client.uploadImage(scene.product.id, try ImageFixtures.twoTone(suffix: ".png"), as: scene.owner)
            let first = try await app.withWorkerSettled(uploaded.id, scene: scene, client: client)
            let small = try Data(contentsOf: URL(fileURLWithPath: app.imagePath(first.id, "small")))
            let version = try await app.latestChange()
            let etag = try await client.getProduct(scene.product.id).headers[.eTag]

            // As if the queue delivered it twice (a worker killed after the work, say).
            let jobs = app.environment.jobs
            try await jobs.enqueue(ThumbnailJobHandler.self, payload: .init(imageId: first.id.rawValue), on: app.environment.database)
            try await app.withJobWorker {
                try await eventually("the second run") { try await jobs.jobs(in: .completed, type: ThumbnailJobHandler.type).count == 2 }
            }
            #expect(try await app.latestChange() == version)
            #expect(try await client.getProduct(scene.product.id).headers[.eTag] == etag)
            #expect(try await client.productDetail(scene.product.id).images == [first])
            #expect(try Data(contentsOf: URL(fileURLWithPath: app.imagePath(first.id, "small"))) == small)

            // The renditions themselves come out the same when made again.
            let images = app.environment.images
            let again = try #require(try await images.makeRenditions(of: first.id.rawValue))
            #expect(again.preview == first.preview && again.width == first.width && again.sizes == [.small, .medium, .large])
            #expect(try Data(contentsOf: URL(fileURLWithPath: app.imagePath(first.id, "small"))) == small)
        }
    }

    @Test("an image smaller than a size is never enlarged; transparency becomes white in the preview", arguments: TestDatabase.enabled)
    func noUpscaling(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            var pixels = [UInt8](repeating: 0, count: 100 * 50 * 4)  // fully transparent
            for i in stride(from: 0, to: pixels.count, by: 4) where (i / 4) % 100 >= 50 {
                pixels[i + 1] = 255
                pixels[i + 3] = 255  // the right half opaque green
            }
            let png = try ImageCodec.encode(pixels: pixels, width: 100, height: 50, bands: 4, suffix: ".png")
            let uploaded = try await client.uploadImage(scene.product.id, png, as: scene.owner)
            let image = try await app.withWorkerSettled(uploaded.id, scene: scene, client: client)
            #expect(image.state == .ready && image.width == 100 && image.height == 50)
            for size in ["small", "medium", "large"] {
                let dimensions = try ImageCodec.dimensions(ofFile: app.imagePath(image.id, size))
                #expect(dimensions.width == 100 && dimensions.height == 50, "\(size)")
            }
            let preview = try #require(image.preview)
            #expect(preview.width == 32 && preview.height == 16)
            let left = try #require(preview.color(x: 3, y: 8))
            let right = try #require(preview.color(x: 28, y: 8))
            #expect(left.r > 240 && left.g > 240 && left.b > 240, "\(left)")
            #expect(right.g > 200 && right.r < 60 && right.b < 60, "\(right)")
        }
    }

    @Test("a file libvips cannot decode ends failed, its job dead, and the job is not retried", arguments: TestDatabase.enabled)
    func undecodable(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let uploaded = try await client.uploadImage(scene.product.id, ImageFixtures.brokenPNG, as: scene.owner)
            #expect(uploaded.contentType == "image/png")
            let image = try await app.withWorkerSettled(uploaded.id, scene: scene, client: client)
            #expect(image.state == .failed)
            #expect(image.thumbnails.isEmpty && image.preview == nil)
            let dead = try await app.environment.jobs.jobs(in: .dead, type: ThumbnailJobHandler.type)
            #expect(dead.count == 1 && dead.first?.attempts == 1)
            // The original can still be fetched (its owner may want to see what went wrong); thumbnails cannot.
            #expect(try await client.request(.get, "/api/v1/images/\(image.id)/original").status == .ok)
            #expect(try await client.request(.get, "/api/v1/images/\(image.id)/small").status == .notFound)
        }
    }

    @Test("renditions are served with their type, a year of public caching, ETag and 304", arguments: TestDatabase.enabled)
    func serving(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let png = try ImageFixtures.twoTone(suffix: ".png")
            let uploaded = try await client.uploadImage(scene.product.id, png, as: scene.owner)

            // Before the job: the original is there, the sizes are not.
            #expect(try await client.request(.get, "/api/v1/images/\(uploaded.id)/original").status == .ok)
            #expect(try await client.request(.get, "/api/v1/images/\(uploaded.id)/medium").status == .notFound)
            let image = try await app.withWorkerSettled(uploaded.id, scene: scene, client: client)

            let original = try await client.request(.get, image.url)
            #expect(original.status == .ok)
            #expect(original.headers[.contentType] == "image/png")
            #expect(Data(original.body.readableBytesView) == png)
            #expect(original.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let etag = try #require(original.headers[.eTag])

            let small = try await client.request(.get, try #require(image.thumbnails["small"]))
            #expect(small.status == .ok)
            let type = try #require(small.headers[.contentType])
            #expect(type == "image/webp" || type == "image/jpeg")
            #expect(small.headers[.eTag] != etag)
            #expect(ImageFormat.sniff(Array(small.body.readableBytesView.prefix(12)))?.contentType == type)

            let revalidated = try await client.request(.get, image.url, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)
            #expect(revalidated.headers[.eTag] == etag)
            let stale = try await client.request(.get, image.url, headers: [.ifNoneMatch: "\"something-else\""])
            #expect(stale.status == .ok)
            let head = try await client.request(.head, image.url)
            #expect(head.status == .ok && head.headers[.contentLength] == String(png.count))

            for path in ["/api/v1/images/\(image.id)/huge", "/api/v1/images/\(ImageID.generate())/original", "/api/v1/images/not-an-id/original"] {
                let missing = try await client.request(.get, path)
                #expect(missing.status == .notFound, "\(path)")
                #expect(try missing.errorBody.code == "not_found")
            }
        }
    }

    @Test("a draft's images: private to its owner, 404 to everyone else", arguments: TestDatabase.enabled)
    func draftImages(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let scene = try await ImageScene.make(client, status: .draft)
            let uploaded = try await client.uploadImage(scene.product.id, try ImageFixtures.twoTone(suffix: ".webp"), as: scene.owner)
            let buyer = try await client.buyer("curious")
            for user in [nil, buyer] as [CatalogUser?] {
                let response = try await client.request(.get, uploaded.url, token: user?.token)
                #expect(response.status == .notFound)
            }
            let own = try await client.request(.get, uploaded.url, token: scene.owner.token)
            #expect(own.status == .ok)
            #expect(own.headers[.cacheControl] == "private, no-cache")
            #expect(own.headers[.contentType] == "image/webp")
            // Publishing the product makes its images public.
            let published = try await client.patchProduct(scene.product.id, UpdateProductRequest(status: .active), as: scene.owner)
            #expect(published.status == .ok)
            let open = try await client.request(.get, uploaded.url)
            #expect(open.status == .ok && open.headers[.cacheControl] == "public, max-age=31536000, immutable")
        }
    }

    @Test("cached listings show a new image at once", arguments: TestDatabase.enabled)
    func listingCache(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let scene = try await ImageScene.make(client)
            let first = try await client.listProducts([("shopId", scene.shop.id.rawValue)])
            #expect(first.items.first?.images.isEmpty == true)
            let uploaded = try await client.uploadImage(scene.product.id, try ImageFixtures.twoTone(suffix: ".png"), as: scene.owner)
            let second = try await client.listProducts([("shopId", scene.shop.id.rawValue)])
            #expect(second.items.first?.images.map(\.id) == [uploaded.id])
        }
    }

    @Test("delete removes the row and every file; only the owner or an admin may", arguments: TestDatabase.enabled)
    func delete(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let uploaded = try await client.uploadImage(scene.product.id, try ImageFixtures.twoTone(suffix: ".png"), as: scene.owner)
            let image = try await app.withWorkerSettled(uploaded.id, scene: scene, client: client)
            let files = ["original", "small", "medium", "large"].map { app.imagePath(image.id, $0) }
            #expect(files.allSatisfy { FileManager.default.fileExists(atPath: $0) })
            let path = "/api/v1/products/\(scene.product.id)/images/\(image.id)"

            #expect(try await client.request(.delete, path).status == .unauthorized)
            let other = try await client.vendor("intruder")
            #expect(try await client.request(.delete, path, token: other.token).status == .forbidden)
            let wrongProduct = try await client.createProduct(scene.shop, productRequest("Teapot"), as: scene.owner)
            #expect(try await client.request(.delete, "/api/v1/products/\(wrongProduct.id)/images/\(image.id)", token: scene.owner.token).status == .notFound)

            let version = try await app.latestChange()
            #expect(try await client.request(.delete, path, token: scene.owner.token).status == .noContent)
            #expect(try await app.latestChange() > version)
            #expect(files.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
            #expect(!FileManager.default.fileExists(atPath: (app.imagesDirectory as NSString).appendingPathComponent(image.id.rawValue)))
            #expect(try await client.productDetail(scene.product.id).images.isEmpty)
            #expect(try await client.request(.get, image.url).status == .notFound)
            #expect(try await client.request(.delete, path, token: scene.owner.token).status == .notFound)
        }
    }

    @Test("a job for an image deleted before it ran does nothing and completes", arguments: TestDatabase.enabled)
    func deletedBeforeJob(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let uploaded = try await client.uploadImage(scene.product.id, try ImageFixtures.twoTone(suffix: ".png"), as: scene.owner)
            let removed = try await client.request(.delete, "/api/v1/products/\(scene.product.id)/images/\(uploaded.id)", token: scene.owner.token)
            #expect(removed.status == .noContent)
            try await app.withJobWorker {
                try await eventually("the job to complete") {
                    try await app.environment.jobs.jobs(in: .completed, type: ThumbnailJobHandler.type).count == 1
                }
            }
            #expect(!FileManager.default.fileExists(atPath: (app.imagesDirectory as NSString).appendingPathComponent(uploaded.id.rawValue)))
        }
    }
}

extension TestApp {
    /// Runs a worker until the image has settled, then returns it as its owner sees it.
    func withWorkerSettled(_ image: ImageID, scene: ImageScene, client: any TestClientProtocol) async throws -> ProductImageDTO {
        try await withJobWorker {
            try await self.settled(image, of: scene.product.id, client: client, owner: scene.owner)
        }
    }
}
