import Foundation
import NIOCore

/// Where image bytes live, by key (`img_…/original`, `img_…/small`). Keys are made by the
/// server from ids it generated, and a key's bytes never change once written: a rendition
/// that must change gets a new key. That is what lets `GET /images/:id/:size` be cached
/// for a year, and what makes an object store a natural fit: `LocalImageStore` keeps files
/// under `<data dir>/images`, and an S3-compatible store would map each key to an object
/// name in a bucket (PUT for `put`, GET with the object's length for `open`, DELETE, HEAD
/// for `exists`, and a temporary download for `withLocalFile`).
public protocol ImageStore: Sendable {
    /// Stores the file at `path` under `key`, taking it over: on success the file is gone
    /// from `path` (moved, or uploaded and removed). Readers see the old object or the whole
    /// new one, never a part.
    func put(_ key: String, movingFile path: String, contentType: String) async throws

    /// Stores `data` under `key`, atomically as `put(_:movingFile:contentType:)`.
    func put(_ key: String, data: Data, contentType: String) async throws

    /// The object for streaming out, or nil when there is none.
    func open(_ key: String) async throws -> StoredImage?

    /// Removes the object; a missing one is not an error.
    func delete(_ key: String) async throws

    func exists(_ key: String) async throws -> Bool

    /// Runs `body` with the path of a local file holding the object's bytes (libvips reads
    /// files best: it can seek and shrink while loading). A local store passes its own file,
    /// a remote one a temporary download it removes afterwards. Nil when there is no object.
    func withLocalFile<T: Sendable>(_ key: String, _ body: (String) async throws -> T) async throws -> T?
}

/// An object being read: its length (for Content-Length) and its bytes in chunks, read
/// only as the response is written.
public struct StoredImage: Sendable {
    public let size: Int
    public let chunks: AsyncThrowingStream<ByteBuffer, any Error>

    public init(size: Int, chunks: AsyncThrowingStream<ByteBuffer, any Error>) {
        self.size = size
        self.chunks = chunks
    }
}

public enum ImageStoreError: Error, CustomStringConvertible {
    case invalidKey(String)
    case io(String)

    public var description: String {
        switch self {
        case .invalidKey(let key): "not an image store key: \(key.prefix(80))"
        case .io(let message): "image store: \(message)"
        }
    }
}

/// The store the configuration asks for. Local files are the only kind today; an object
/// store would be chosen here from its own `[images]` settings.
enum ImageStoreFactory {
    static func make(configuration: ServerConfiguration) -> any ImageStore {
        LocalImageStore(dataDirectory: configuration.dataDirectory)
    }
}
