import Foundation
import NIOCore
import Testing
@testable import MarketServer

/// The pieces under the routes: the streaming multipart reader, the magic-number sniffer,
/// the local store and the upload receiver.
@Suite("Product images: multipart reader, sniffing, store")
struct ProductImagesPartsTests {
    /// Every part's headers and bytes, reading the body in `chunkSize` pieces.
    private func read(_ body: [UInt8], chunkSize: Int, boundary: String = Multipart.boundary) async throws -> [(MultipartReader<ByteChunks>.PartHeaders, [UInt8])] {
        let reader = MultipartReader(body: ByteChunks(rawBytes: body, chunkSize: chunkSize), boundary: boundary, limit: 1 << 30)
        var parts: [(MultipartReader<ByteChunks>.PartHeaders, [UInt8])] = []
        while let headers = try await reader.nextPart() {
            var bytes: [UInt8] = []
            while let chunk = try await reader.nextChunk() { bytes += chunk.readableBytesView }
            parts.append((headers, bytes))
        }
        return parts
    }

    @Test("parts come out whole whatever the chunking, even one byte at a time")
    func chunking() async throws {
        // Content that looks almost like a delimiter must pass through untouched.
        let tricky = Array("\r\n--\(Multipart.boundary.dropLast())x\r\n-\r\n--".utf8) + [0, 255, 13, 10, 45, 45]
        let body = Array("preamble to ignore\r\n".utf8) + Multipart.body([
            .text("caption", "hello"), .file(tricky, filename: "odd \"name\".bin", contentType: "application/octet-stream"), .file([]),
        ]) + Array("epilogue to ignore".utf8)
        for chunkSize in [1, 2, 3, 7, 64, 4096, body.count] {
            let parts = try await read(body, chunkSize: chunkSize)
            #expect(parts.count == 3, "chunk \(chunkSize)")
            guard parts.count == 3 else { continue }
            #expect(parts[0].0.name == "caption" && parts[0].0.filename == nil && parts[0].1 == Array("hello".utf8))
            #expect(parts[1].0 == .init(name: "file", filename: "odd \"name\".bin", contentType: "application/octet-stream"))
            #expect(parts[1].1 == tricky, "chunk \(chunkSize)")
            #expect(parts[2].1.isEmpty)
        }
    }

    @Test("a large part streams: the reader never holds much more than one chunk")
    func bounded() async throws {
        let payload = [UInt8](repeating: 0x5A, count: 3_000_000)
        let body = Multipart.body([.file(payload)])
        let reader = MultipartReader(body: ByteChunks(rawBytes: body, chunkSize: 16_384), boundary: Multipart.boundary, limit: 1 << 30)
        _ = try await reader.nextPart()
        var total = 0
        while let chunk = try await reader.nextChunk() { total += chunk.readableBytes }
        #expect(total == payload.count)
        #expect(reader.peakBuffered < 2 * 16_384 + 200, "peak \(reader.peakBuffered)")
        #expect(try await reader.nextPart() == nil)
    }

