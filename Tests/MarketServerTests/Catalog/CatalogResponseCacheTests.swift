import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import MarketServer

@Suite("Catalog response cache")
struct CatalogResponseCacheTests {
    @Test("entries are served only at the version they were made for")
    func versions() {
        let cache = CatalogResponseCache()
        cache.put("k", .init(version: 3, body: Data("x".utf8), etag: "\"e\""))
        #expect(cache.get("k", version: 3)?.body == Data("x".utf8))
        #expect(cache.get("k", version: 4) == nil)
        #expect(CatalogResponseCache.key(path: "/p", query: "b=2&a=1") == CatalogResponseCache.key(path: "/p", query: "a=1&b=2"))
    }

    @Test("the version is re-read after a local write, and within the window otherwise remembered")
    func versionWindow() async throws {
        let cache = CatalogResponseCache()
        let reads = NIOLockedValueBox(0)
        let read: @Sendable () async throws -> Int = { reads.withLockedValue { $0 += 1; return $0 } }
        #expect(try await cache.version(read: read) == 1)
        #expect(try await cache.version(read: read) == 1, "remembered within the window")
        cache.forgetVersion()
        #expect(try await cache.version(read: read) == 2, "a local write forces a fresh read")
        try await Task.sleep(for: CatalogResponseCache.versionWindow + .milliseconds(20))
        #expect(try await cache.version(read: read) == 3, "after the window the database is asked again")
    }

    @Test("a read that began before a local write does not store its older answer")
    func raceWithWrite() async throws {
        let cache = CatalogResponseCache()
        let stale = try await cache.version { cache.forgetVersion(); return 7 }  // a write lands mid-read
        #expect(stale == 7)
        #expect(try await cache.version { 8 } == 8, "the mid-read answer was not kept")
    }

    @Test("a catalog write shows on the very next list request")
    func writeVisibleAtOnce() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let vendor = try await client.register("cache-vendor@example.com", role: .vendor)
            let shop = try await client.request(.post, "/api/v1/shops", raw: #"{"name":"Cache Shop","description":"","currency":"USD"}"#, token: vendor.accessToken)
            let shopID = try #require(try shop.jsonObject()["id"] as? String)
            let before = try await client.request(.get, "/api/v1/products?limit=5")
            #expect(try before.jsonObject()["items"] as? [Any] == nil || (try before.jsonObject()["items"] as? [Any])?.isEmpty == true)
            _ = try await client.request(.post, "/api/v1/shops/\(shopID)/products",
                                         raw: #"{"title":"Fresh Mug","description":"","price":{"amount":900,"currency":"USD"},"inventoryCount":1}"#, token: vendor.accessToken)
            let after = try await client.request(.get, "/api/v1/products?limit=5")
            #expect((try after.jsonObject()["items"] as? [[String: Any]])?.first?["title"] as? String == "Fresh Mug")
        }
    }
}
