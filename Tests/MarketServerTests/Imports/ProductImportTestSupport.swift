import FluentKit
import Foundation
import MarketModels
import NIOCore
@testable import MarketServer

/// Bytes of a string as an async stream of chunks, like a request body.
struct ByteChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let bytes: [UInt8]
    var chunkSize = 4096

    init(_ text: String, chunkSize: Int = 4096) {
        bytes = Array(text.utf8)
        self.chunkSize = chunkSize
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let bytes: [UInt8]
        let chunkSize: Int
        var offset = 0
        mutating func next() async throws -> ByteBuffer? {
            guard offset < bytes.count else { return nil }
            defer { offset += chunkSize }
            return ByteBuffer(bytes: bytes[offset..<Swift.min(offset + chunkSize, bytes.count)])
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes, chunkSize: chunkSize) }
}

/// A sequence that fails after `limit` elements: a worker dying half way through a file.
struct FailingAfter<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable {
    typealias Element = Base.Element
    struct Crash: Error {}
    let base: Base
    let limit: Int

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var remaining: Int
        mutating func next() async throws -> Base.Element? {
            guard remaining > 0 else { throw Crash() }
            remaining -= 1
            return try await base.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), remaining: limit) }
}

/// Progress calls as they came.
actor ProgressLog {
    private(set) var calls: [(done: Int, total: Int?)] = []
    func record(_ done: Int, _ total: Int?) { calls.append((done, total)) }
}

/// A product CSV of `count` products: every tenth has three size variants (three rows),
/// the rest are plain.
func generatedProductCSV(products count: Int, skuPrefix: String = "GEN") -> (text: String, rows: Int) {
    var text = "handle,title,description,price,inventory,category,tags,status,sku,option:size\n"
    text.reserveCapacity(count * 120)
    var rows = 0
    for index in 0..<count {
        let price = "\(5 + index % 200).\(index % 10)9"
        if index % 10 == 0 {
            for (offset, size) in ["S", "M", "L"].enumerated() {
                let title = offset == 0 ? "Cotton tee \(index)" : ""
                let description = offset == 0 ? "\"Soft, heavy cotton.\nMachine washable.\"" : ""
                text += "p\(index),\(title),\(description),\(price),\(offset + 1),clothing/tops,\(offset == 0 ? "cotton|gift" : ""),,\(skuPrefix)-\(index)-\(size),\(size)\n"
                rows += 1
            }
        } else {
            text += "p\(index),Ceramic mug \(index),A sturdy mug for tea.,\(price),\(index % 50),kitchen/mugs,ceramic;blue,,,\n"
            rows += 1
        }
    }
    return (text, rows)
}

extension TestApp {
    func productCount(shop: ShopID) async throws -> Int {
        try await ProductModel.query(on: environment.database).filter(\.$shopID == shop.rawValue).count()
    }

    func variantCount(shop: ShopID) async throws -> Int {
        try await VariantModel.query(on: environment.database).filter(\.$shopID == shop.rawValue).count()
    }

    func importer(batchSize: Int = 500, maxErrors: Int = 1000) -> ProductImporter {
        ProductImporter(environment: environment, batchSize: batchSize, maxErrors: maxErrors)
    }
}
