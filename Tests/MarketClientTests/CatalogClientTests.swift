import Foundation
import MarketClient
import MarketModels
import Testing

/// Browsing, the vendor's catalog writes, permissions and the admin list, against the
/// demo store.
@Suite("Catalog client", .liveServer())
struct CatalogClientTests {
    @Test("cursor paging walks the whole listing once; facets count the same set")
    func paging() async throws {
        let client = try TestClient().client
        // Outdoor only: the vendor test beside this one adds a mug, which must not land
        // between two pages of this walk.
        var query = ProductQuery(category: "outdoor", sort: .price, facets: [.shop, .category, .price], limit: 7)
        let first = try await client.products(query)
        let facets = try #require(first.facets)
        let total = try #require(facets.shop).reduce(0) { $0 + $1.count }
        #expect(total > 20)
        #expect(facets.category?.contains { $0.value == "outdoor/camping" } == true)
        #expect(try #require(facets.price).reduce(0) { $0 + $1.count } == total)
        #expect(facets.tag == nil)

        var seen = first.items.map(\.id)
        var cursor = first.nextCursor
        var pages = 1
        while let next = cursor {
            query = query.page(after: next)
            let page = try await client.products(query)
            seen += page.items.map(\.id)
            cursor = page.nextCursor
            pages += 1
        }
        #expect(seen.count == total && Set(seen).count == total)
        #expect(pages == (total + 6) / 7)
    }

    @Test("filters travel as query items and narrow the listing")
    func filters() async throws {
        let test = try TestClient()
        let mugs = try await test.client.products(ProductQuery(q: "mug", category: "kitchen", maxPrice: 4000, inStock: true, limit: 100))
        #expect(!mugs.items.isEmpty)
        #expect(mugs.items.allSatisfy { $0.category?.hasPrefix("kitchen") == true && $0.price.amount <= 4000 && $0.inStock })
        let url = try #require(test.wire.exchanges.last?.request.url.absoluteString)
        #expect(url.hasSuffix("/api/v1/products?q=mug&category=kitchen&maxPrice=4000&inStock=true&limit=100"))

        let suggestions = try await test.client.suggest(prefix: "mu").suggestions
        #expect(suggestions.contains { $0.hasPrefix("mu") })
    }

    @Test("a product is revalidated with its ETag; the 304 returns the cached copy")
    func etag() async throws {
        let test = try TestClient()
        let listed = try #require(try await test.client.products(ProductQuery(limit: 1)).items.first)
        let first = try await test.client.product(listed.id)
        let second = try await test.client.product(listed.id)
        #expect(first == second && first.id == listed.id)
        let detail = test.wire.exchanges.filter { $0.path == "/api/v1/products/\(listed.id)" }
        #expect(detail.map(\.status) == [200, 304])
        #expect(detail.last?.request.header("If-None-Match")?.hasPrefix("\"") == true)
    }

    @Test("a vendor opens a shop, adds a product with variants, adjusts stock and edits it")
    func vendorFlow() async throws {
        let vendor = try TestClient()
        let email = "maker-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let me = try await vendor.client.register(RegisterRequest(email: email, password: "long enough password", name: "Mo Maker", role: .vendor))
        let shop = try await vendor.client.createShop(CreateShopRequest(name: "Mo's Mugs \(me.id.rawValue.suffix(6))", description: "Mugs.", currency: .usd))
        #expect(shop.ownerId == me.id)
        #expect(try await vendor.client.shops(ownerId: me.id).items.map(\.id) == [shop.id])
        let renamed = try await vendor.client.updateShop(shop.id, UpdateShopRequest(description: "Mugs, mostly."))
        #expect(renamed.description == "Mugs, mostly.")

        let created = try await vendor.client.createProduct(shopId: shop.id, CreateProductRequest(
            title: "Big Mug", description: "Holds a lot.", price: Money(amount: 2500, currency: .usd), category: "kitchen/mugs",
            tags: ["mug"], variants: [
                VariantInput(sku: "BIG-RED", options: ["colour": "red"], inventoryCount: 3),
                VariantInput(sku: "BIG-BLUE", options: ["colour": "blue"], price: Money(amount: 2700, currency: .usd), inventoryCount: 4),
            ]))
        #expect(created.variants.count == 2 && created.inventoryCount == 7)

        let red = try #require(created.variants.first { $0.sku == "BIG-RED" })
        let restocked = try await vendor.client.adjustStock(created.id, variantId: red.id, delta: 5)
        #expect(restocked.inventoryCount == 12)
        #expect(restocked.variants.first { $0.id == red.id }?.inventoryCount == 8)

        let tooMuch = await #expect(throws: ClientError.self) { try await vendor.client.adjustStock(created.id, delta: 1) }
        #expect(tooMuch?.fieldErrors["variantId"] != nil)

        let edited = try await vendor.client.updateProduct(created.id, UpdateProductRequest(title: "Bigger Mug"))
        #expect(edited.title == "Bigger Mug")
        #expect(try await vendor.client.product(created.id).title == "Bigger Mug")

        let duplicate = await #expect(throws: ClientError.self) {
            try await vendor.client.createProduct(shopId: shop.id, CreateProductRequest(
                title: "Twins", description: "", price: Money(amount: 100, currency: .usd),
                variants: [VariantInput(sku: "TW-1", inventoryCount: 1), VariantInput(sku: "TW-1", inventoryCount: 1)]))
        }
        #expect(duplicate?.fieldErrors["variants[1].sku"] == "This SKU appears twice.")

