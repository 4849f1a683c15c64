import Foundation

/// `images.thumbnail`: makes an uploaded image's small, medium and large sizes and its
/// terminal preview, then marks it ready.
///
/// Idempotent: an image that is gone or already settled is left alone, and the sizes are
/// written under fixed keys, so a second run overwrites them with the same bytes. A file
/// libvips cannot decode marks the image failed and ends the job for good
/// (`PermanentJobError`); any other error is retried, and the last attempt's failure also
/// marks the image failed, so no image stays "processing" forever.
struct ThumbnailJobHandler: JobHandler {
    struct Payload: Codable, Sendable {
        var imageId: String
    }

    static let type = "images.thumbnail"
    /// Decoding is CPU work: two at a time per worker leaves room for everything else.
    static let settings = JobSettings(maxAttempts: 5, backoff: JobBackoff(base: 2, cap: 300), timeout: .seconds(120), concurrency: 2)

    let images: ProductImageService

    func run(_ payload: Payload, context: JobContext) async throws {
        let id = payload.imageId
        guard let image = try await ProductImageModel.find(id, on: context.database), image.stateValue == .processing else {
            return
        }
        let made: ProductImageService.Renditions
        do {
            guard let renditions = try await images.makeRenditions(of: id) else {
                try await images.markFailed(id, reason: "the original file is missing")
                throw PermanentJobError("\(id): the original file is missing from the image store")
            }
            made = renditions
        } catch let failure as ImageCodec.Failure {
            try await images.markFailed(id, reason: failure.description)
            throw PermanentJobError("\(id): \(failure.description)")
        } catch let error as PermanentJobError {
            throw error
        } catch {
            if context.attempt >= context.maxAttempts {
                _ = try? await images.markFailed(id, reason: "\(error)")
            }
            throw error
        }
        try await images.markReady(id, made)
    }
}
