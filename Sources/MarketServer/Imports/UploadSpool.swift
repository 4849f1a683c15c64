#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import NIOPosix

/// Writes a streamed upload to a file under the data directory, chunk by chunk, so a
/// 20 MB CSV never sits in memory. Files are 0600 in a 0700 `uploads` directory. Past
/// `limit` bytes it stops with `UploadSpool.Error.tooLarge` (the route answers 413); on
/// any failure the partial file is removed.
struct UploadSpool: Sendable {
    enum Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        case tooLarge(limit: Int)
        case io(String)

        var description: String {
            switch self {
            case .tooLarge(let limit): "The upload is larger than \(limit) bytes."
            case .io(let message): "The upload could not be stored: \(message)."
            }
        }

        /// The contract's 413 for the route to throw.
        var appError: AppError {
            switch self {
            case .tooLarge: AppError(.contentTooLarge, .payloadTooLarge, description)
            case .io: AppError(.internalServerError, .internalError, "The upload could not be stored.")
            }
        }
    }

    /// `<data dir>/uploads`.
    let directory: String
    let limit: Int

    init(dataDirectory: String, limit: Int) {
        directory = (dataDirectory as NSString).appendingPathComponent("uploads")
        self.limit = limit
    }

    /// A stored upload.
    struct File: Sendable, Equatable {
        let path: String
        let size: Int
    }

    /// Streams `body` into a new file named `name` (the job id, say) plus `.upload`.
    func store<Body: AsyncSequence>(_ body: Body, name: String) async throws -> File where Body.Element == ByteBuffer {
        let path = (directory as NSString).appendingPathComponent(name + ".upload")
        let directory = self.directory
        let fd: Int32 = try await NIOThreadPool.singleton.runIfActive {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw Error.io("cannot create the uploads directory")
            }
            // O_EXCL: a name is never reused, so an existing file means two writers; refuse.
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw Error.io("cannot create the file (errno \(errno))") }
            return fd
        }
        var size = 0
        do {
            for try await chunk in body {
                size += chunk.readableBytes
                guard size <= limit else { throw Error.tooLarge(limit: limit) }
                try await NIOThreadPool.singleton.runIfActive { try Self.writeAll(chunk, to: fd) }
            }
            try await NIOThreadPool.singleton.runIfActive {
                let failed = fsync(fd) != 0
                let closed = close(fd) == 0
                guard !failed, closed else { throw Error.io("cannot finish the file (errno \(errno))") }
            }
        } catch {
            // No half-written file outlives the request; the job would read it as complete.
            _ = try? await NIOThreadPool.singleton.runIfActive {
                close(fd)
                unlink(path)
            }
            throw error
        }
        return File(path: path, size: size)
    }

    private static func writeAll(_ chunk: ByteBuffer, to fd: Int32) throws {
        try chunk.withUnsafeReadableBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Error.io("cannot write the file (errno \(errno))")
                }
                offset += n
            }
        }
    }

    /// The path of a stored upload from its file name (a name this spool gave out).
    func path(of fileName: String) -> String {
        (directory as NSString).appendingPathComponent((fileName as NSString).lastPathComponent)
    }

    /// Deletes a stored upload once its import is over; a missing file is fine.
    func remove(_ path: String) {
        unlink(path)
    }
}
