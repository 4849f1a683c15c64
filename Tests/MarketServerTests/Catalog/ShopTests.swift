import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// Shops in the Catalog section of API.md: onboarding, slugs, who may change what, and
/// suspension hiding a shop's products everywhere, on SQLite and PostgreSQL.
@Suite("Shops")
struct ShopTests {
    @Test("a vendor opens a shop: 201, slug from the name, -2 for the same name", arguments: TestDatabase.enabled)
    func create(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let vendor = try await client.vendor("vera")
            let response = try await client.request(.post, "/api/v1/shops",
                                                     json: CreateShopRequest(name: "Crème Brûlée & Co", description: "Desserts.", currency: .eur),
                                                     token: vendor.token)
            #expect(response.status == .created)
            let object = try response.jsonObject()
            for key in ["id", "slug", "ownerId", "name", "description", "currency", "status", "createdAt", "updatedAt"] {
                #expect(object[key] != nil, "missing \(key)")
            }
            let shop = try response.decode(ShopDTO.self)
            #expect(shop.slug == "creme-brulee-co")
            #expect(shop.ownerId == vendor.id)
            #expect(shop.name == "Crème Brûlée & Co")
            #expect(shop.currency == .eur)
            #expect(shop.status == .active)
            #expect(shop.id.rawValue.hasPrefix("shp_"))

            // Same name again, by the same vendor: a second shop with a numbered slug.
            let second = try await client.createShop(vendor, name: "Crème Brûlée & Co")
            #expect(second.slug == "creme-brulee-co-2")
            #expect(second.id != shop.id)
            // ...and by another vendor: the next number.
            let other = try await client.vendor("otto")
            #expect(try await client.createShop(other, name: "CREME brulee, co.").slug == "creme-brulee-co-3")

            let fetched = try await client.request(.get, "/api/v1/shops/\(shop.id)")
            #expect(fetched.status == .ok)
            #expect(try fetched.decode(ShopDTO.self) == shop)
        }
    }

    @Test("an explicit slug is used as given; a taken one is 409 naming slug", arguments: TestDatabase.enabled)
    func explicitSlug(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let vendor = try await client.vendor("sam")
            let shop = try await client.createShop(vendor, name: "Anything", slug: "sams-goods")
            #expect(shop.slug == "sams-goods")
            let other = try await client.vendor("tim")
            let taken = try await client.request(.post, "/api/v1/shops",
                                                 json: CreateShopRequest(name: "Tim", description: "", currency: .usd, slug: "sams-goods"), token: other.token)
            #expect(taken.status == .conflict)
            #expect(try taken.errorBody.code == "conflict")
            #expect(try taken.errorFields == ["slug"])
            // A derived slug that collides with an explicit one still finds a free address.
            #expect(try await client.createShop(other, name: "Sams Goods").slug == "sams-goods-2")
        }
    }

    @Test("one vendor may own several shops; GET /shops?ownerId= lists them", arguments: TestDatabase.enabled)
    func severalShops(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let vendor = try await client.vendor("multi")
            var mine: [ShopDTO] = []
            for name in ["First Shop", "Second Shop", "Third Shop"] {
                mine.append(try await client.createShop(vendor, name: name))
                app.tick()
            }
            let other = try await client.vendor("else")
            let theirs = try await client.createShop(other, name: "Other Shop")

            let response = try await client.request(.get, "/api/v1/shops?ownerId=\(vendor.id)")
            #expect(response.status == .ok)
            let page = try response.decode(ListPage<ShopDTO>.self)
            #expect(page.items.map(\.id) == mine.map(\.id))
            #expect(page.nextCursor == nil)

            // Paged.
            let first = try await client.request(.get, "/api/v1/shops?ownerId=\(vendor.id)&limit=2").decode(ListPage<ShopDTO>.self)
            #expect(first.items.map(\.id) == Array(mine.prefix(2)).map(\.id))
            let cursor = try #require(first.nextCursor)
            let rest = try await client.request(.get, "/api/v1/shops?ownerId=\(vendor.id)&limit=2&cursor=\(cursor)").decode(ListPage<ShopDTO>.self)
            #expect(rest.items.map(\.id) == [mine[2].id])

            let all = try await client.request(.get, "/api/v1/shops").decode(ListPage<ShopDTO>.self)
            #expect(Set(all.items.map(\.id)) == Set(mine.map(\.id) + [theirs.id]))
            #expect(try await client.request(.get, "/api/v1/shops?ownerId=nope").status == .badRequest)
        }
    }

    @Test("only vendors open shops: buyer 403, anonymous 401", arguments: TestDatabase.enabled)
    func whoMayCreate(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let body = CreateShopRequest(name: "Nope Shop", description: "", currency: .usd)
            let anonymous = try await client.request(.post, "/api/v1/shops", json: body)
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.errorBody.code == "unauthorized")
            let buyer = try await client.buyer("bob")
            let denied = try await client.request(.post, "/api/v1/shops", json: body, token: buyer.token)
            #expect(denied.status == .forbidden)
            #expect(try denied.errorBody.code == "forbidden")
            #expect(try await client.request(.get, "/api/v1/shops").decode(ListPage<ShopDTO>.self).items.isEmpty)
        }
    }

    @Test("validation names each field", arguments: TestDatabase.enabled)
    func validation(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let vendor = try await client.vendor("val")
            func post(_ raw: String) async throws -> TestResponse {
                try await client.request(.post, "/api/v1/shops", raw: raw, token: vendor.token)
            }
            let short = try await post(#"{"name":"A","description":"","currency":"USD"}"#)
            #expect(short.status == .badRequest)
            #expect(try short.errorBody.code == "validation_failed")
            #expect(try short.errorBody.details.map(\.field) == ["name"])
            #expect(try short.errorBody.details.first?.code == "too_short")

            let currency = try await post(#"{"name":"Good Name","description":"","currency":"XXX"}"#)
            #expect(currency.status == .badRequest)
            #expect(try currency.errorBody.code == "validation_failed")
            #expect(try currency.errorFields == ["currency"])
            let lowercase = try await post(#"{"name":"Good Name","description":"","currency":"usd"}"#)
            #expect(lowercase.status == .badRequest)
            #expect(try lowercase.errorFields == ["currency"])

            for slug in ["Bad Slug", "ab", "trailing-", "double--hyphen", "ünï"] {
                let bad = try await client.request(.post, "/api/v1/shops",
                                                   json: CreateShopRequest(name: "Good Name", description: "", currency: .usd, slug: slug), token: vendor.token)
                #expect(bad.status == .badRequest, "\(slug)")
                #expect(try bad.errorFields == ["slug"], "\(slug)")
            }

            let several = try await client.request(.post, "/api/v1/shops",
                                                   json: CreateShopRequest(name: " ", description: String(repeating: "x", count: 2001), currency: .usd,
                                                                           contactEmail: "not-an-email", slug: "!!"), token: vendor.token)
            #expect(several.status == .badRequest)
            #expect(Set(try several.errorFields) == ["name", "description", "contactEmail", "slug"])

            let missing = try await post(#"{"name":"Good Name","description":""}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.errorFields == ["currency"])
            // Nothing was created by any of these.
            #expect(try await client.request(.get, "/api/v1/shops?ownerId=\(vendor.id)").decode(ListPage<ShopDTO>.self).items.isEmpty)
        }
    }

    @Test("PATCH: the owner and admins may, another vendor gets 403, nobody 401", arguments: TestDatabase.enabled)
    func patch(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("own")
            let intruder = try await client.vendor("intruder")
            let admin = try await app.admin(client)

            app.tick()
            let renamed = try await client.request(.patch, "/api/v1/shops/\(shop.id)",
                                                   json: UpdateShopRequest(name: "New Name", description: "Updated."), token: owner.token)
            #expect(renamed.status == .ok)
            let updated = try renamed.decode(ShopDTO.self)
            #expect(updated.name == "New Name" && updated.description == "Updated.")
            #expect(updated.slug == shop.slug, "the slug is stable")
            #expect(updated.updatedAt > shop.updatedAt)
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)").decode(ShopDTO.self).name == "New Name")

            let denied = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "Mine Now"), token: intruder.token)
            #expect(denied.status == .forbidden)
            #expect(try denied.errorBody.code == "forbidden")
            #expect(try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "Anon")).status == .unauthorized)

            let byAdmin = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "Admin Fixed"), token: admin.token)
            #expect(byAdmin.status == .ok)
            #expect(try byAdmin.decode(ShopDTO.self).name == "Admin Fixed")

            let invalid = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "x"), token: owner.token)
            #expect(invalid.status == .badRequest)
            #expect(try invalid.errorFields == ["name"])

            // The owner may not suspend their own shop (nor reinstate it).
            let status = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(status: .suspended), token: owner.token)
            #expect(status.status == .forbidden)
            #expect(try status.errorBody.code == "forbidden")
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)").decode(ShopDTO.self).status == .active)

            let unknown = try await client.request(.patch, "/api/v1/shops/shp_01ARZ3NDEKTSV4RRFFQ69G5FAV", json: UpdateShopRequest(name: "Ghost"), token: admin.token)
            #expect(unknown.status == .notFound)
            #expect(try await client.request(.get, "/api/v1/shops/shp_01ARZ3NDEKTSV4RRFFQ69G5FAV").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/shops/not-an-id").status == .notFound)
        }
    }

    @Test("suspension hides the shop and its products from the public, not from the owner; reinstating brings them back", arguments: TestDatabase.enabled)
    func suspension(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("susp")
            let (otherOwner, otherShop) = try await client.vendorWithShop("bystander")
            let admin = try await app.admin(client)
            let buyer = try await client.buyer("looker")
            let lamp = try await client.createProduct(shop, productRequest("Velvet Lamp", tags: ["lighting"]), as: owner)
            let draft = try await client.createProduct(shop, productRequest("Velvet Draft Chair", status: .draft), as: owner)
            let kept = try await client.createProduct(otherShop, productRequest("Velvet Cushion"), as: otherOwner)
            #expect(try await client.search("velvet") .sorted() == ["Velvet Cushion", "Velvet Lamp"])

            let suspend = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(status: .suspended), token: admin.token)
            #expect(suspend.status == .ok)
            #expect(try suspend.decode(ShopDTO.self).status == .suspended)

            // Public: the shop and its products are gone everywhere.
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)", token: buyer.token).status == .notFound)
            #expect(try await client.getProduct(lamp.id).status == .notFound)
            #expect(try await client.getProduct(lamp.id, as: buyer).status == .notFound)
            #expect(try await client.listProducts().items.map(\.id) == [kept.id])
            #expect(try await client.listProducts([("shopId", shop.id.rawValue)]).items.isEmpty)
            #expect(try await client.search("velvet") == ["Velvet Cushion"])
            #expect(try await client.search("lamp").isEmpty)
            #expect(try await client.suggestions("lam").isEmpty)
            let shopsPage = try await client.request(.get, "/api/v1/shops").decode(ListPage<ShopDTO>.self)
            #expect(shopsPage.items.map(\.id) == [otherShop.id])
            #expect(try await client.request(.get, "/api/v1/shops?ownerId=\(owner.id)").decode(ListPage<ShopDTO>.self).items.isEmpty)

            // The owner and admins still see it all.
            let ownView = try await client.request(.get, "/api/v1/shops/\(shop.id)", token: owner.token)
            #expect(ownView.status == .ok)
            #expect(ownView.header("Cache-Control") == "private, no-cache")
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)", token: admin.token).status == .ok)
            let ownProduct = try await client.getProduct(lamp.id, as: owner)
            #expect(ownProduct.status == .ok)
            #expect(ownProduct.header("Cache-Control") == "private, no-cache")
            #expect(try await client.getProduct(lamp.id, as: admin).status == .ok)
            #expect(try await client.request(.get, "/api/v1/shops?ownerId=\(owner.id)", token: owner.token).decode(ListPage<ShopDTO>.self).items.map(\.id) == [shop.id])
            #expect(Set(try await client.listProducts([("shopId", shop.id.rawValue)], as: owner).items.map(\.id)) == [lamp.id, draft.id])
            // Others cannot change it now (it does not exist for them).
            #expect(try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "Taken Over"), token: otherOwner.token).status == .notFound)

            // Reinstated: back in lists, detail and search; the draft stays a draft.
            let reinstate = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(status: .active), token: admin.token)
            #expect(reinstate.status == .ok)
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)").status == .ok)
            #expect(try await client.getProduct(lamp.id).status == .ok)
            #expect(try await client.getProduct(draft.id).status == .notFound)
            #expect(Set(try await client.listProducts().items.map(\.id)) == [lamp.id, kept.id])
            #expect(try await client.search("velvet").sorted() == ["Velvet Cushion", "Velvet Lamp"])
            #expect(try await client.search("lamp") == ["Velvet Lamp"])
            #expect(try await client.suggestions("lam") == ["lamp"])
            #expect(try await client.listProducts([("tag", "lighting")]).items.map(\.id) == [lamp.id])
        }
    }

    @Test("currency changes only while the shop has no products (409 after)", arguments: TestDatabase.enabled)
    func currencyLock(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("money")
            let early = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(currency: .eur), token: owner.token)
            #expect(early.status == .ok)
            #expect(try early.decode(ShopDTO.self).currency == .eur)

            let eurShop = try await client.request(.get, "/api/v1/shops/\(shop.id)").decode(ShopDTO.self)
            _ = try await client.createProduct(eurShop, productRequest("Euro Thing", price: .eur(500), status: .draft), as: owner)
            let late = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(currency: .usd), token: owner.token)
            #expect(late.status == .conflict)
            #expect(try late.errorBody.code == "conflict")
            #expect(try late.errorFields == ["currency"])
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)").decode(ShopDTO.self).currency == .eur)
            // Naming the current currency is no change, so it is fine.
            #expect(try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(currency: .eur), token: owner.token).status == .ok)
            // A rejected PATCH changes nothing else either.
            let mixed = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "Should Not Stick", currency: .gbp), token: owner.token)
            #expect(mixed.status == .conflict)
            #expect(try await client.request(.get, "/api/v1/shops/\(shop.id)").decode(ShopDTO.self).name == shop.name)
        }
    }

    @Test("shop writes land in the change log", arguments: TestDatabase.enabled)
    func changeLog(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let start = try await app.latestChange()
            let (owner, shop) = try await client.vendorWithShop("logged")
            _ = try await client.request(.patch, "/api/v1/shops/\(shop.id)", json: UpdateShopRequest(name: "Logged Again"), token: owner.token)
            let entries = try await app.changes(after: start, entity: "shop")
            #expect(entries.map(\.entityID) == [shop.id.rawValue, shop.id.rawValue])
            #expect(entries.allSatisfy { $0.op == "upsert" })
        }
    }
}
