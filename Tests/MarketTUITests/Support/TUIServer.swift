import Foundation
import MarketClient
import MarketModels
import MarketServer
import MarketServerCLI
import Testing

/// One real MarketMate server per suite, seeded with the demo store: `@Suite(.tuiServer)`
/// starts an `EmbeddedServer` on a throwaway directory before the suite's first test and
/// stops it after the last. Tests reach it through `TUIServer.current` (and `AppHarness`
/// does so by itself).
///
/// Tests that change data should work in an account of their own (`TUIFixtures`), since
/// the tests of a suite run in parallel against the one server.
struct TUIServer: SuiteTrait, TestScoping {
    var seedDemo = true
    /// Background jobs (CSV imports) run in the server, as in `marketmate demo`; off by
    /// default so suites that need none do not poll the job queue.
    var runsJobWorker = false

    @TaskLocal static var running: EmbeddedServer?

    static var current: EmbeddedServer {
        get throws {
            guard let running else { throw TUIFixtureError("no server: add .tuiServer to the suite") }
            return running
        }
    }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let directory = try EmbeddedServer.makeThrowawayDataDirectory(prefix: "mm-tui-test")
        let server = try await EmbeddedServer.start(
            dataDirectory: directory, seedDemo: seedDemo, runsJobWorker: runsJobWorker, removeDataDirectoryOnStop: true, logging: .file(level: .warning),
            configure: { config in
                // Working hashes, not slow ones: production cost has its own test.
                config.auth.argon2MemoryKiB = 1024
                config.auth.argon2Iterations = 1
                config.auth.hashConcurrency = 4
                config.environment = "test"
            })
        do {
            try await Self.$running.withValue(server) { try await function() }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}

extension Trait where Self == TUIServer {
    /// A server with the demo store for the whole suite.
    static var tuiServer: TUIServer { TUIServer() }

    /// The same, with the job worker running (imports finish).
    static var tuiServerWithJobs: TUIServer { TUIServer(runsJobWorker: true) }
}

struct TUIFixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The demo accounts (`DemoData` is the source of truth for the password).
enum DemoAccounts {
    static var password: String { DemoData.password }
    static let admin = "admin@demo.marketmate.test"
    static let vendor = "vendor@demo.marketmate.test"
    static let buyer = "buyer@demo.marketmate.test"
}

/// Clients and data of one's own on the suite's server.
enum TUIFixtures {
    /// A client with an in-memory session (nothing touches the user's session file).
    static func client(server: EmbeddedServer? = nil) throws -> APIClient {
        let server = try server ?? TUIServer.current
        return APIClient(endpoint: ServerEndpoint(server.baseURL.absoluteString)!, sessionStore: InMemorySessionStore())
    }

    static func signedIn(_ email: String, password: String = DemoAccounts.password) async throws -> APIClient {
        let client = try client()
        try await client.login(email: email, password: password)
        return client
    }

    /// A new vendor account (unique email) with one shop of its own, signed in.
    static func vendorWithShop(shopName: String = "Test Pottery", currency: Currency = .usd) async throws -> (client: APIClient, user: UserDTO, shop: ShopDTO) {
        let client = try client()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let user = try await client.register(RegisterRequest(email: "vendor-\(tag)@example.test", password: "tui-test-password", name: "Test Vendor", role: .vendor))
        let shop = try await client.createShop(CreateShopRequest(name: shopName, description: "A shop for a test", currency: currency, slug: "test-\(tag)"))
        return (client, user, shop)
    }

    /// A simple product (no variants) in `shop`.
    @discardableResult
    static func product(
        _ title: String, price: Int64, stock: Int, status: ProductStatus = .active, variants: [VariantInput]? = nil,
        in shop: ShopDTO, client: APIClient
    ) async throws -> ProductDTO {
        try await client.createProduct(shopId: shop.id, CreateProductRequest(
            title: title, description: "\(title), made for a test.", price: Money(amount: price, currency: shop.currency),
            inventoryCount: variants == nil ? stock : nil, status: status, variants: variants))
    }
}
