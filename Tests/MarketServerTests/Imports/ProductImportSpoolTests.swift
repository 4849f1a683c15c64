import Foundation
import NIOCore
import Testing
@testable import MarketServer

/// The upload spool: a streamed body lands in a private file, chunk by chunk; past the
/// limit, or when the body fails, nothing is left behind.
@Suite("Product import: upload spool")
struct ProductImportSpoolTests {
    @Test("a streamed body is written to a 0600 file in a 0700 uploads directory")
    func stores() async throws {
        try await withDirectory { directory in
            let spool = UploadSpool(dataDirectory: directory, limit: 1_000_000)
            let text = String(repeating: "title,price\nMug,12.50\n", count: 20_000)
            let file = try await spool.store(ByteChunks(text, chunkSize: 65_536), name: "job_1")
            #expect(file.size == text.utf8.count)
            #expect(try String(contentsOfFile: file.path, encoding: .utf8) == text)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let folder = try FileManager.default.attributesOfItem(atPath: spool.directory)
            #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)

            // The same name twice is refused rather than overwritten.
            await #expect(throws: UploadSpool.Error.self) { try await spool.store(ByteChunks("x"), name: "job_1") }
            spool.remove(file.path)
            #expect(!FileManager.default.fileExists(atPath: file.path))
        }
    }

    @Test("past the limit it stops with 413 and removes the partial file")
    func limit() async throws {
        try await withDirectory { directory in
            let spool = UploadSpool(dataDirectory: directory, limit: 10_000)
            // Exactly the limit is fine.
            _ = try await spool.store(ByteChunks(String(repeating: "a", count: 10_000), chunkSize: 1_000), name: "exact")
            await #expect(throws: UploadSpool.Error.tooLarge(limit: 10_000)) {
                try await spool.store(ByteChunks(String(repeating: "a", count: 10_001), chunkSize: 1_000), name: "big")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: spool.directory) == ["exact.upload"])
            #expect(UploadSpool.Error.tooLarge(limit: 10_000).appError.status == .contentTooLarge)
            #expect(UploadSpool.Error.tooLarge(limit: 10_000).appError.code == .payloadTooLarge)
        }
    }

    @Test("a body that fails half way leaves no file")
    func failingBody() async throws {
        try await withDirectory { directory in
            let spool = UploadSpool(dataDirectory: directory, limit: 1_000_000)
            await #expect(throws: FailingAfter<ByteChunks>.Crash.self) {
                try await spool.store(FailingAfter(base: ByteChunks(String(repeating: "b", count: 50_000), chunkSize: 1_000), limit: 10), name: "broken")
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: spool.directory)
            #expect(left.isEmpty)
        }
    }

    private func withDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-spool-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory)
    }
}