        try await vendor.client.deleteProduct(created.id)
        let gone = await #expect(throws: ClientError.self) { try await vendor.client.product(created.id) }
        #expect(gone?.code == .notFound)
    }

    @Test("a buyer cannot change a vendor's product")
    func buyerCannotPatch() async throws {
        let buyer = try await TestClient.signedIn(Demo.buyer)
        let kiln = try #require(try await buyer.client.products(ProductQuery(q: "Ceramic Mug", limit: 5)).items.first { $0.shop.slug == "kiln-and-co" })
        let error = await #expect(throws: ClientError.self) {
            try await buyer.client.updateProduct(kiln.id, UpdateProductRequest(price: Money(amount: 1, currency: .usd)))
        }
        #expect(error?.code == .forbidden)
        if case .server(let failure) = error { #expect(failure.status == 403) }
        #expect(error?.userMessage == "Your account isn't allowed to do that.")
        #expect(try await buyer.client.product(kiln.id).price == kiln.price)

        let shopError = await #expect(throws: ClientError.self) {
            try await buyer.client.createShop(CreateShopRequest(name: "Not a vendor", description: "", currency: .usd))
        }
        #expect(shopError?.code == .forbidden)
    }

    @Test("admins list every account; a buyer is refused; nobody signed in is asked to sign in")
    func adminUsers() async throws {
        let admin = try await TestClient.signedIn(Demo.admin)
        let first = try await admin.client.adminUsers(limit: 5)
        #expect(first.items.count == 5)
        let next = try #require(first.nextCursor)
        let second = try await admin.client.adminUsers(limit: 5, cursor: next)
        #expect(Set(first.items.map(\.id)).isDisjoint(with: second.items.map(\.id)))
        let admins = try await admin.client.adminUsers(role: .admin)
        #expect(admins.items.map(\.email).contains(Demo.admin))
        #expect(admins.items.allSatisfy { $0.role == .admin })

        let buyer = try await TestClient.signedIn(Demo.buyer)
        let refused = await #expect(throws: ClientError.self) { try await buyer.client.adminUsers() }
        #expect(refused?.code == .forbidden)
        #expect(refused?.userMessage == "Your account isn't allowed to do that.")

        let anonymous = await #expect(throws: ClientError.self) { try await TestClient().client.adminUsers() }
        #expect(anonymous == .notSignedIn)
    }

    @Test("requests carry the client's headers and the server echoes the request id")
    func headers() async throws {
        let test = try await TestClient.signedIn(Demo.buyer)
        _ = try await test.client.me()
        let login = try #require(test.wire.exchanges.first)
        #expect(login.request.header("Authorization") == nil)
        #expect(login.request.header("User-Agent") == "marketmate/\(APIClient.version)")
        #expect(login.request.header("X-Request-Id")?.hasPrefix("req_") == true)
        let me = try #require(test.wire.exchanges.last)
        #expect(me.request.header("Authorization")?.hasPrefix("Bearer ") == true)
    }
}
