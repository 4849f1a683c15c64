import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import SQLKit
import Testing
@testable import MarketServer

/// Product writes: create with variants, SKU rules, who may write, variant replacement,
/// soft delete, atomic stock moves and the change log, on SQLite and PostgreSQL.
@Suite("Product writes")
struct ProductWriteTests {
    @Test("create with variants: stock is their sum, a variant without a price sells at the product's", arguments: TestDatabase.enabled)
    func createWithVariants(database: TestDatabase) async throws {
        do {
            try await TestApp.run(database) { _, client in
                let (owner, shop) = try await client.vendorWithShop("tee")
                let body = productRequest(
                    "Organic Tee", description: "Soft cotton.", price: .usd(2500), inventoryCount: 999, category: "Clothing/Tops/",
                    tags: ["Cotton", " organic  wear ", "cotton"],
                    variants: [
                        VariantInput(sku: "TEE-S", options: ["size": "S"], inventoryCount: 3),
                        VariantInput(sku: "TEE-M", options: ["size": "M"], price: .usd(2700), inventoryCount: 4),
                        VariantInput(sku: "TEE-L", options: ["size": "L", "colour": "blue"], inventoryCount: 0),
                    ])
                let response = try await client.request(.post, "/api/v1/shops/\(shop.id)/products", json: body, token: owner.token)
                #expect(response.status == .created)
                let product = try response.decode(ProductDTO.self)
                #expect(response.header("Location") == "/api/v1/products/\(product.id)")
                #expect(product.id.rawValue.hasPrefix("prd_"))
                #expect(product.shopId == shop.id)
                #expect(product.shop == shop.summary)
                #expect(product.title == "Organic Tee")
                #expect(product.status == .active)
                #expect(product.category == "clothing/tops")
                #expect(product.tags == ["cotton", "organic wear"])
                #expect(product.inventoryCount == 7)
                #expect(product.inStock)
                #expect(product.variants.map(\.sku) == ["TEE-S", "TEE-M", "TEE-L"])
                #expect(product.variants.map(\.price) == [.usd(2500), .usd(2700), .usd(2500)])
                #expect(product.variants.map(\.inventoryCount) == [3, 4, 0])
                #expect(product.variants[2].options == ["size": "L", "colour": "blue"])
                #expect(product.variants.allSatisfy { $0.id.rawValue.hasPrefix("var_") })
                #expect(product.images.isEmpty)

                let object = try response.jsonObject()
                for key in ["id", "shopId", "shop", "title", "description", "price", "status", "tags", "inventoryCount", "inStock", "variants", "images", "createdAt", "updatedAt"] {
                    #expect(object[key] != nil, "missing \(key)")
                }
                let price = try #require(object["price"] as? [String: Any])
                #expect(price["amount"] as? Int == 2500 && price["currency"] as? String == "USD")

                // What GET returns is what POST returned.
                let fetched = try await client.getProduct(product.id)
                #expect(fetched.status == .ok)
                #expect(try fetched.decode(ProductDTO.self) == product)

                // Without variants the given stock counts; without one it is 0.
                let plain = try await client.createProduct(shop, productRequest("Plain Mug", inventoryCount: 12), as: owner)
                #expect(plain.inventoryCount == 12 && plain.variants.isEmpty)
                let none = try await client.createProduct(shop, productRequest("Empty Mug", inventoryCount: nil), as: owner)
                #expect(none.inventoryCount == 0 && !none.inStock)
            }
        }
    }

