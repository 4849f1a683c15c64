import Foundation
import MarketModels
import Testing
@testable import MarketServer

@Suite("Invoice store")
struct InvoiceStoreTests {
    @Test("write, read, overwrite and delete, as 0600 files named by order id")
    func roundTrip() async throws {
        try await withDirectory { directory in
            let store = LocalInvoiceStore(dataDirectory: directory)
            let order = InvoiceFixtures.orderID
            #expect(try await store.read(order) == nil)

            try await store.write(Array("%PDF-first".utf8), for: order)
            #expect(try await store.read(order) == Array("%PDF-first".utf8))
            let file = (directory as NSString).appendingPathComponent("invoices/\(order.rawValue).pdf")
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let folder = try FileManager.default.attributesOfItem(atPath: (directory as NSString).appendingPathComponent("invoices"))
            #expect((folder[.posixPermissions] as? Int) == 0o700)

            let second = [UInt8](repeating: 0x25, count: 200_000)  // more than one read's worth
            try await store.write(second, for: order)
            #expect(try await store.read(order) == second)
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: (directory as NSString).appendingPathComponent("invoices/.tmp"))) ?? []
            #expect(leftovers.isEmpty)

            let other = OrderID.generate()
            #expect(try await store.read(other) == nil)
            try await store.delete(order)
            try await store.delete(order)  // a second delete is fine
            #expect(try await store.read(order) == nil)
        }
    }

    @Test("a real invoice goes in and comes out unchanged")
    func storesRenderedPDF() async throws {
        try await withDirectory { directory in
            let store = LocalInvoiceStore(dataDirectory: directory)
            let pdf = try InvoicePDF.render(InvoiceFixtures.document(lines: [InvoiceFixtures.line("Tea", unitPrice: 300)]))
            try await store.write(pdf, for: InvoiceFixtures.orderID)
            let read = try #require(try await store.read(InvoiceFixtures.orderID))
            #expect(read == pdf)
            #expect(try InvoiceFixtures.text(of: read).contains("Tea"))
        }
    }

    @Test("file names only from well-formed order ids")
    func badIDs() throws {
        let good = InvoiceFixtures.orderID.rawValue
        #expect(try LocalInvoiceStore.fileName(forOrderID: good) == good + ".pdf")
        let bad = [
            "", "ord_", "../ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B", "ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B/../x",
            "ord_../../../../etc/passwd", "ord_01jd3q0n6z8r4v5w6x7y8z9a0b", "usr_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B",
            "ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0", "ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B\u{0}", "/ord_01JD3Q0N6Z8R4V5W6X7Y8Z9A0B",
        ]
        for id in bad {
            #expect(throws: InvoiceStoreError.self, "\(id.debugDescription)") { try LocalInvoiceStore.fileName(forOrderID: id) }
        }
    }

    private func withDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mm-invoices-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory)
    }
}
