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
            try Self.makeParent(of: target)
            guard chmod(source, 0o600) == 0 else { throw Self.failure("cannot take over the upload") }
            if rename(source, target) == 0 { return }
            guard errno == EXDEV else { throw Self.failure("cannot move the upload into place") }
            // The upload sits on another filesystem: copy it next to its target first.
            try Self.makeParent(of: temporary)
            let input = openFile(source, O_RDONLY | O_CLOEXEC)
            guard input >= 0 else { throw Self.failure("cannot read the upload") }
            defer { close(input) }
            try Self.writeFile(at: temporary) { fd in
                var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
                while true {
                    let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                    if n < 0, errno == EINTR { continue }
                    guard n >= 0 else { throw Self.failure("cannot read the upload") }
                    if n == 0 { break }
                    try buffer.withUnsafeBytes { try Self.writeAll(UnsafeRawBufferPointer(rebasing: $0[0..<n]), to: fd) }
                }
            }
            try Self.moveIntoPlace(temporary, to: target)
            unlink(source)
        }
    }

    func put(_ key: String, data: Data, contentType: String) async throws {
        let target = try path(for: key)
        let temporary = temporaryPath()
        try await NIOThreadPool.singleton.runIfActive {
            try Self.makeParent(of: target)
            try Self.makeParent(of: temporary)
            try Self.writeFile(at: temporary) { fd in
                try data.withUnsafeBytes { try Self.writeAll($0, to: fd) }
            }
            try Self.moveIntoPlace(temporary, to: target)
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

    private static func failure(_ what: String) -> ImageStoreError {
        .io("\(what) (errno \(errno))")
    }

    private static func makeParent(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ImageStoreError.io("cannot create an image directory")
        }
    }

    /// A new 0600 file at `path`, filled by `fill` and flushed to disk; removed again on failure.
    private static func writeFile(at path: String, _ fill: (Int32) throws -> Void) throws {
        let fd = openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create an image file") }
        do {
            try fill(fd)
            guard fsync(fd) == 0 else { throw failure("cannot flush an image file") }
            guard close(fd) == 0 else {
                unlink(path)
                throw failure("cannot finish an image file")
            }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
    }

    private static func moveIntoPlace(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            unlink(from)
            throw failure("cannot move an image file into place")
        }
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write an image file")
            }
            offset += n
        }
    }
}

/// `open(2)`, out of reach of the store's own `open(_:)`.
private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
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
