#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The formats an upload may be, told apart by their first bytes: the part's declared
/// Content-Type and the file name are the client's word, the magic number is the file's.
enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, webp

    var contentType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    /// How many leading bytes `sniff` needs.
    static let magicLength = 12

    /// JPEG `FF D8 FF`; PNG `89 50 4E 47 0D 0A 1A 0A`; WebP `RIFF` <length> `WEBP`.
    static func sniff(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// Sniffs the start of a file. Blocking: call it off the cooperative threads.
    static func sniff(file path: String) throws -> ImageFormat? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ImageStoreError.io("cannot read the upload (errno \(errno))") }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: magicLength)
        var n = -1
        repeat { n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, magicLength, 0) } } while n < 0 && errno == EINTR
        guard n >= 0 else { throw ImageStoreError.io("cannot read the upload (errno \(errno))") }
        return sniff(Array(bytes.prefix(n)))
    }
}
