import Foundation
import MarketModels

// TEMPORARY: stands in for the invoice renderer and store being built beside this work;
// removed when they are merged.
public protocol InvoiceStore: Sendable {
    func write(_ pdf: [UInt8], for order: OrderID) async throws
    func read(_ order: OrderID) async throws -> [UInt8]?
    func delete(_ order: OrderID) async throws
}

enum InvoiceStoreFactory {
    static func make(configuration: ServerConfiguration) -> any InvoiceStore { StubInvoiceStore(root: configuration.dataDirectory + "/invoices") }
}

struct StubInvoiceStore: InvoiceStore {
    let root: String
    func write(_ pdf: [UInt8], for order: OrderID) async throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data(pdf).write(to: URL(fileURLWithPath: "\(root)/\(order.rawValue).pdf"))
    }
    func read(_ order: OrderID) async throws -> [UInt8]? { FileManager.default.contents(atPath: "\(root)/\(order.rawValue).pdf").map(Array.init) }
    func delete(_ order: OrderID) async throws {}
}

enum InvoicePDF {
    static func render(_ document: InvoiceDocument) throws -> [UInt8] { Array("%PDF-1.4 stub \(document.number)".utf8) }
}
