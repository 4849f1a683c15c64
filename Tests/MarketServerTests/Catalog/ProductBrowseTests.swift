import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// `GET /products` and `GET /products/:id`: visibility, caching, filters, sorting,
/// keyset paging under concurrent inserts, and facets, on SQLite and PostgreSQL.
@Suite("Product browsing")
struct ProductBrowseTests {
    /// A small catalog over two shops, created one clock tick apart so `newest` is exact.
    struct Fixture {
        let owner: CatalogUser
        let shop: ShopDTO
        let otherOwner: CatalogUser
        let otherShop: ShopDTO
        /// Public products by title.
        let products: [String: ProductDTO]
        let draft: ProductDTO
        let archived: ProductDTO
        /// Public products, oldest first.
        let created: [ProductDTO]

        subscript(_ title: String) -> ProductID { products[title]!.id }
    }

    static func fixture(_ app: TestApp, _ client: any TestClientProtocol) async throws -> Fixture {
        let (owner, shop) = try await client.vendorWithShop("browse", shopName: "Browse Shop")
        let (otherOwner, otherShop) = try await client.vendorWithShop("garden", shopName: "Garden Shop")
        var created: [ProductDTO] = []
        func add(_ shop: ShopDTO, _ owner: CatalogUser, _ body: CreateProductRequest) async throws -> ProductDTO {
            app.tick()
            return try await client.createProduct(shop, body, as: owner)
        }
        created.append(try await add(shop, owner, productRequest("Blue Mug", price: .usd(1200), inventoryCount: 5, category: "kitchen/mugs", tags: ["blue"])))
        created.append(try await add(shop, owner, productRequest("Red Mug", price: .usd(900), inventoryCount: 0, category: "kitchen/mugs", tags: ["red"])))
        created.append(try await add(shop, owner, productRequest("Blue Bowl", price: .usd(3000), inventoryCount: 2, category: "kitchen/bowls", tags: ["blue"])))
        created.append(try await add(otherShop, otherOwner, productRequest("Rake", price: .usd(5000), inventoryCount: 1, category: "garden")))
        created.append(try await add(shop, owner, productRequest("Kitchen Timer", price: .usd(2500), inventoryCount: 3, category: "kitchen", tags: ["red", "gadget"])))
        created.append(try await add(shop, owner, productRequest("Green Mug", price: .usd(1200), inventoryCount: 4, category: "kitchen/mugs", tags: ["green"])))
        let draft = try await add(shop, owner, productRequest("Blue Draft Mug", price: .usd(1000), category: "kitchen/mugs", tags: ["blue"], status: .draft))
        let archived = try await add(shop, owner, productRequest("Old Blue Mug", price: .usd(1100), category: "kitchen/mugs", tags: ["blue"], status: .archived))
        return Fixture(owner: owner, shop: shop, otherOwner: otherOwner, otherShop: otherShop,
                       products: Dictionary(uniqueKeysWithValues: created.map { ($0.title, $0) }), draft: draft, archived: archived, created: created)
    }