    @Test("broken bodies are malformed, oversized ones too large")
    func failures() async throws {
        let whole = Multipart.body([.file(Array("data".utf8))])
        let cases: [([UInt8], String)] = [
            (Array("no delimiter at all".utf8), "no part"),
            (Array(whole.prefix(whole.count - 30)), "ends inside a part"),
            (Array("--\(Multipart.boundary)\r\nContent-Type: text/plain\r\n\r\nx\r\n--\(Multipart.boundary)--".utf8), "no Content-Disposition"),
            (Array("--\(Multipart.boundary)\r\nX: \(String(repeating: "a", count: 20_000))\r\n\r\n".utf8), "headers too long"),
        ]
        for (body, what) in cases {
            await #expect(throws: MultipartFailure.self, "\(what)") { _ = try await read(body, chunkSize: 512) }
        }
        let reader = MultipartReader(body: ByteChunks(rawBytes: whole, chunkSize: 10), boundary: Multipart.boundary, limit: 50)
        await #expect(throws: MultipartFailure.tooLarge(limit: 50)) {
            while try await reader.nextPart() != nil { while try await reader.nextChunk() != nil {} }
        }
    }

    @Test("boundaries come from multipart/form-data Content-Types only")
    func boundaries() {
        #expect(HeaderParameters.multipartBoundary(contentType: "multipart/form-data; boundary=abc123") == "abc123")
        #expect(HeaderParameters.multipartBoundary(contentType: "Multipart/Form-Data;boundary=\"a b;c\"") == "a b;c")
        #expect(HeaderParameters.multipartBoundary(contentType: "multipart/form-data; charset=utf-8; boundary=x") == "x")
        #expect(HeaderParameters.multipartBoundary(contentType: "multipart/mixed; boundary=abc") == nil)
        #expect(HeaderParameters.multipartBoundary(contentType: "multipart/form-data") == nil)
        #expect(HeaderParameters.multipartBoundary(contentType: "multipart/form-data; boundary=\(String(repeating: "b", count: 71))") == nil)
        #expect(HeaderParameters.multipartBoundary(contentType: "image/png") == nil)
        #expect(HeaderParameters.multipartBoundary(contentType: nil) == nil)
    }

    @Test("magic numbers decide the format")
    func sniffing() throws {
        #expect(ImageFormat.sniff(Array(try ImageFixtures.twoTone(suffix: ".png").prefix(12))) == .png)
        #expect(ImageFormat.sniff(Array(try ImageFixtures.twoTone(suffix: ".jpg").prefix(12))) == .jpeg)
        #expect(ImageFormat.sniff(Array(try ImageFixtures.twoTone(suffix: ".webp").prefix(12))) == .webp)
        #expect(ImageFormat.sniff(ImageFixtures.gif) == nil)
        #expect(ImageFormat.sniff(Array("RIFF\0\0\0\0WAVE".utf8)) == nil)
        #expect(ImageFormat.sniff([0xFF, 0xD8]) == nil)
        #expect(ImageFormat.sniff([]) == nil)
    }

    @Test("the local store writes 0600 files atomically, reads in chunks and deletes cleanly")
    func localStore() async throws {
        try await withDirectory { directory in
            let store = LocalImageStore(dataDirectory: directory)
            let data = Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try await store.put("img_TEST/small", data: data, contentType: "image/webp")
            #expect(try await store.exists("img_TEST/small"))
            let path = try store.path(for: "img_TEST/small")
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let folder = (directory as NSString).appendingPathComponent("images/img_TEST")
            #expect((try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? NSNumber)?.intValue == 0o700)

            let object = try #require(try await store.open("img_TEST/small"))
            #expect(object.size == data.count)
            var read = Data()
            var chunks = 0
            for try await chunk in object.chunks {
                read += Data(chunk.readableBytesView)
                chunks += 1
            }
            #expect(read == data && chunks > 1)

            // Moving a file in; replacing keeps the key readable throughout.
            let upload = (directory as NSString).appendingPathComponent("upload.tmp")
            _ = FileManager.default.createFile(atPath: upload, contents: Data("new bytes".utf8))
            try await store.put("img_TEST/small", movingFile: upload, contentType: "image/webp")
            #expect(!FileManager.default.fileExists(atPath: upload))
            #expect(try await store.withLocalFile("img_TEST/small") { try Data(contentsOf: URL(fileURLWithPath: $0)) } == Data("new bytes".utf8))
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: (directory as NSString).appendingPathComponent("images/.tmp"))) ?? []
            #expect(leftovers.isEmpty)

            try await store.delete("img_TEST/small")
            try await store.delete("img_TEST/small")  // a second delete is fine
            #expect(try await store.open("img_TEST/small") == nil)
            #expect(try await store.withLocalFile("img_TEST/small") { $0 } == nil)
            #expect(!FileManager.default.fileExists(atPath: folder), "the empty image folder goes too")

            for key in ["../escape", "img/../../x", "/abs", "a//b", "", "a/./b", "sp ace", "img_TEST/"] {
                await #expect(throws: ImageStoreError.self, "\(key)") { try await store.put(key, data: Data(), contentType: "x") }
            }
        }
    }

    @Test("the receiver spools the file part and leaves nothing behind when it refuses")
    func receiver() async throws {
        try await withDirectory { directory in
            let upload = ImageUpload(spool: UploadSpool(dataDirectory: directory, limit: 50_000))
            let uploads = (directory as NSString).appendingPathComponent("uploads")
            let png = try ImageFixtures.twoTone(suffix: ".png")
            let received = try await upload.receive(
                ByteChunks(rawBytes: Multipart.body([.text("a", "b"), .file(png)]), chunkSize: 1000),
                boundary: Multipart.boundary, bodyLimit: 1 << 20, name: "img_ONE")
            #expect(received.format == .png && received.file.size == png.count)
            #expect(FileManager.default.contents(atPath: received.file.path) == png)
            upload.spool.remove(received.file.path)

            let big = try ImageFixtures.noise(width: 200, height: 200)
            let refusals: [([UInt8], Int)] = [
                (Multipart.body([.file(big)]), 1 << 20),  // the file past the spool's limit
                (Multipart.body([.file(png)]), 500),  // the body past its limit
                (Multipart.body([.file(ImageFixtures.gif)]), 1 << 20),  // not an image we take
            ]
            for (body, limit) in refusals {
                await #expect(throws: AppError.self) {
                    _ = try await upload.receive(ByteChunks(rawBytes: body, chunkSize: 4096), boundary: Multipart.boundary, bodyLimit: limit, name: "img_TWO")
                }
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty)
            }
            do {
                _ = try await upload.receive(ByteChunks(rawBytes: Multipart.body([.file(big)]), chunkSize: 4096), boundary: Multipart.boundary, bodyLimit: 1 << 20, name: "img_3")
                Issue.record("no error")
            } catch let error as AppError {
                #expect(error.status == .contentTooLarge && error.code == .payloadTooLarge)
            }
            // A body that dies half way through the file.
            await #expect(throws: FailingAfter<ByteChunks>.Crash.self) {
                _ = try await upload.receive(
                    FailingAfter(base: ByteChunks(rawBytes: Multipart.body([.file(png)]), chunkSize: 100), limit: 5),
                    boundary: Multipart.boundary, bodyLimit: 1 << 20, name: "img_FOUR")
            }
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty)
        }
    }

    private func withDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-images-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory)
    }
}

extension ByteChunks {
    /// Raw bytes (not UTF-8 text) as a chunked body.
    init(rawBytes: [UInt8], chunkSize: Int) {
        self.bytes = rawBytes
        self.chunkSize = chunkSize
    }
}
