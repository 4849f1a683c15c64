#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The blocking file steps of the stores that keep files under the data directory
/// (images, invoices): 0700 directories, 0600 files written under a temporary name on the
/// same filesystem and renamed into place, so a reader sees the old file or the whole new
/// one. Run them on a thread pool, never on a request's task. Failures are thrown as the
/// calling store's own error type, made by `fail` from a message.
struct LocalFiles: Sendable {
    let fail: @Sendable (String) -> any Error

    /// `what` failed, with the errno that says why.
    func failure(_ what: String) -> any Error {
        fail("\(what) (errno \(errno))")
    }

    func makeParent(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw fail("cannot create a directory")
        }
    }

    /// A new 0600 file at `path`, filled by `fill` and flushed to disk; removed again on failure.
    func writeFile(at path: String, _ fill: (Int32) throws -> Void) throws {
        let fd = openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create a file") }
        do {
            try fill(fd)
            guard fsync(fd) == 0 else { throw failure("cannot flush a file") }
            guard close(fd) == 0 else {
                unlink(path)
                throw failure("cannot finish a file")
            }
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
    }

    func moveIntoPlace(_ from: String, to: String) throws {
        guard rename(from, to) == 0 else {
            unlink(from)
            throw failure("cannot move a file into place")
        }
    }

    func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write a file")
            }
            offset += n
        }
    }

    /// `bytes` as the file at `target`, written first to `temporary` (on the same
    /// filesystem) and renamed over whatever was there.
    func replace(_ target: String, with bytes: some ContiguousBytes, via temporary: String) throws {
        try makeParent(of: target)
        try makeParent(of: temporary)
        try writeFile(at: temporary) { fd in
            try bytes.withUnsafeBytes { try writeAll($0, to: fd) }
        }
        try moveIntoPlace(temporary, to: target)
    }

    /// The whole file at `path`, or nil when there is none. For small files (a whole
    /// invoice is read into memory to be sent).
    func contents(of path: String) throws -> [UInt8]? {
        let fd = openFile(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot open a file")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw failure("cannot read a file") }
            if n == 0 { return bytes }
            bytes += buffer[0..<n]
        }
    }
}

/// `open(2)`, out of reach of the stores' own `open(_:)`.
func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}