    @Test("only active products of active shops are public; owners list drafts and archived with shopId", arguments: TestDatabase.enabled)
    func visibility(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let f = try await Self.fixture(app, client)
            let publicIDs = Set(f.created.map(\.id))
            #expect(Set(try await client.listProducts().items.map(\.id)) == publicIDs)
            #expect(Set(try await client.listProducts(as: f.owner).items.map(\.id)) == publicIDs, "without shopId the owner browses like anyone")
            #expect(try await client.getProduct(f.draft.id).status == .notFound)
            #expect(try await client.getProduct(f.archived.id).status == .notFound)
            #expect(try await client.getProduct(f.draft.id, as: f.otherOwner).status == .notFound)
            #expect(try await client.getProduct(f.draft.id, as: f.owner).status == .ok)

            let ownShop = try await client.listProducts([("shopId", f.shop.id.rawValue)], as: f.owner)
            #expect(Set(ownShop.items.map(\.id)) == Set(f.created.filter { $0.shopId == f.shop.id }.map(\.id) + [f.draft.id, f.archived.id]))
            #expect(try await client.listProducts([("shopId", f.shop.id.rawValue), ("status", "draft")], as: f.owner).items.map(\.id) == [f.draft.id])
            #expect(try await client.listProducts([("shopId", f.shop.id.rawValue), ("status", "archived")], as: f.owner).items.map(\.id) == [f.archived.id])
            #expect(try await client.listProducts([("shopId", f.shop.id.rawValue), ("status", "active")], as: f.owner).items.count == 5)
            let admin = try await app.admin(client)
            #expect(try await client.listProducts([("shopId", f.shop.id.rawValue), ("status", "draft")], as: admin).items.map(\.id) == [f.draft.id])

            // Others listing the shop see only its public products, and may not filter by status.
            let publicShop = try await client.listProducts([("shopId", f.shop.id.rawValue)], as: f.otherOwner)
            #expect(Set(publicShop.items.map(\.id)) == Set(f.created.filter { $0.shopId == f.shop.id }.map(\.id)))
            for (user, parameters) in [(nil, [("status", "draft")]), (f.otherOwner, [("shopId", f.shop.id.rawValue), ("status", "draft")]),
                                       (f.owner, [("status", "draft")]), (f.owner, [("shopId", f.otherShop.id.rawValue), ("status", "active")])] as [(CatalogUser?, [(String, String)])] {
                let response = try await client.request(.get, catalogQuery("/api/v1/products", parameters), token: user?.token)
                #expect(response.status == .badRequest)
                #expect(try response.errorBody.code == "validation_failed")
                #expect(try response.errorFields == ["status"])
            }
        }
    }

    @Test("GET /products/:id: ETag, If-None-Match 304 with an empty body, a new ETag after a change; Cache-Control by visibility", arguments: TestDatabase.enabled)
    func etags(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("etag")
            let product = try await client.createProduct(shop, productRequest("Tagged Vase"), as: owner)
            let first = try await client.getProduct(product.id)
            #expect(first.status == .ok)
            let etag = try #require(first.header("ETag"))
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
            #expect(first.header("Cache-Control")?.hasPrefix("public") == true)
            #expect(try await client.getProduct(product.id).header("ETag") == etag, "stable while nothing changes")
            for match in [etag, "W/\(etag)", "\"other\", \(etag)"] {
                let cached = try await client.getProduct(product.id, headers: .named(["If-None-Match": match]))
                #expect(cached.status == .notModified, "\(match)")
                #expect(cached.body.readableBytes == 0)
                #expect(cached.header("ETag") == etag)
            }
            let any = try await client.getProduct(product.id, headers: .named(["If-None-Match": "*"]))
            #expect(any.status == .notModified)
            #expect(any.body.readableBytes == 0)
            #expect(any.header("ETag") != nil)
            #expect(any.header("Cache-Control")?.hasPrefix("public") == true)
            #expect(try await client.getProduct(product.id, headers: .named(["If-None-Match": "\"stale\""])).status == .ok)

            app.tick()
            #expect(try await client.patchProduct(product.id, UpdateProductRequest(description: "Now with flowers."), as: owner).status == .ok)
            let changed = try await client.getProduct(product.id, headers: .named(["If-None-Match": etag]))
            #expect(changed.status == .ok)
            let newTag = try #require(changed.header("ETag"))
            #expect(newTag != etag)
            #expect(try changed.decode(ProductDTO.self).description == "Now with flowers.")
            let revalidated = try await client.getProduct(product.id, headers: .named(["If-None-Match": newTag]))
            #expect(revalidated.status == .notModified)
            // A stock move is a change too.
            #expect(try await client.adjustStock(product.id, delta: 1, as: owner).status == .ok)
            #expect(try await client.getProduct(product.id, headers: .named(["If-None-Match": newTag])).status == .ok)

            // Drafts are private to their owner's cache.
            let draft = try await client.createProduct(shop, productRequest("Secret Vase", status: .draft), as: owner)
            let own = try await client.getProduct(draft.id, as: owner)
            #expect(own.status == .ok)
            #expect(own.header("Cache-Control")?.hasPrefix("private") == true)
            #expect(try await client.listProducts().items.map(\.id) == [product.id])
            let publicList = try await client.request(.get, "/api/v1/products")
            #expect(publicList.header("Cache-Control")?.hasPrefix("public") == true)
            let ownList = try await client.request(.get, "/api/v1/products?shopId=\(shop.id)", token: owner.token)
            #expect(ownList.header("Cache-Control")?.hasPrefix("private") == true)
        }
    }

    @Test("filters: category includes subcategories, tag, shopId, price range, inStock", arguments: TestDatabase.enabled)
    func filters(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let f = try await Self.fixture(app, client)
            func titles(_ parameters: [(String, String)]) async throws -> Set<String> {
                Set(try await client.listProducts(parameters + [("limit", "100")]).items.map(\.title))
            }
            #expect(try await titles([("category", "kitchen")]) == ["Blue Mug", "Red Mug", "Blue Bowl", "Kitchen Timer", "Green Mug"])
            #expect(try await titles([("category", "Kitchen/")]) == ["Blue Mug", "Red Mug", "Blue Bowl", "Kitchen Timer", "Green Mug"])
            #expect(try await titles([("category", "kitchen/mugs")]) == ["Blue Mug", "Red Mug", "Green Mug"])
            #expect(try await titles([("category", "kitchen/bowls")]) == ["Blue Bowl"])
            #expect(try await titles([("category", "garden")]) == ["Rake"])
            #expect(try await titles([("category", "kit")]).isEmpty)
            #expect(try await titles([("category", "mugs")]).isEmpty)
            #expect(try await titles([("tag", "blue")]) == ["Blue Mug", "Blue Bowl"])
            #expect(try await titles([("tag", " BLUE ")]) == ["Blue Mug", "Blue Bowl"])
            #expect(try await titles([("tag", "gadget")]) == ["Kitchen Timer"])
            #expect(try await titles([("tag", "purple")]).isEmpty)
            #expect(try await titles([("shopId", f.otherShop.id.rawValue)]) == ["Rake"])
            #expect(try await titles([("minPrice", "1200")]) == ["Blue Mug", "Blue Bowl", "Rake", "Kitchen Timer", "Green Mug"])
            #expect(try await titles([("maxPrice", "1200")]) == ["Blue Mug", "Red Mug", "Green Mug"])
            #expect(try await titles([("minPrice", "1200"), ("maxPrice", "3000")]) == ["Blue Mug", "Blue Bowl", "Kitchen Timer", "Green Mug"])
            #expect(try await titles([("minPrice", "1201"), ("maxPrice", "2999")]) == ["Kitchen Timer"])
            #expect(try await titles([("inStock", "true")]) == ["Blue Mug", "Blue Bowl", "Rake", "Kitchen Timer", "Green Mug"])
            #expect(try await titles([("inStock", "false")]) == ["Red Mug"])
            #expect(try await titles([("category", "kitchen"), ("tag", "blue"), ("inStock", "true"), ("maxPrice", "2000")]) == ["Blue Mug"])
            #expect(try await titles([("category", "kitchen/mugs"), ("shopId", f.otherShop.id.rawValue)]).isEmpty)
            #expect(try await titles([("q", "mug"), ("category", "kitchen"), ("minPrice", "1000")]) == ["Blue Mug", "Green Mug"])

            // A changed category moves the product between filters.
            #expect(try await client.patchProduct(f["Rake"], UpdateProductRequest(category: "garden/tools"), as: f.otherOwner).status == .ok)
            #expect(try await titles([("category", "garden/tools")]) == ["Rake"])
            #expect(try await titles([("category", "garden")]) == ["Rake"])
            #expect(try await client.patchProduct(f["Rake"], UpdateProductRequest(tags: ["blue"]), as: f.otherOwner).status == .ok)
            #expect(try await titles([("tag", "blue")]) == ["Blue Mug", "Blue Bowl", "Rake"])
        }
    }

    @Test("sort: newest, price and -price in exactly the right order, ties by id", arguments: TestDatabase.enabled)
    func sorting(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let f = try await Self.fixture(app, client)
            func ids(_ parameters: [(String, String)]) async throws -> [ProductID] {
                try await client.listProducts(parameters).items.map(\.id)
            }
            let newest = Array(f.created.reversed().map(\.id))
            #expect(try await ids([]) == newest, "newest is the default without q")
            #expect(try await ids([("sort", "newest")]) == newest)
            #expect(try await ids([("sort", "relevance")]) == newest, "relevance without words falls back to newest")

            // Blue Mug and Green Mug share 12.00: the older (smaller id) first, reversed for -price.
            let byPrice = ["Red Mug", "Blue Mug", "Green Mug", "Kitchen Timer", "Blue Bowl", "Rake"].map { f[$0] }
            #expect(try await ids([("sort", "price")]) == byPrice)
            #expect(try await ids([("sort", "-price")]) == Array(byPrice.reversed()))
            let prices = try await client.listProducts([("sort", "-price")]).items.map(\.price.amount)
            #expect(prices == [5000, 3000, 2500, 1200, 1200, 900])

            // Sorting applies after filtering.
            #expect(try await ids([("sort", "price"), ("tag", "blue")]) == [f["Blue Mug"], f["Blue Bowl"]])
            #expect(try await ids([("sort", "-price"), ("category", "kitchen/mugs")]) == [f["Green Mug"], f["Blue Mug"], f["Red Mug"]])

            // A price change moves the product.
            #expect(try await client.patchProduct(f["Rake"], UpdateProductRequest(price: .usd(100)), as: f.otherOwner).status == .ok)
            #expect(try await ids([("sort", "price")]).first == f["Rake"])
        }
    }

    @Test("bad parameters are 400 naming the parameter", arguments: TestDatabase.enabled)
    func badParameters(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let f = try await Self.fixture(app, client)
            let priceCursor = try #require(try await client.listProducts([("sort", "price"), ("limit", "2")]).nextCursor)
            let newestCursor = try #require(try await client.listProducts([("limit", "2")]).nextCursor)
            let relevanceCursor = try #require(try await client.listProducts([("q", "mug"), ("limit", "1")]).nextCursor)
            let cases: [([(String, String)], String)] = [
                ([("sort", "cheap")], "sort"),
                ([("sort", "PRICE")], "sort"),
                ([("limit", "abc")], "limit"),
                ([("limit", "1.5")], "limit"),
                ([("minPrice", "-1")], "minPrice"),
                ([("maxPrice", "ten")], "maxPrice"),
                ([("minPrice", "12.50")], "minPrice"),
                ([("minPrice", "500"), ("maxPrice", "100")], "maxPrice"),
                ([("facets", "colour")], "facets"),
                ([("facets", "tag,colour")], "facets"),
                ([("cursor", "garbage")], "cursor"),
                ([("cursor", "!!!")], "cursor"),
                ([("cursor", priceCursor)], "cursor"),
                ([("cursor", priceCursor), ("sort", "-price")], "cursor"),
                ([("cursor", newestCursor), ("sort", "price")], "cursor"),
                ([("cursor", relevanceCursor)], "cursor"),
                ([("cursor", relevanceCursor), ("q", "mug"), ("sort", "newest")], "cursor"),
                ([("inStock", "maybe")], "inStock"),
                ([("category", "kitchen/mugs!")], "category"),
                ([("shopId", "shop-1")], "shopId"),
                ([("status", "deleted"), ("shopId", f.shop.id.rawValue)], "status"),
            ]
            for (parameters, field) in cases {
                let response = try await client.request(.get, catalogQuery("/api/v1/products", parameters), token: f.owner.token)
                #expect(response.status == .badRequest, "\(parameters)")
                #expect(try response.errorBody.code == "validation_failed", "\(parameters)")
                #expect(try response.errorFields == [field], "\(parameters)")
            }
            // Several problems at once are all named.
            let many = try await client.request(.get, "/api/v1/products?sort=cheap&limit=abc&minPrice=-1&facets=colour")
            #expect(Set(try many.errorFields) == ["sort", "limit", "minPrice", "facets"])
            // The good cursors work where they belong.
            #expect(try await client.listProducts([("sort", "price"), ("cursor", priceCursor)]).items.count == 4)
            #expect(try await client.listProducts([("cursor", newestCursor)]).items.count == 4)
        }
    }

    @Test("paging 45 products with limit 7 in every sort, with inserts between pages, returns each once", arguments: TestDatabase.enabled)
    func paging(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("pager")
            var original: [ProductDTO] = []
            for i in 0..<45 {
                // Repeating prices and near-identical text, so ties in every sort key are common.
                let price = Int64(500 + (i % 9) * 100)
                let title = i.isMultiple(of: 5) ? "Widget \(i) Widget" : "Widget \(i)"
                original.append(try await client.createProduct(shop, productRequest(title, description: "A widget.", price: .usd(price), tags: ["widget"]), as: owner))
                app.tick()
            }
            let originalIDs = Set(original.map(\.id))

            func check(_ items: [ProductDTO], _ label: String) {
                let ids = items.map(\.id)
                #expect(Set(ids).count == ids.count, "\(label): an id came twice")
                let counts = Dictionary(grouping: ids.filter(originalIDs.contains), by: { $0 }).mapValues(\.count)
                #expect(counts.count == originalIDs.count && counts.values.allSatisfy { $0 == 1 }, "\(label): \(originalIDs.count - counts.count) products missing")
            }

            // Without writes in between, paging gives exactly the one-page answer.
            for sort in ["newest", "price", "-price", "relevance"] {
                var parameters = [("sort", sort)]
                if sort == "relevance" { parameters.append(("q", "widget")) }
                let paged = try await client.allPages(parameters, limit: 7)
                check(paged, sort)
                #expect(paged.count == 45, "\(sort)")
                let single = try await client.listProducts(parameters + [("limit", "100")])
                #expect(single.nextCursor == nil)
                #expect(paged.map(\.id) == single.items.map(\.id), "\(sort): pages differ from one big page")
            }
            let newestOrder = try await client.allPages([("sort", "newest")], limit: 7).map(\.id)
            #expect(newestOrder == original.map(\.id).reversed())

            // Inserts while paging newest: nothing old is lost or repeated, and ids keep falling.
            var inserted = 0
            let newest = try await client.allPages([("sort", "newest")], limit: 7) { _ in
                for _ in 0..<2 {
                    app.tick()
                    try await client.createProduct(shop, productRequest("Late Widget \(inserted)", price: .usd(Int64(400 + inserted * 150))), as: owner)
                    inserted += 1
                }
            }
            check(newest, "newest with inserts")
            #expect(newest.map(\.id) == newest.map(\.id).sorted(by: >))

            // Inserts while paging by price, some cheaper and some dearer than the cursor, some tying.
            let byPrice = try await client.allPages([("sort", "price")], limit: 7) { page in
                for price in [Int64(450), Int64(500 + page * 100), Int64(1400)] {
                    app.tick()
                    try await client.createProduct(shop, productRequest("Priced Widget \(page)-\(price)", price: .usd(price)), as: owner)
                }
            }
            check(byPrice, "price with inserts")
            let keys = byPrice.map { ($0.price.amount, $0.id.rawValue) }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "price order broken across pages")
            let byPriceDescending = try await client.allPages([("sort", "-price")], limit: 7) { page in
                app.tick()
                try await client.createProduct(shop, productRequest("Dear Widget \(page)", price: .usd(Int64(max(1300 - page * 100, 100)))), as: owner)
            }
            check(byPriceDescending, "-price with inserts")
            let descendingKeys = byPriceDescending.map { ($0.price.amount, $0.id.rawValue) }
            #expect(zip(descendingKeys, descendingKeys.dropFirst()).allSatisfy { $0 > $1 })

            // Relevance with a filter still pages cleanly.
            let filtered = try await client.allPages([("q", "widget"), ("maxPrice", "800")], limit: 7)
            #expect(Set(filtered.map(\.id)).count == filtered.count)
            #expect(filtered.allSatisfy { $0.price.amount <= 800 })
        }
    }

    @Test("facets count exactly what filtering by each value returns", arguments: TestDatabase.enabled)
    func facets(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let f = try await Self.fixture(app, client)
            // A few more, so the counts are not all one.
            for (i, category) in ["kitchen/mugs", "kitchen/bowls", "kitchen/bowls", "garden/tools", "kitchen/mugs/espresso"].enumerated() {
                try await client.createProduct(f.shop, productRequest("Extra Mug \(i)", price: .usd(Int64(700 + i * 6000)), category: category, tags: i.isMultiple(of: 2) ? ["blue", "sale"] : ["sale"]), as: f.owner)
            }
            _ = try await client.createProduct(f.shop, productRequest("Uncategorised Blue Thing", price: .usd(25_000), tags: ["blue"]), as: f.owner)

            func total(_ parameters: [(String, String)]) async throws -> Int {
                try await client.allPages(parameters, limit: 100).count
            }
            /// `filters` narrowed further: the price range is intersected, other names replaced.
            func narrowed(_ filters: [(String, String)], _ extra: [(String, String)]) -> [(String, String)] {
                var result = filters.filter { name, _ in !extra.contains { $0.0 == name } }
                for (name, value) in extra {
                    let existing = filters.first { $0.0 == name }.flatMap { Int64($0.1) }
                    switch (name, existing, Int64(value)) {
                    case ("minPrice", let old?, let new?): result.append((name, String(max(old, new))))
                    case ("maxPrice", let old?, let new?): result.append((name, String(min(old, new))))
                    default: result.append((name, value))
                    }
                }
                return result
            }
            func check(_ filters: [(String, String)], _ label: String) async throws {
                let response = try await client.listProducts(filters + [("facets", "category,tag,shop,price"), ("limit", "3")])
                let facets = try #require(response.facets, "\(label): no facets")
                let items = try await client.allPages(filters, limit: 100)
                #expect(!items.isEmpty, "\(label)")
                let categories = try #require(facets.category), tags = try #require(facets.tag)
                let shops = try #require(facets.shop), prices = try #require(facets.price)
                for facet in categories {
                    let expected = items.filter { $0.category == facet.value || $0.category?.hasPrefix(facet.value + "/") == true }.count
                    #expect(facet.count == expected, "\(label): category \(facet.value)")
                    #expect(try await total(narrowed(filters, [("category", facet.value)])) == facet.count, "\(label): category \(facet.value)")
                }
                for facet in tags {
                    #expect(facet.count == items.filter { $0.tags.contains(facet.value) }.count, "\(label): tag \(facet.value)")
                    if !filters.contains(where: { $0.0 == "tag" }) {
                        #expect(try await total(filters + [("tag", facet.value)]) == facet.count, "\(label): tag \(facet.value)")
                    }
                }
                for facet in shops {
                    #expect(facet.count == items.filter { $0.shopId.rawValue == facet.value }.count, "\(label): shop \(facet.value)")
                    #expect(try await total(filters + [("shopId", facet.value)]) == facet.count, "\(label): shop \(facet.value)")
                }
                #expect(shops.map(\.count).reduce(0, +) == items.count, "\(label): shops")
                #expect(prices.map(\.count).reduce(0, +) == items.count, "\(label): price buckets")
                for bucket in prices {
                    let expected = items.filter { item in item.price.amount >= bucket.min && (bucket.max.map { item.price.amount < $0 } ?? true) }.count
                    #expect(bucket.count == expected, "\(label): price from \(bucket.min)")
                    guard bucket.count > 0 else { continue }
                    var range = [("minPrice", String(bucket.min))]
                    if let max = bucket.max { range.append(("maxPrice", String(max - 1))) }
                    #expect(try await total(narrowed(filters, range)) == bucket.count, "\(label): price from \(bucket.min)")
                }
                // Every value present in the results has a facet entry.
                #expect(Set(tags.map(\.value)) == Set(items.flatMap(\.tags)), "\(label)")
                let roots = Set(items.compactMap { $0.category?.split(separator: "/").first.map(String.init) })
                #expect(roots.isSubset(of: Set(categories.map(\.value))), "\(label)")
            }
            try await check([], "everything")
            try await check([("q", "mug")], "q=mug")
            try await check([("q", "blue")], "q=blue")
            try await check([("category", "kitchen")], "kitchen")
            try await check([("tag", "sale"), ("inStock", "true")], "sale in stock")
            try await check([("q", "mug"), ("maxPrice", "2000")], "cheap mugs")

            // Exact numbers for the whole catalog.
            let facets = try #require(try await client.listProducts([("facets", "category,tag,shop,price")]).facets)
            let category = Dictionary(uniqueKeysWithValues: (facets.category ?? []).map { ($0.value, $0.count) })
            #expect(category["kitchen/mugs"] == 5)  // Blue, Red, Green, Extra 0, Extra 4 (espresso)
            #expect(category["kitchen/bowls"] == 3)
            #expect(category["kitchen/mugs/espresso"] == 1)
            #expect(category["kitchen"] == 9, "roll-up: mugs + bowls + the timer in kitchen itself")
            #expect(category["kitchen"] == category["kitchen/mugs"]! + category["kitchen/bowls"]! + 1)
            #expect(category["garden"] == 2 && category["garden/tools"] == 1)
            let tag = Dictionary(uniqueKeysWithValues: (facets.tag ?? []).map { ($0.value, $0.count) })
            #expect(tag == ["blue": 6, "sale": 5, "red": 2, "green": 1, "gadget": 1])
            #expect(facets.shop?.map(\.value) == [f.shop.id.rawValue, f.otherShop.id.rawValue])
            #expect(facets.shop?.map(\.count) == [11, 1])
            #expect(facets.shop?.first?.label == "Browse Shop")
            #expect(facets.price?.map(\.min) == [0, 1000, 2500, 5000, 10000, 25000])
            #expect(facets.price?.map(\.max) == [1000, 2500, 5000, 10000, 25000, nil])
            #expect(facets.price?.map(\.count) == [2, 2, 2, 2, 3, 1])
            // The draft (blue, kitchen/mugs) and the archived product count nowhere.
            #expect(tag["blue"] == (try await total([("tag", "blue")])))

            // Only the asked-for facets come back; none without facets=.
            let some = try await client.listProducts([("facets", "tag")])
            #expect(some.facets?.tag != nil && some.facets?.category == nil && some.facets?.price == nil && some.facets?.shop == nil)
            let plain = try await client.request(.get, "/api/v1/products")
            #expect(try plain.jsonObject()["facets"] == nil)
            #expect(try plain.jsonObject().keys.contains("nextCursor"))
        }
    }

    @Test("hostile filter values and ids are 200 or 400, never 5xx", arguments: TestDatabase.enabled)
    func hostileFilters(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let f = try await Self.fixture(app, client)
            let values = ["\u{0}", "a\u{0}b", String(repeating: "x", count: 5000), "'; DROP TABLE products;--", "%", "\u{202E}", "陶器", "🎉",
                          "-1", "99999999999999999999", "true\u{0}", "kitchen/\u{0}", "\\", "\"", "../../etc/passwd"]
            for name in ["tag", "category", "shopId", "sort", "cursor", "facets", "minPrice", "maxPrice", "inStock", "status", "limit", "q"] {
                for value in values {
                    let response = try await client.request(.get, catalogQuery("/api/v1/products", [(name, value)]), token: f.owner.token)
                    let ok = response.status == .ok || response.status == .badRequest
                    #expect(ok, "\(name)=\(value.debugDescription.prefix(40)): \(response.status)")
                    if response.status == .badRequest {
                        #expect(try response.errorFields == [name], "\(name)=\(value.debugDescription.prefix(40))")
                    }
                }
            }
            for value in values {
                let shops = try await client.request(.get, catalogQuery("/api/v1/shops", [("ownerId", value)]))
                #expect(shops.status == .badRequest, "ownerId=\(value.debugDescription.prefix(40))")
                let escaped = catalogQuery("", [("x", value)]).dropFirst(3)
                #expect(try await client.request(.get, "/api/v1/products/\(escaped)").status == .notFound)
                #expect(try await client.request(.get, "/api/v1/shops/\(escaped)").status == .notFound)
            }
            // NUL and bidi controls in written text are refused by validation.
            for bad in ["Nul\u{0}Byte", "Bidi\u{202E}Text"] {
                let shop = try await client.request(.post, "/api/v1/shops", json: CreateShopRequest(name: bad, description: "", currency: .usd), token: f.owner.token)
                #expect(shop.status == .badRequest)
                #expect(try shop.errorFields == ["name"])
                let product = try await client.request(.post, "/api/v1/shops/\(f.shop.id)/products", json: productRequest(bad), token: f.owner.token)
                #expect(product.status == .badRequest)
                #expect(try product.errorFields == ["title"])
                let tags = try await client.request(.post, "/api/v1/shops/\(f.shop.id)/products", json: productRequest("Fine", tags: [bad]), token: f.owner.token)
                #expect(tags.status == .badRequest)
                #expect(try tags.errorFields == ["tags[0]"])
            }
            let description = try await client.request(.post, "/api/v1/shops/\(f.shop.id)/products", json: productRequest("Fine", description: "a\u{0}b"), token: f.owner.token)
            #expect(description.status == .badRequest)
            #expect(try description.errorFields == ["description"])
            #expect(try await client.listProducts([("limit", "100")]).items.count == f.created.count)
        }
    }

}
