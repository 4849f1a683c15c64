import Foundation
import HTTPTypes
import Hummingbird
import MarketModels

/// `POST /products/:id/images`, `DELETE /products/:id/images/:imageId` and
/// `GET /images/:id/:size`.
struct ProductImagesController {
    let images: ProductImageService

    /// A key's bytes never change (see `ImageStore`), so public renditions may be kept for
    /// a year without asking again. A draft's images are the owner's: browsers may keep them
    /// but must ask first, and the access check runs again on every ask.
    static let publicCacheControl = "public, max-age=31536000, immutable"
    static let privateCacheControl = "private, no-cache"

    func addRoutes(public group: RouterGroup<AppRequestContext>, authenticated: RouterGroup<AppRequestContext>) {
        authenticated.post("products/:id/images") { request, context in
            let image = try await images.upload(
                productID: try context.parameters.require("id"), body: request.body, contentType: request.headers[.contentType],
                bodyLimit: context.bodyLimit, principal: try context.requirePrincipal())
            return try Response.json(image, status: .created, headers: [.location: image.url, .cacheControl: "no-store"])
        }
        authenticated.delete("products/:id/images/:imageId") { _, context in
            try await images.delete(
                productID: try context.parameters.require("id"), imageID: try context.parameters.require("imageId"),
                principal: try context.requirePrincipal())
            return Response.noContent()
        }
        group.get("images/:id/:size") { request, context in
            let (image, size, isPublic) = try await images.rendition(
                imageID: try context.parameters.require("id"), size: try context.parameters.require("size"), principal: context.principal)
            // The id and size name the bytes for good, so they make a strong tag without
            // reading (or hashing) the file.
            let etag = "\"\(image.id!)-\(size.rawValue)\""
            let cacheControl = isPublic ? Self.publicCacheControl : Self.privateCacheControl
            if let header = request.headers[.ifNoneMatch], ConditionalResponse.matches(header, etag: etag) {
                return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl])
            }
            guard let object = try await images.store.open(size.key(for: image.id!)) else { throw ProductImageService.imageNotFound }
            let chunks = object.chunks
            return Response(
                status: .ok,
                headers: [.contentType: image.contentType(of: size), .contentLength: String(object.size), .eTag: etag, .cacheControl: cacheControl],
                body: ResponseBody(contentLength: object.size) { writer in
                    for try await chunk in chunks { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        }
    }
}
