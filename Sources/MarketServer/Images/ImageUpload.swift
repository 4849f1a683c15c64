import Foundation
import NIOCore
import NIOPosix

/// Receiving one image upload: the multipart body streamed through `MultipartReader`, the
/// `file` part written to the upload spool chunk by chunk, then sniffed. Whatever goes
/// wrong, no spooled file outlives the request.
struct ImageUpload: Sendable {
    /// The form field that carries the image.
    static let fieldName = "file"

    let spool: UploadSpool

    /// A spooled image that passed the checks.
    struct Received: Sendable {
        let file: UploadSpool.File
        let format: ImageFormat
    }

    /// The multipart boundary of the request, or 415.
    static func boundary(contentType: String?) throws -> String {
        guard let boundary = HeaderParameters.multipartBoundary(contentType: contentType) else {
            throw AppError(.unsupportedMediaType, .unsupportedMediaType,
                           "Send the image as multipart/form-data, in a form field named \"\(fieldName)\".")
        }
        return boundary
    }

    /// Streams the body to the spool as `name`: 400 for a broken body or a missing field,
    /// 413 past `bodyLimit` (the whole body) or the spool's limit (the file), 415 when the
    /// file is not JPEG, PNG or WebP.
    func receive<Body: AsyncSequence>(
        _ body: Body, boundary: String, bodyLimit: Int, name: String
    ) async throws -> Received where Body.Element == ByteBuffer {
        let reader = MultipartReader(body: body, boundary: boundary, limit: bodyLimit)
        var file: UploadSpool.File?
        do {
            // Other fields are read past; a second `file` part is ignored.
            while let part = try await reader.nextPart() {
                guard part.name == Self.fieldName, file == nil else { continue }
                file = try await spool.store(reader.partBody(), name: name)
            }
            guard let file else {
                throw AppError.validation(field: Self.fieldName, code: "required", "Attach the image in a form field named \"\(Self.fieldName)\".")
            }
            guard file.size > 0 else {
                throw AppError.validation(field: Self.fieldName, code: "empty", "The image file is empty.")
            }
            let path = file.path
            guard let format = try await NIOThreadPool.singleton.runIfActive({ try ImageFormat.sniff(file: path) }) else {
                throw AppError(.unsupportedMediaType, .unsupportedMediaType, "Only JPEG, PNG and WebP images can be uploaded.")
            }
            return Received(file: file, format: format)
        } catch {
            if let file { spool.remove(file.path) }
            switch error {
            case let failure as MultipartFailure:
                if case .tooLarge = failure { throw AppError(.contentTooLarge, .payloadTooLarge, failure.description) }
                throw AppError(.badRequest, .malformedRequest, failure.description)
            case let failure as UploadSpool.Error:
                throw failure.appError
            default:
                throw error
            }
        }
    }
}
