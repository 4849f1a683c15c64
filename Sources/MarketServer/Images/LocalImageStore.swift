#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Images as files under `<data dir>/images/<image id>/<size>`: 0600 files in 0700
/// directories. Every write goes to a temporary name under the same root and is renamed
/// into place, so a reader sees the old file or the whole new one. Blocking file calls run
/// on NIO's thread pool, never on the cooperative threads that serve requests.
struct LocalImageStore: ImageStore {
    let root: String
    static let chunkSize = 64 * 1024

    init(dataDirectory: String) {
        root = (dataDirectory as NSString).appendingPathComponent("images")
    }

    /// Letters, digits, `_`, `-` and `.` in `/`-separated segments, none `.` or `..`: a key
    /// can never name anything outside the root.
    static func isValid(_ key: String) -> Bool {
        guard !key.isEmpty, key.utf8.count <= 200 else { return false }
        return key.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".."
                && segment.utf8.allSatisfy { byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                }
        }
    }

    func path(for key: String) throws -> String {
        guard Self.isValid(key) else { throw ImageStoreError.invalidKey(key) }
        return (root as NSString).appendingPathComponent(key)
    }

    /// A fresh name in `<root>/.tmp`, on the same filesystem as every target.
    private func temporaryPath() -> String {
        (root as NSString).appendingPathComponent(".tmp/\(UUID().uuidString)")
    }

    func put(_ key: String, movingFile source: String, contentType: String) async throws {
        let target = try path(for: key)
        let temporary = temporaryPath()
        try await NIOThreadPool.singleton.runIfActive {
            try Self.files.makeParent(of: target)
            guard chmod(source, 0o600) == 0 else { throw Self.failure("cannot take over the upload") }
            if rename(source, target) == 0 { return }
            guard errno == EXDEV else { throw Self.failure("cannot move the upload into place") }
            // The upload sits on another filesystem: copy it next to its target first.
            try Self.files.makeParent(of: temporary)
            let input = openFile(source, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw Self.failure("cannot read the upload") }
            defer { close(input) }
            try Self.files.writeFile(at: temporary) { fd in
                var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                    if n < 0, errno == EINTR { continue }
                    guard n >= 0 else { throw Self.failure("cannot read the upload") }
                    if n == 0 { break }
                    try buffer.withUnsafeBytes { try Self.files.writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<n]), to: fd) }
                }
            }
            try Self.files.moveIntoPlace(temporary, to: target)
            unlink(source)
        }
    }

    func put(_ key: String, data: Data, contentType: String) async throws {
        let target = try path(for: key)
        let temporary = temporaryPath()
        try await NIOThreadPool.singleton.runIfActive {
            try Self.files.replace(target, with: data, via: temporary)
        }
    }

    func open(_ key: String) async throws -> StoredImage? {
        let path = try path(for: key)
        let reader: FileChunkReader? = try await NIOThreadPool.singleton.runIfActive {
            let fd = openFile(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 {
                if errno == ENOENT { return nil }
                throw Self.failure("cannot open an image")
            }
            var info = stat()
            guard fstat(fd, &info) == 0 else {
                close(fd)
                throw Self.failure("cannot read an image's size")
            }
            return FileChunkReader(fd: fd, size: Int(info.st_size))
        }
        guard let reader else { return nil }
        return StoredImage(size: reader.size, chunks: AsyncThrowingStream(unfolding: { try await reader.next() }))
    }

    func delete(_ key: String) async throws {
        let path = try path(for: key)
        try await NIOThreadPool.singleton.runIfActive {
            guard unlink(path) == 0 || errno == ENOENT else { throw Self.failure("cannot delete an image") }
            // The image's directory goes with its last file (rmdir refuses while others remain).
            rmdir((path as NSString).deletingLastPathComponent)
        }
    }

    func exists(_ key: String) async throws -> Bool {
        let path = try path(for: key)
        return try await NIOThreadPool.singleton.runIfActive { access(path, F_OK) == 0 }
    }

    func withLocalFile<T: Sendable>(_ key: String, _ body: (String) async throws -> T) async throws -> T? {
        guard try await exists(key) else { return nil }
        return try await body(try path(for: key))
    }

    // MARK: Files

    /// The shared file steps, failing as `ImageStoreError.io`.
    private static let files = LocalFiles { ImageStoreError.io($0) }

    private static func failure(_ what: String) -> any Error {
        files.failure(what)
    }
}

/// Reads an open file in chunks as they are asked for. It owns the descriptor and closes
/// it when the last reference goes, so a client that hangs up half way leaks nothing.
final class FileChunkReader: Sendable {
    let fd: Int32
    let size: Int
    private let offset = NIOLockedValueBox(0)

    init(fd: Int32, size: Int) {
        self.fd = fd
        self.size = size
    }

    deinit { close(fd) }

    func next() async throws -> ByteBuffer? {
        let start = offset.withLockedValue { $0 }
        guard start < size else { return nil }
        let count = min(LocalImageStore.chunkSize, size - start)
        let fd = self.fd
        let chunk: ByteBuffer = try await NIOThreadPool.singleton.runIfActive {
            var buffer = ByteBuffer()
            let n = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { raw -> Int in
                var n = -1
                repeat { n = pread(fd, raw.baseAddress, count, off_t(start)) } while n < 0 && errno == EINTR
                guard n >= 0 else { throw ImageStoreError.io("cannot read an image file (errno \(errno))") }
                return n
            }
            // The file is shorter than when it was opened: end the stream where it ends.
            return n == 0 ? ByteBuffer() : buffer
        }
        guard chunk.readableBytes > 0 else { return nil }
        offset.withLockedValue { $0 = start + chunk.readableBytes }
        return chunk
    }
}
