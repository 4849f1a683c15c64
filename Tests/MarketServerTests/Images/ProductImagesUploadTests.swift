import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import NIOCore
import Testing
@testable import MarketServer

/// `POST /products/:id/images`: who may upload, what is accepted, and what is refused
/// before or while the body streams in.
// One test at a time: each starts a server with its own PostgreSQL pool (and some a
// worker), and the whole test run shares one PostgreSQL's connection limit.
@Suite("Product images: upload", .serialized)
struct ProductImagesUploadTests {
    @Test("PNG, JPEG and WebP made by libvips are stored as processing, in position order", arguments: TestDatabase.enabled)
    func formats(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            var uploaded: [ProductImageDTO] = []
            for (suffix, type) in [(".png", "image/png"), (".jpg", "image/jpeg"), (".webp", "image/webp")] {
                let data = try ImageFixtures.twoTone(suffix: suffix)
                let response = try await client.uploadImage(scene.product.id, [.file(data, contentType: "application/octet-stream")], as: scene.owner)
                #expect(response.status == .created, "\(suffix): \(response.text)")
                let image = try response.decode(ProductImageDTO.self)
                #expect(image.state == .processing)
                #expect(image.contentType == type, "sniffed from the bytes, not the part's Content-Type")
                #expect(image.bytes == data.count)
                #expect(image.url == "/api/v1/images/\(image.id)/original")
                #expect(image.thumbnails.isEmpty && image.preview == nil && image.width == nil)
                #expect(response.headers[.location] == image.url)
                // The original is in the store, byte for byte, 0600.
                let path = app.imagePath(image.id, "original")
                #expect(FileManager.default.contents(atPath: path) == data)
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
                #expect(mode?.intValue == 0o600)
                uploaded.append(image)
                app.tick()
            }
            #expect(app.spooledFiles().isEmpty, "the spool file was moved into the store")
            let detail = try await client.productDetail(scene.product.id, as: scene.owner)
            #expect(detail.images.map(\.id) == uploaded.map(\.id))
            // One thumbnail job per image, queued with it.
            let jobs = try await app.environment.jobs.jobs(in: .pending, type: ThumbnailJobHandler.type)
            #expect(Set(try jobs.map { try $0.decodePayload(as: ThumbnailJobHandler.Payload.self).imageId }) == Set(uploaded.map(\.id.rawValue)))
        }
    }

    @Test("a GIF, a text file, an empty file or a JSON body is refused, and nothing is kept", arguments: TestDatabase.enabled)
    func refused(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            for bytes in [ImageFixtures.gif, Array("just some text, not a picture".utf8)] {
                let response = try await client.uploadImage(scene.product.id, [.file(bytes, filename: "x.png")], as: scene.owner)
                #expect(response.status == .unsupportedMediaType)
                #expect(try response.errorBody.code == "unsupported_media_type")
            }
            let empty = try await client.uploadImage(scene.product.id, [.file([])], as: scene.owner)
            #expect(empty.status == .badRequest)
            #expect(try empty.errorFields == ["file"])
            let json = try await client.request(.post, "/api/v1/products/\(scene.product.id)/images", raw: "{}", token: scene.owner.token)
            #expect(json.status == .unsupportedMediaType)
            #expect(try json.errorBody.code == "unsupported_media_type")

            // A form without the field, and a body that is not multipart at all.
            let noFile = try await client.uploadImage(scene.product.id, [.text("caption", "a mug")], as: scene.owner)
            #expect(noFile.status == .badRequest)
            #expect(try noFile.errorFields == ["file"])
            let garbage = try await client.execute(
                uri: "/api/v1/products/\(scene.product.id)/images", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=abc", .authorization: "Bearer \(scene.owner.token)"],
                body: ByteBuffer(string: "no delimiter anywhere in here"))
            #expect(garbage.status == .badRequest)
            #expect(try garbage.errorBody.code == "malformed_request")

            #expect(app.spooledFiles().isEmpty)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: app.imagesDirectory)) ?? []).filter { !$0.hasPrefix(".") }.isEmpty)
            #expect(try await client.productDetail(scene.product.id).images.isEmpty)
        }
    }

    @Test("other fields around the file are skipped; the file field may come last", arguments: TestDatabase.enabled)
    func otherFields(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let scene = try await ImageScene.make(client)
            let data = try ImageFixtures.twoTone(suffix: ".png")
            let response = try await client.uploadImage(
                scene.product.id, [.text("caption", "front"), .file(data), .text("alt", "a red and blue mug")], as: scene.owner)
            #expect(response.status == .created, "\(response.text)")
            #expect(try response.decode(ProductImageDTO.self).bytes == data.count)
        }
    }

    @Test("anonymous 401; another vendor 404 on a draft and 403 on a public product; admins may", arguments: TestDatabase.enabled)
    func access(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let draft = try await client.createProduct(scene.shop, productRequest("Prototype mug", status: .draft), as: scene.owner)
            let other = try await client.vendor("othervendor")
            let data = try ImageFixtures.twoTone(suffix: ".png")

            let anonymous = try await client.uploadImage(scene.product.id, [.file(data)], as: nil)
            #expect(anonymous.status == .unauthorized)
            let hidden = try await client.uploadImage(draft.id, [.file(data)], as: other)
            #expect(hidden.status == .notFound)
            #expect(try hidden.errorBody.code == "not_found")
            let visible = try await client.uploadImage(scene.product.id, [.file(data)], as: other)
            #expect(visible.status == .forbidden)
            let missing = try await client.uploadImage(ProductID.generate(), [.file(data)], as: scene.owner)
            #expect(missing.status == .notFound)

            let admin = try await app.admin(client)
            let byAdmin = try await client.uploadImage(draft.id, [.file(data)], as: admin)
            #expect(byAdmin.status == .created)
            #expect(app.spooledFiles().isEmpty)
        }
    }

    @Test("the eleventh image is a 409, and deleting one makes room", arguments: TestDatabase.enabled)
    func maximum(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let scene = try await ImageScene.make(client)
            let data = try ImageFixtures.twoTone(width: 20, height: 20, suffix: ".png")
            var images: [ProductImageDTO] = []
            for _ in 0..<ProductImageService.maxImagesPerProduct {
                images.append(try await client.uploadImage(scene.product.id, data, as: scene.owner))
            }
            let full = try await client.uploadImage(scene.product.id, [.file(data)], as: scene.owner)
            #expect(full.status == .conflict)
            #expect(try full.errorBody.code == "conflict")
            #expect(app.spooledFiles().isEmpty)

            let removed = try await client.request(.delete, "/api/v1/products/\(scene.product.id)/images/\(images[3].id)", token: scene.owner.token)
            #expect(removed.status == .noContent)
            let again = try await client.uploadImage(scene.product.id, [.file(data)], as: scene.owner)
            #expect(again.status == .created)
            let order = try await client.productDetail(scene.product.id).images.map(\.id)
            #expect(order == images.map(\.id).filter { $0 != images[3].id } + [try again.decode(ProductImageDTO.self).id])
        }
    }

    @Test("twelve uploads at once: exactly ten land, at distinct positions", arguments: TestDatabase.enabled)
    func racingUploads(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let scene = try await ImageScene.make(client)
            let data = try ImageFixtures.twoTone(width: 16, height: 16, suffix: ".png")
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await client.uploadImage(scene.product.id, [.file(data)], as: scene.owner).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == ProductImageService.maxImagesPerProduct)
            #expect(statuses.filter { $0 == .conflict }.count == 12 - ProductImageService.maxImagesPerProduct)
            #expect(try await client.productDetail(scene.product.id).images.count == ProductImageService.maxImagesPerProduct)
        }
    }

    @Test("past the image limit: 413 when announced, 413 while streaming, and no spool file left", arguments: TestDatabase.enabled)
    func tooLarge(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live, configure: { $0.uploads.imageMaxBytes = 64 * 1024 }) { app, client in
            let scene = try await ImageScene.make(client)
            let big = try ImageFixtures.noise(width: 200, height: 200)
            #expect(big.count > 64 * 1024)

            // Content-Length says it all: refused before the body is read.
            let announced = try await client.uploadImage(scene.product.id, [.file(big)], as: scene.owner)
            #expect(announced.status == .contentTooLarge)
            #expect(try announced.errorBody.code == "payload_too_large")

            // Chunked, with no length: the server finds out while spooling.
            let port = try #require(client.port)
            let body = Multipart.body([.file(big)])
            let chunks = stride(from: 0, to: body.count, by: 8192).map { Array(body[$0..<min($0 + 8192, body.count)]) }
            let status = try await RawHTTP.postChunked(
                port: port, path: "/api/v1/products/\(scene.product.id)/images",
                headers: [("Authorization", "Bearer \(scene.owner.token)"), ("Content-Type", "multipart/form-data; boundary=\(Multipart.boundary)")],
                chunks: chunks)
            #expect(status == 413)
            try await eventually("the partial spool file to be removed") { app.spooledFiles().isEmpty }

            // Under the limit still works, on the same server.
            let small = try ImageFixtures.twoTone(width: 40, height: 40, suffix: ".png")
            _ = try await client.uploadImage(scene.product.id, small, as: scene.owner)
            #expect(try await client.productDetail(scene.product.id).images.count == 1)
        }
    }

    @Test("a few megabytes stream through over a real connection, arriving in many buffers", arguments: TestDatabase.enabled)
    func streamedLive(database: TestDatabase) async throws {
        try await TestApp.run(database, testing: .live) { app, client in
            let scene = try await ImageScene.make(client)
            let big = try ImageFixtures.noise(width: 1000, height: 1000)
            #expect(big.count > 2_500_000)
            let image = try await client.uploadImage(scene.product.id, big, as: scene.owner)
            #expect(image.bytes == big.count)
            #expect(FileManager.default.contents(atPath: app.imagePath(image.id, "original")) == big)
            // And the same bytes come back out, streamed from the store.
            let served = try await client.request(.get, "/api/v1/images/\(image.id)/original")
            #expect(served.status == .ok)
            #expect(served.headers[.contentLength] == String(big.count))
            #expect(Data(served.body.readableBytesView) == big)
        }
    }
}