    @Test("SKUs are unique per shop, case-insensitively, and may repeat across shops", arguments: TestDatabase.enabled)
    func skuUniqueness(database: TestDatabase) async throws {
        do {
            try await TestApp.run(database) { _, client in
                let (owner, shop) = try await client.vendorWithShop("skus")
                let (otherOwner, otherShop) = try await client.vendorWithShop("skus2")
                let first = try await client.createProduct(shop, productRequest("First", variants: [VariantInput(sku: "ABC-1", inventoryCount: 1)]), as: owner)

                for sku in ["ABC-1", "abc-1"] {
                    let clash = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                         json: productRequest("Second", variants: [VariantInput(sku: "NEW-1", inventoryCount: 1), VariantInput(sku: sku, inventoryCount: 1)]),
                                                         token: owner.token)
                    #expect(clash.status == .conflict, "\(sku)")
                    #expect(try clash.errorBody.code == "conflict")
                    #expect(try clash.errorFields == ["variants"])
                }
                // The failed creates left nothing behind: NEW-1 is still free, and no "Second" exists.
                #expect(try await client.listProducts([("shopId", shop.id.rawValue)]).items.map(\.id) == [first.id])
                _ = try await client.createProduct(shop, productRequest("Third", variants: [VariantInput(sku: "NEW-1", inventoryCount: 1)]), as: owner)

                // Another shop may use the same SKU.
                let elsewhere = try await client.createProduct(otherShop, productRequest("Elsewhere", variants: [VariantInput(sku: "ABC-1", inventoryCount: 2)]), as: otherOwner)
                #expect(elsewhere.variants.map(\.sku) == ["ABC-1"])

                // Twice in one request: 400 naming the second.
                let twice = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                     json: productRequest("Twice", variants: [VariantInput(sku: "DUP", inventoryCount: 1), VariantInput(sku: "dup", inventoryCount: 1)]),
                                                     token: owner.token)
                #expect(twice.status == .badRequest)
                #expect(try twice.errorBody.code == "validation_failed")
                #expect(try twice.errorFields == ["variants[1].sku"])

                // PATCH into a clash is a 409 too, and changes nothing.
                let patch = try await client.patchProduct(first.id, UpdateProductRequest(title: "Renamed", variants: [VariantInput(sku: "NEW-1", inventoryCount: 1)]), as: owner)
                #expect(patch.status == .conflict)
                let after = try await client.getProduct(first.id).decode(ProductDTO.self)
                #expect(after.title == "First" && after.variants.map(\.sku) == ["ABC-1"])
            }
        }
    }

    @Test("prices are in the shop's currency: 400 on price.currency", arguments: TestDatabase.enabled)
    func currencyMustMatch(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("cur")
            let wrong = try await client.request(.post, "/api/v1/shops/\(shop.id)/products", json: productRequest("Euro Mug", price: .eur(900)), token: owner.token)
            #expect(wrong.status == .badRequest)
            #expect(try wrong.errorBody.code == "validation_failed")
            #expect(try wrong.errorFields == ["price.currency"])

            let variant = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                   json: productRequest("Mixed Mug", variants: [VariantInput(sku: "M1", price: .eur(900), inventoryCount: 1)]), token: owner.token)
            #expect(variant.status == .badRequest)
            #expect(try variant.errorFields == ["variants[0].price.currency"])

            let product = try await client.createProduct(shop, productRequest("Dollar Mug"), as: owner)
            let patch = try await client.patchProduct(product.id, UpdateProductRequest(price: .eur(100)), as: owner)
            #expect(patch.status == .badRequest)
            #expect(try patch.errorFields == ["price.currency"])
            #expect(try await client.getProduct(product.id).decode(ProductDTO.self).price == .usd(1000))
        }
    }

    @Test("validation errors carry field paths", arguments: TestDatabase.enabled)
    func validationPaths(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("paths")
            func create(_ body: CreateProductRequest) async throws -> TestResponse {
                try await client.request(.post, "/api/v1/shops/\(shop.id)/products", json: body, token: owner.token)
            }
            let cases: [(CreateProductRequest, [String])] = [
                (productRequest("", price: .usd(100)), ["title"]),
                (productRequest(String(repeating: "t", count: 201)), ["title"]),
                (productRequest("Bad\u{202E}Title"), ["title"]),
                (productRequest("Neg", price: .usd(-1)), ["price.amount"]),
                (productRequest("Huge", price: .usd(CatalogRules.maxPriceMinorUnits + 1)), ["price.amount"]),
                (productRequest("Stock", inventoryCount: -1), ["inventoryCount"]),
                (productRequest("Desc", description: String(repeating: "d", count: 5001)), ["description"]),
                (productRequest("Cat", category: "a/b/c/d"), ["category"]),
                (productRequest("Cat2", category: "kitchen/mugs!"), ["category"]),
                (productRequest("Tags", tags: ["ok", "fine", "no!good"]), ["tags[2]"]),
                (productRequest("Tags2", tags: Array(repeating: "t", count: 21)), ["tags"]),
                (productRequest("Var", variants: [VariantInput(sku: "has space", inventoryCount: 1)]), ["variants[0].sku"]),
                (productRequest("Var2", variants: [VariantInput(sku: "OK", inventoryCount: 1), VariantInput(sku: "ÜML", inventoryCount: 1)]), ["variants[1].sku"]),
                (productRequest("Var3", variants: [VariantInput(sku: "OK", price: .usd(-5), inventoryCount: 1)]), ["variants[0].price.amount"]),
                (productRequest("Var4", variants: [VariantInput(sku: "OK", inventoryCount: -2)]), ["variants[0].inventoryCount"]),
                (productRequest("Var5", variants: [VariantInput(sku: "OK", options: ["": "x"], inventoryCount: 1)]), ["variants[0].options"]),
                (productRequest("", price: .usd(-1), tags: ["a", "b", "c", "#"], variants: [VariantInput(sku: "", inventoryCount: 1)]),
                 ["title", "price.amount", "tags[3]", "variants[0].sku"]),
            ]
            for (body, fields) in cases {
                let response = try await create(body)
                #expect(response.status == .badRequest, "\(body.title)")
                #expect(try response.errorBody.code == "validation_failed", "\(body.title)")
                #expect(try response.errorFields == fields, "\(body.title)")
            }
            // Type errors in the JSON name the path too.
            let amount = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                  raw: #"{"title":"T","description":"","price":{"amount":"ten","currency":"USD"}}"#, token: owner.token)
            #expect(amount.status == .badRequest)
            #expect(try amount.errorFields == ["price.amount"])
            let fractional = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                      raw: #"{"title":"T","description":"","price":{"amount":10.5,"currency":"USD"}}"#, token: owner.token)
            #expect(fractional.status == .badRequest)
            let fractionalError = try fractional.errorBody
            #expect(fractionalError.code == "validation_failed")
            #expect(fractionalError.details.compactMap(\.field) == ["price.amount"])
            let variantSKU = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                      raw: #"{"title":"T","description":"","price":{"amount":10,"currency":"USD"},"variants":[{"sku":"A","options":{},"inventoryCount":1},{"options":{},"inventoryCount":1}]}"#,
                                                      token: owner.token)
            #expect(variantSKU.status == .badRequest)
            #expect(try variantSKU.errorFields == ["variants[1].sku"])
            let status = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                  raw: #"{"title":"T","description":"","price":{"amount":10,"currency":"USD"},"status":"live"}"#, token: owner.token)
            #expect(status.status == .badRequest)
            #expect(try status.errorFields == ["status"])

            // PATCH validates the same way.
            let product = try await client.createProduct(shop, productRequest("Valid"), as: owner)
            let patch = try await client.patchProduct(product.id, UpdateProductRequest(title: " ", price: .usd(-3), tags: ["x", "y", "bad/tag"]), as: owner)
            #expect(patch.status == .badRequest)
            #expect(try patch.errorFields == ["title", "price.amount", "tags[2]"])
            // None of the invalid products exists.
            #expect(try await client.listProducts([("shopId", shop.id.rawValue)]).items.map(\.id) == [product.id])
        }
    }

    @Test("who may write: owner yes; other vendor 403 on public, 404 on drafts; buyer 403; admin PATCH and DELETE", arguments: TestDatabase.enabled)
    func permissions(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("perm")
            let (rival, _) = try await client.vendorWithShop("rival")
            let buyer = try await client.buyer("buyer")
            let admin = try await app.admin(client)
            let live = try await client.createProduct(shop, productRequest("Live Item"), as: owner)
            let draft = try await client.createProduct(shop, productRequest("Draft Item", status: .draft), as: owner)

            // Creating in someone else's shop.
            for user in [rival, buyer, admin] {
                let response = try await client.request(.post, "/api/v1/shops/\(shop.id)/products", json: productRequest("Sneaky"), token: user.token)
                #expect(response.status == .forbidden, "\(user.user.role)")
                #expect(try response.errorBody.code == "forbidden")
            }
            #expect(try await client.request(.post, "/api/v1/shops/\(shop.id)/products", json: productRequest("Anon")).status == .unauthorized)

            // Editing: 403 when the product is public, 404 when the caller may not know it exists.
            for user in [rival, buyer] {
                let patchLive = try await client.patchProduct(live.id, UpdateProductRequest(title: "Hijacked"), as: user)
                #expect(patchLive.status == .forbidden)
                #expect(try patchLive.errorBody.code == "forbidden")
                #expect(try await client.patchProduct(draft.id, UpdateProductRequest(title: "Hijacked"), as: user).status == .notFound)
                #expect(try await client.request(.delete, "/api/v1/products/\(live.id)", token: user.token).status == .forbidden)
                #expect(try await client.request(.delete, "/api/v1/products/\(draft.id)", token: user.token).status == .notFound)
                #expect(try await client.adjustStock(live.id, delta: 1, as: user).status == .forbidden)
                #expect(try await client.adjustStock(draft.id, delta: 1, as: user).status == .notFound)
            }
            #expect(try await client.request(.patch, "/api/v1/products/\(live.id)", json: UpdateProductRequest(title: "Anon")).status == .unauthorized)
            #expect(try await client.request(.delete, "/api/v1/products/\(live.id)").status == .unauthorized)
            #expect(try await client.getProduct(live.id).decode(ProductDTO.self).title == "Live Item")
            #expect(try await client.getProduct(draft.id, as: owner).decode(ProductDTO.self).title == "Draft Item")

            // The owner edits; an admin edits and deletes.
            let ownEdit = try await client.patchProduct(live.id, UpdateProductRequest(title: "Owner Edit"), as: owner)
            #expect(ownEdit.status == .ok)
            let adminEdit = try await client.patchProduct(draft.id, UpdateProductRequest(title: "Admin Edit", status: .active), as: admin)
            #expect(adminEdit.status == .ok)
            #expect(try adminEdit.decode(ProductDTO.self).status == .active)
            #expect(try await client.getProduct(draft.id).decode(ProductDTO.self).title == "Admin Edit")
            #expect(try await client.request(.delete, "/api/v1/products/\(live.id)", token: admin.token).status == .noContent)
            #expect(try await client.getProduct(live.id).status == .notFound)

            let unknown = ProductID.generate()
            #expect(try await client.patchProduct(unknown, UpdateProductRequest(title: "Ghost"), as: admin).status == .notFound)
            #expect(try await client.request(.delete, "/api/v1/products/\(unknown)", token: admin.token).status == .notFound)
            #expect(try await client.request(.get, "/api/v1/products/garbage").status == .notFound)
        }
    }

    @Test("PATCH variants replaces the set by SKU; a removed SKU can be used again", arguments: TestDatabase.enabled)
    func replaceVariants(database: TestDatabase) async throws {
        do {
            try await TestApp.run(database) { _, client in
                let (owner, shop) = try await client.vendorWithShop("repl")
                let product = try await client.createProduct(shop, productRequest("Hoodie", price: .usd(4000), variants: [
                    VariantInput(sku: "H-S", options: ["size": "S"], inventoryCount: 2),
                    VariantInput(sku: "H-M", options: ["size": "M"], inventoryCount: 3),
                ]), as: owner)
                let small = try #require(product.variants.first { $0.sku == "H-S" })

                let response = try await client.patchProduct(product.id, UpdateProductRequest(variants: [
                    VariantInput(sku: "h-s", options: ["size": "S", "fit": "slim"], price: .usd(4200), inventoryCount: 5),
                    VariantInput(sku: "H-L", options: ["size": "L"], inventoryCount: 1),
                ]), as: owner)
                #expect(response.status == .ok)
                let updated = try response.decode(ProductDTO.self)
                #expect(Set(updated.variants.map { $0.sku.uppercased() }) == ["H-S", "H-L"])
                let kept = try #require(updated.variants.first { $0.sku.uppercased() == "H-S" })
                #expect(kept.id == small.id, "matched by SKU, so the same variant")
                #expect(kept.price == .usd(4200) && kept.inventoryCount == 5 && kept.options == ["size": "S", "fit": "slim"])
                #expect(updated.inventoryCount == 6)
                #expect(try await client.getProduct(product.id).decode(ProductDTO.self) == updated)

                // H-M was removed: another product of the shop may take it now.
                let reuse = try await client.createProduct(shop, productRequest("Medium Hoodie", variants: [VariantInput(sku: "H-M", inventoryCount: 4)]), as: owner)
                #expect(reuse.variants.map(\.sku) == ["H-M"])
                // ...and H-L, still in use, may not.
                let clash = try await client.request(.post, "/api/v1/shops/\(shop.id)/products",
                                                     json: productRequest("Large Hoodie", variants: [VariantInput(sku: "H-L", inventoryCount: 4)]), token: owner.token)
                #expect(clash.status == .conflict)

                // Removing then re-adding a SKU on the same product works as well.
                _ = try await client.patchProduct(product.id, UpdateProductRequest(variants: [VariantInput(sku: "H-S", inventoryCount: 1)]), as: owner)
                let readd = try await client.patchProduct(product.id, UpdateProductRequest(variants: [VariantInput(sku: "H-S", inventoryCount: 1), VariantInput(sku: "H-L", inventoryCount: 2)]), as: owner)
                #expect(readd.status == .ok)
                let final = try readd.decode(ProductDTO.self)
                #expect(Set(final.variants.map(\.sku)) == ["H-S", "H-L"])
                #expect(final.inventoryCount == 3)

                // A PATCH without variants leaves them alone.
                let title = try await client.patchProduct(product.id, UpdateProductRequest(title: "Hoodie 2"), as: owner).decode(ProductDTO.self)
                #expect(title.variants == final.variants && title.inventoryCount == 3)
            }
        }
    }

    @Test("DELETE is soft: 204, then 404 for everyone and gone from lists and search; the row stays", arguments: TestDatabase.enabled)
    func softDelete(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("del")
            let admin = try await app.admin(client)
            let doomed = try await client.createProduct(shop, productRequest("Doomed Teapot", tags: ["teaware"]), as: owner)
            let other = try await client.createProduct(shop, productRequest("Surviving Teacup", tags: ["teaware"]), as: owner)
            #expect(try await client.search("teapot") == ["Doomed Teapot"])

            let response = try await client.request(.delete, "/api/v1/products/\(doomed.id)", token: owner.token)
            #expect(response.status == .noContent)
            #expect(response.body.readableBytes == 0)

            for user in [nil, owner, admin] {
                #expect(try await client.getProduct(doomed.id, as: user).status == .notFound)
            }
            #expect(try await client.listProducts().items.map(\.id) == [other.id])
            #expect(try await client.listProducts([("shopId", shop.id.rawValue)], as: owner).items.map(\.id) == [other.id])
            #expect(try await client.listProducts([("tag", "teaware"), ("facets", "tag")]).facets?.tag == [FacetCount(value: "teaware", count: 1)])
            #expect(try await client.search("teapot").isEmpty)
            #expect(try await client.suggestions("teap").isEmpty)
            #expect(try await client.request(.delete, "/api/v1/products/\(doomed.id)", token: owner.token).status == .notFound)
            #expect(try await client.patchProduct(doomed.id, UpdateProductRequest(title: "Back"), as: owner).status == .notFound)
            #expect(try await client.adjustStock(doomed.id, delta: 1, as: owner).status == .notFound)

            // The row is still there, marked deleted, for the orders that reference it.
            let row = try #require(try await ProductModel.find(doomed.id.rawValue, on: app.environment.database))
            #expect(row.deletedAt != nil)
            #expect(row.visible == false)
            #expect(row.title == "Doomed Teapot")
            struct Count: Decodable { let n: Int }
            let sql = app.environment.database as! any SQLDatabase
            let count = try await sql.raw("SELECT COUNT(*) AS n FROM products WHERE id = \(bind: doomed.id.rawValue) AND deleted_at IS NOT NULL").first(decoding: Count.self)
            #expect(count?.n == 1)
        }
    }

    @Test("stock moves: +5 and -3 work; below zero is 409 out_of_stock and changes nothing", arguments: TestDatabase.enabled)
    func stock(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("stock")
            let product = try await client.createProduct(shop, productRequest("Stocked", inventoryCount: 2), as: owner)

            let add = try await client.adjustStock(product.id, delta: 5, as: owner)
            #expect(add.status == .ok)
            #expect(try add.decode(ProductDTO.self).inventoryCount == 7)
            let take = try await client.adjustStock(product.id, delta: -3, as: owner)
            #expect(take.status == .ok)
            #expect(try take.decode(ProductDTO.self).inventoryCount == 4)

            let tooMuch = try await client.adjustStock(product.id, delta: -5, as: owner)
            #expect(tooMuch.status == .conflict)
            #expect(try tooMuch.errorBody.code == "out_of_stock")
            #expect(try await client.getProduct(product.id).decode(ProductDTO.self).inventoryCount == 4)

            let toZero = try await client.adjustStock(product.id, delta: -4, as: owner)
            #expect(try toZero.decode(ProductDTO.self).inventoryCount == 0)
            #expect(try toZero.decode(ProductDTO.self).inStock == false)
            #expect(try await client.adjustStock(product.id, delta: -1, as: owner).status == .conflict)
            #expect(try await client.listProducts([("inStock", "false")]).items.map(\.id) == [product.id])

            // A product without variants takes no variantId; one with variants needs it.
            let stray = try await client.adjustStock(product.id, delta: 1, variant: VariantID.generate(), as: owner)
            #expect(stray.status == .badRequest)
            #expect(try stray.errorFields == ["variantId"])
            let huge = try await client.adjustStock(product.id, delta: CatalogRules.maxInventory + 1, as: owner)
            #expect(huge.status == .badRequest)
            #expect(try huge.errorFields == ["delta"])
        }
    }

    @Test("20 concurrent -1 moves on stock 10: exactly 10 succeed, stock ends at 0", arguments: TestDatabase.enabled)
    func concurrentStock(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("race")
            let product = try await client.createProduct(shop, productRequest("Scarce", inventoryCount: 10), as: owner)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await client.adjustStock(product.id, delta: -1, as: owner).status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 10)
            #expect(statuses.filter { $0 == .conflict }.count == 10)
            #expect(try await client.getProduct(product.id).decode(ProductDTO.self).inventoryCount == 0)
        }
    }

    @Test("variant stock moves update the product's total", arguments: TestDatabase.enabled)
    func variantStock(database: TestDatabase) async throws {
        do {
            try await TestApp.run(database) { app, client in
                let (owner, shop) = try await client.vendorWithShop("vstock")
                let start = try await app.latestChange()
                let product = try await client.createProduct(shop, productRequest("Sock", variants: [
                    VariantInput(sku: "SOCK-S", inventoryCount: 2), VariantInput(sku: "SOCK-L", inventoryCount: 3),
                ]), as: owner)
                let small = product.variants[0], large = product.variants[1]

                let add = try await client.adjustStock(product.id, delta: 4, variant: small.id, as: owner)
                #expect(add.status == .ok)
                let afterAdd = try add.decode(ProductDTO.self)
                #expect(afterAdd.inventoryCount == 9)
                #expect(afterAdd.variants.map(\.inventoryCount) == [6, 3])

                let take = try await client.adjustStock(product.id, delta: -3, variant: large.id, as: owner)
                #expect(try take.decode(ProductDTO.self).inventoryCount == 6)
                let short = try await client.adjustStock(product.id, delta: -1, variant: large.id, as: owner)
                #expect(short.status == .conflict)
                #expect(try short.errorBody.code == "out_of_stock")

                let stored = try await client.getProduct(product.id).decode(ProductDTO.self)
                #expect(stored.inventoryCount == 6 && stored.variants.map(\.inventoryCount) == [6, 0])
                // Create and the two successful moves are logged; the refused one is not.
                let entries = try await app.changes(after: start, entity: "product")
                #expect(entries.map(\.entityID) == Array(repeating: product.id.rawValue, count: 3))
                #expect(entries.allSatisfy { $0.op == "upsert" && $0.scope == "public" })

                // The variant must be named, and must be this product's.
                let unnamed = try await client.adjustStock(product.id, delta: 1, as: owner)
                #expect(unnamed.status == .badRequest)
                #expect(try unnamed.errorFields == ["variantId"])
                let foreign = try await client.createProduct(shop, productRequest("Glove", variants: [VariantInput(sku: "GLOVE", inventoryCount: 1)]), as: owner)
                #expect(try await client.adjustStock(product.id, delta: 1, variant: foreign.variants[0].id, as: owner).status == .notFound)
                #expect(try await client.adjustStock(product.id, delta: 1, variant: VariantID.generate(), as: owner).status == .notFound)
            }
        }
    }

    @Test("concurrent moves on different variants keep the product total equal to their sum", arguments: TestDatabase.enabled)
    func concurrentVariantStock(database: TestDatabase) async throws {
        do {
            try await TestApp.run(database) { _, client in
                let (owner, shop) = try await client.vendorWithShop("vrace")
                let variants = (0..<4).map { VariantInput(sku: "V\($0)", inventoryCount: 100) }
                let product = try await client.createProduct(shop, productRequest("Many Sizes", variants: variants), as: owner)
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for round in 0..<24 {
                        let variant = product.variants[round % 4].id
                        group.addTask { try await client.adjustStock(product.id, delta: -1, variant: variant, as: owner).status }
                    }
                    return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .ok })
                let stored = try await client.getProduct(product.id).decode(ProductDTO.self)
                #expect(stored.variants.map(\.inventoryCount) == [94, 94, 94, 94])
                #expect(stored.inventoryCount == stored.variants.map(\.inventoryCount).reduce(0, +))
            }
        }
    }

    @Test("every product write lands in the change log", arguments: TestDatabase.enabled)
    func changeLog(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("log")
            let start = try await app.latestChange()
            let product = try await client.createProduct(shop, productRequest("Logged"), as: owner)
            let draft = try await client.createProduct(shop, productRequest("Logged Draft", status: .draft), as: owner)
            _ = try await client.patchProduct(product.id, UpdateProductRequest(title: "Logged Twice"), as: owner)
            _ = try await client.adjustStock(product.id, delta: 2, as: owner)
            _ = try await client.adjustStock(draft.id, delta: 2, as: owner)
            _ = try await client.request(.delete, "/api/v1/products/\(product.id)", token: owner.token)
            // Failed writes leave nothing.
            _ = try await client.adjustStock(draft.id, delta: -100, as: owner)
            _ = try await client.patchProduct(draft.id, UpdateProductRequest(title: ""), as: owner)

            let entries = try await app.changes(after: start, entity: "product")
            let p = product.id.rawValue, d = draft.id.rawValue
            #expect(entries.map(\.entityID) == [p, d, p, p, d, p])
            #expect(entries.map(\.op) == ["upsert", "upsert", "upsert", "upsert", "upsert", "delete"])
            #expect(entries.map(\.scope) == ["public", "shop:\(shop.id)", "public", "public", "shop:\(shop.id)", "public"])
            let versions = entries.map(\.version)
            #expect(versions == versions.sorted())
        }
    }
}
