#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import MarketModels
import NIOCore
import NIOPosix
import ServiceLifecycle
@testable import MarketServer

/// Pictures made by libvips itself, so every format is a real one.
enum ImageFixtures {
    /// Left half red, right half blue: the preview's colours can be checked cell by cell.
    static func twoTone(width: Int = 300, height: Int = 200, suffix: String, alpha: Bool = false) throws -> Data {
        let bands = alpha ? 4 : 3
        var pixels = [UInt8](repeating: 0, count: width * height * bands)
        for y in 0..<height {
            for x in 0..<width {
                let at = (y * width + x) * bands
                if x < width / 2 { pixels[at] = 255 } else { pixels[at + 2] = 255 }
                if alpha { pixels[at + 3] = 255 }
            }
        }
        return try ImageCodec.encode(pixels: pixels, width: width, height: height, bands: bands, suffix: suffix)
    }

    /// Random pixels (seeded), which PNG cannot compress: a 1000 x 1000 one is about 3 MB.
    static func noise(width: Int, height: Int, seed: UInt64 = 42) throws -> Data {
        var state = seed
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in pixels.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            pixels[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        return try ImageCodec.encode(pixels: pixels, width: width, height: height, bands: 3, suffix: ".png")
    }

    /// A 1 x 1 GIF: a real image, but not a format the API takes.
    static let gif: [UInt8] = Array("GIF89a".utf8) + [
        0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x21, 0xF9, 0x04, 0x01, 0x00,
        0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    /// PNG's signature followed by nonsense: sniffed as PNG, undecodable by libvips.
    static let brokenPNG: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x41, count: 200)
}

/// One form field of a multipart body.
struct FormPart {
    var name: String
    var filename: String?
    var contentType: String?
    var bytes: [UInt8]

    static func file(_ data: some Sequence<UInt8>, filename: String = "photo.png", contentType: String = "image/png", name: String = "file") -> FormPart {
        FormPart(name: name, filename: filename, contentType: contentType, bytes: Array(data))
    }

    static func text(_ name: String, _ value: String) -> FormPart {
        FormPart(name: name, filename: nil, contentType: nil, bytes: Array(value.utf8))
    }
}

enum Multipart {
    static let boundary = "----MarketMateTestBoundary7MA4YWxkTrZu0gW"

    /// The body a browser would send for these fields.
    static func body(_ parts: [FormPart], boundary: String = Multipart.boundary) -> [UInt8] {
        var out: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename {
                head += "; filename=\"\(filename.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
            }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            head += "\r\n"
            out += Array(head.utf8) + part.bytes + Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }
}

extension TestClientProtocol {
    /// `POST /products/:id/images` with the given form fields.
    func uploadImage(_ product: ProductID, _ parts: [FormPart], as user: CatalogUser?, contentType: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = contentType ?? "multipart/form-data; boundary=\(Multipart.boundary)"
        if let user { headers[.authorization] = "Bearer \(user.token)" }
        return try await execute(uri: "/api/v1/products/\(product)/images", method: .post, headers: headers,
                                 body: ByteBuffer(bytes: Multipart.body(parts)))
    }

    /// Uploads one file as the `file` field, expecting 201.
    func uploadImage(_ product: ProductID, _ data: some Sequence<UInt8>, as user: CatalogUser?) async throws -> ProductImageDTO {
        let response = try await uploadImage(product, [.file(data)], as: user)
        guard response.status == .created else { throw ResponseError(response) }
        return try response.decode(ProductImageDTO.self)
    }

    func productDetail(_ id: ProductID, as user: CatalogUser? = nil) async throws -> ProductDTO {
        let response = try await getProduct(id, as: user)
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(ProductDTO.self)
    }
}

extension TestApp {
    /// Waits until the image's state is no longer `processing`, as its product's owner sees it.
    @discardableResult
    func settled(_ image: ImageID, of product: ProductID, client: any TestClientProtocol, owner: CatalogUser) async throws -> ProductImageDTO {
        var found: ProductImageDTO?
        try await eventually("the thumbnail job to settle \(image)") {
            found = try await client.productDetail(product, as: owner).images.first { $0.id == image }
            return found.map { $0.state != .processing } ?? false
        }
        return found!
    }

    var imagesDirectory: String { (dataDirectory as NSString).appendingPathComponent("images") }
    var uploadsDirectory: String { (dataDirectory as NSString).appendingPathComponent("uploads") }

    /// Files left in the upload spool (none once every request has finished).
    func spooledFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: uploadsDirectory)) ?? []).sorted()
    }

    /// The stored rendition's path.
    func imagePath(_ image: ImageID, _ size: String) -> String {
        (imagesDirectory as NSString).appendingPathComponent("\(image)/\(size)")
    }
}

/// A vendor, their shop and one product in it.
struct ImageScene: Sendable {
    let owner: CatalogUser
    let shop: ShopDTO
    let product: ProductDTO

    static func make(_ client: any TestClientProtocol, vendor: String = "imagevendor", status: ProductStatus? = nil) async throws -> ImageScene {
        let (owner, shop) = try await client.vendorWithShop(vendor)
        let product = try await client.createProduct(shop, productRequest("Ceramic mug", status: status), as: owner)
        return ImageScene(owner: owner, shop: shop, product: product)
    }
}

/// A request written by hand on a socket, for what the test clients will not send: a
/// chunked body with no Content-Length, so the server only learns the size by reading.
enum RawHTTP {
    /// Sends the head and then `chunks` as chunked transfer encoding (stopping quietly if
    /// the server closes early), and returns the response's status code.
    static func postChunked(port: Int, path: String, headers: [(String, String)], chunks: [[UInt8]]) async throws -> Int {
        try await NIOThreadPool.singleton.runIfActive {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw TestFailure("socket failed") }
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { throw TestFailure("connect failed") }
            var head = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n"
            for (name, value) in headers { head += "\(name): \(value)\r\n" }
            head += "\r\n"
            func push(_ bytes: [UInt8]) -> Bool {
                var offset = 0
                while offset < bytes.count {
                    let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
                    if n <= 0 { return false }
                    offset += n
                }
                return true
            }
            var open = push(Array(head.utf8))
            for chunk in chunks where open {
                open = push(Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8))
            }
            if open { _ = push(Array("0\r\n\r\n".utf8)) }
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !response.contains(10) {
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                response += buffer[0..<n]
            }
            let statusLine = String(decoding: response.prefix { $0 != 13 }, as: UTF8.self)
            let parts = statusLine.split(separator: " ")
            guard parts.count >= 2, let status = Int(parts[1]) else { throw TestFailure("no status line: \(statusLine)") }
            return status
        }
    }
}
