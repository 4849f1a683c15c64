import Foundation
import MarketModels
import NIOPosix

/// Where invoice PDFs live: one per order, by order id. Writing again replaces the
/// invoice whole (readers see the old PDF or the new one, never a part). PDFs are small
/// (tens of kilobytes), so they are read and written whole.
public protocol InvoiceStore: Sendable {
    func write(_ pdf: [UInt8], for order: OrderID) async throws

    /// The order's invoice, or nil when none has been written.
    func read(_ order: OrderID) async throws -> [UInt8]?

    /// Removes the order's invoice; a missing one is not an error.
    func delete(_ order: OrderID) async throws
}

public enum InvoiceStoreError: Error, CustomStringConvertible {
    case invalidOrderID(String)
    case io(String)

    public var description: String {
        switch self {
        case .invalidOrderID(let id): "not an order id: \(id.prefix(80))"
        case .io(let message): "invoice store: \(message)"
        }
    }
}

/// The store the configuration asks for: local files, as for images.
enum InvoiceStoreFactory {
    static func make(configuration: ServerConfiguration) -> any InvoiceStore {
        LocalInvoiceStore(dataDirectory: configuration.dataDirectory)
    }
}

/// Invoices as `<data dir>/invoices/<order id>.pdf`: 0600 files in a 0700 directory,
/// written under a temporary name and renamed into place. Blocking file calls run on
/// NIO's thread pool.
struct LocalInvoiceStore: InvoiceStore {
    let root: String
    private static let files = LocalFiles { InvoiceStoreError.io($0) }

    init(dataDirectory: String) {
        root = (dataDirectory as NSString).appendingPathComponent("invoices")
    }

    /// "<id>.pdf" for a well-formed order id ("ord_" and a ULID: letters and digits only),
    /// so a file name made from it can never leave the directory; anything else is refused
    /// here too, whatever the caller checked, because the name comes from outside.
    static func fileName(forOrderID id: String) throws -> String {
        guard OrderID(rawValue: id) != nil else { throw InvoiceStoreError.invalidOrderID(id) }
        return id + ".pdf"
    }

    func path(for order: OrderID) throws -> String {
        (root as NSString).appendingPathComponent(try Self.fileName(forOrderID: order.rawValue))
    }

    func write(_ pdf: [UInt8], for order: OrderID) async throws {
        let target = try path(for: order)
        let temporary = (root as NSString).appendingPathComponent(".tmp/\(UUID().uuidString)")
        try await NIOThreadPool.singleton.runIfActive {
            try Self.files.replace(target, with: pdf, via: temporary)
        }
    }

    func read(_ order: OrderID) async throws -> [UInt8]? {
        let path = try path(for: order)
        return try await NIOThreadPool.singleton.runIfActive { try Self.files.contents(of: path) }
    }

    func delete(_ order: OrderID) async throws {
        let path = try path(for: order)
        try await NIOThreadPool.singleton.runIfActive {
            guard unlink(path) == 0 || errno == ENOENT else { throw Self.files.failure("cannot delete an invoice") }
        }
    }
}
