import CVips
import Foundation
import MarketModels

/// libvips from Swift, through the CVips shim's non-variadic functions. Every call blocks
/// (decoding and resizing are CPU work): run them on a thread pool, never on a request's task.
enum ImageCodec {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// How thumbnails are encoded. WebP keeps transparency and is about a third smaller than
    /// JPEG at the same quality; JPEG is there for a libvips built without WebP.
    enum OutputFormat: Sendable {
        case webp, jpeg

        var contentType: String { self == .webp ? "image/webp" : "image/jpeg" }
    }

    /// WebP when this libvips can write it, else JPEG; found out once.
    static let thumbnailFormat: OutputFormat =
        (try? encode(pixels: [0, 0, 0], width: 1, height: 1, bands: 3, suffix: ".webp")) != nil ? .webp : .jpeg

    /// vips_init, exactly once per process: a global's initialiser runs once, thread-safely.
    private static let started: Bool = mm_vips_start() == 0

    private static func start() throws {
        guard started else { throw Failure(description: "libvips could not start") }
    }

    /// libvips' error text after a failed call, behind what we were doing.
    private static func failure(_ doing: String) -> Failure {
        var buffer = [CChar](repeating: 0, count: 1024)
        let text = buffer.withUnsafeMutableBufferPointer { pointer -> String in
            mm_vips_take_error(pointer.baseAddress, pointer.count)
            return String(cString: pointer.baseAddress!)
        }.trimmingCharacters(in: .whitespacesAndNewlines)
        return Failure(description: text.isEmpty ? doing : "\(doing): \(text.prefix(300))")
    }

    /// Width and height as shown (EXIF orientation applied), from the header alone; fails
    /// when libvips cannot read the file as an image.
    static func dimensions(ofFile path: String) throws -> (width: Int, height: Int) {
        try start()
        var width: Int32 = 0
        var height: Int32 = 0
        guard mm_vips_header(path, &width, &height) == 0, width > 0, height > 0 else {
            throw failure("cannot read the image")
        }
        return (Int(width), Int(height))
    }

    /// The image shrunk to fit `longestEdge` x `longestEdge`, never enlarged.
    static func thumbnail(ofFile path: String, longestEdge: Int, format: OutputFormat = .webp, quality: Int = 80) throws -> Data {
        try start()
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard mm_vips_thumbnail(path, Int32(longestEdge), format == .webp ? 1 : 0, Int32(quality), &buffer, &length) == 0,
              let buffer
        else { throw failure("cannot make a \(longestEdge) px thumbnail") }
        defer { mm_vips_free(buffer) }
        return Data(bytes: buffer, count: length)
    }

    /// The colour grid terminals draw: at most `maxCells` x `maxCells`, aspect ratio kept,
    /// each cell the average colour of its part of the image.
    static func preview(ofFile path: String, maxCells: Int = 32) throws -> ImagePreviewDTO {
        try start()
        var width: Int32 = 0
        var height: Int32 = 0
        var pixels: UnsafeMutablePointer<UInt8>?
        guard mm_vips_preview(path, Int32(maxCells), &width, &height, &pixels) == 0, let pixels else {
            throw failure("cannot make the preview")
        }
        defer { mm_vips_free(pixels) }
        return ImagePreviewDTO(
            width: Int(width), height: Int(height),
            pixels: hex(UnsafeBufferPointer(start: pixels, count: Int(width) * Int(height) * 3)))
    }

    /// Raw 8-bit pixels (`bands` 1 to 4 a pixel, row by row) encoded as the format the file
    /// suffix names (".png", ".jpg", ".webp"). For generated pictures: demo data and tests.
    static func encode(pixels: [UInt8], width: Int, height: Int, bands: Int, suffix: String) throws -> Data {
        try start()
        precondition(pixels.count == width * height * bands, "pixel count does not match the size")
        var buffer: UnsafeMutableRawPointer?
        var length = 0
        guard mm_vips_encode(pixels, Int32(width), Int32(height), Int32(bands), suffix, &buffer, &length) == 0, let buffer else {
            throw failure("cannot encode as \(suffix)")
        }
        defer { mm_vips_free(buffer) }
        return Data(bytes: buffer, count: length)
    }

    /// Six lowercase hex digits per pixel, as `ImagePreviewDTO.pixels` wants them.
    static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
