#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import NIOPosix

/// The records of a CSV byte stream, parsed as the chunks arrive: at most one chunk's
/// records and one partial record are in memory at a time.
struct CSVReader<Chunks: AsyncSequence & Sendable>: AsyncSequence, Sendable where Chunks.Element == ByteBuffer {
    typealias Element = CSVRecord

    let chunks: Chunks
    var maxRecordBytes = CSVParser.defaultMaxRecordBytes

    init(_ chunks: Chunks, maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes) {
        self.chunks = chunks
        self.maxRecordBytes = maxRecordBytes
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Chunks.AsyncIterator
        var parser: CSVParser
        var ready: [CSVRecord] = []
        var next = 0
        var done = false

        mutating func next() async throws -> CSVRecord? {
            while next == ready.count {
                if done { return nil }
                ready.removeAll(keepingCapacity: true)
                next = 0
                if let chunk = try await base.next() {
                    ready = try parser.feed(chunk)
                } else {
                    done = true
                    if let last = try parser.finish() { ready = [last] }
                }
            }
            defer { next += 1 }
            return ready[next]
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: chunks.makeAsyncIterator(), parser: CSVParser(maxRecordBytes: maxRecordBytes))
    }
}

extension CSVReader {
    /// The number of records, blank lines not counted, parsed without keeping any field
    /// (`CSVParser.countingRecords`). Throws what a full read would.
    func countRecords() async throws -> Int {
        var parser = CSVParser.countingRecords(maxRecordBytes: maxRecordBytes)
        var none: [CSVRecord] = []
        for try await chunk in chunks {
            try chunk.withUnsafeReadableBytes { try parser.feed($0, into: &none) }
        }
        _ = try parser.finish()
        return parser.recordsCounted
    }
}

extension CSVReader where Chunks == FileChunks {
    /// The records of a file on disk, read 64 KiB at a time.
    init(path: String, maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes) {
        self.init(FileChunks(path: path), maxRecordBytes: maxRecordBytes)
    }
}

/// A file's bytes in chunks. Reads run on NIO's blocking-I/O thread pool, so a slow disk
/// never stalls the cooperative threads that serve requests.
struct FileChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    static let defaultChunkSize = 64 * 1024

    let path: String
    var chunkSize = FileChunks.defaultChunkSize

    struct FileError: Error, CustomStringConvertible {
        let description: String
    }

    /// Owns the descriptor, so it is closed however the reading ends.
    final class Descriptor: Sendable {
        let fd: Int32
        init(path: String) throws {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw FileError(description: "cannot open the uploaded file (errno \(errno))") }
            self.fd = fd
        }
        deinit { close(fd) }
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let path: String
        let chunkSize: Int
        var descriptor: Descriptor?
        var finished = false

        mutating func next() async throws -> ByteBuffer? {
            guard !finished else { return nil }
            if descriptor == nil {
                let path = self.path
                descriptor = try await NIOThreadPool.singleton.runIfActive { try Descriptor(path: path) }
            }
            let descriptor = descriptor!
            let size = chunkSize
            let chunk = try await NIOThreadPool.singleton.runIfActive { () throws -> ByteBuffer in
                var buffer = ByteBufferAllocator().buffer(capacity: size)
                _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size) { pointer in
                    while true {
                        let n = read(descriptor.fd, pointer.baseAddress, size)
                        if n >= 0 { return n }
                        if errno != EINTR { throw FileError(description: "cannot read the uploaded file (errno \(errno))") }
                    }
                }
                return buffer
            }
            if chunk.readableBytes == 0 {
                finished = true
                self.descriptor = nil
                return nil
            }
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(path: path, chunkSize: chunkSize)
    }
}
