import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The server cart: lines, stock checks, price notices, ownership, currencies.
@Suite("Cart")
struct CartTests {
    @Test("add, add again, set, remove: quantities, subtotals per shop and the price notice", arguments: TestDatabase.enabled)
    func editing(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let (owner, shop) = try await client.vendorWithShop("cartshop")
            let mug = try await client.createProduct(shop, productRequest("Mug", price: .usd(1250), inventoryCount: 5), as: owner)
            let tee = try await client.createProduct(shop, productRequest("Tee", price: .usd(2000), inventoryCount: 0, variants: [
                VariantInput(sku: "TEE-S", options: ["size": "S"], inventoryCount: 2),
                VariantInput(sku: "TEE-M", options: ["size": "M"], price: .usd(2200), inventoryCount: 1),
            ]), as: owner)
            let buyer = try await client.buyer("cartbuyer")

            var cart = try await client.addToCart(mug.id, quantity: 2, as: buyer)
            cart = try await client.addToCart(mug.id, quantity: 1, as: buyer)
            #expect(cart.items.count == 1)
            #expect(cart.items[0].quantity == 3)
            app.tick()
            cart = try await client.addToCart(tee.id, variant: tee.variants[1].id, as: buyer)
            #expect(cart.items.map(\.quantity) == [3, 1])
            #expect(cart.items[1].sku == "TEE-M")
            #expect(cart.items[1].unitPrice == .usd(2200))
            #expect(cart.subtotal == .usd(3 * 1250 + 2200))
            #expect(cart.shops.map(\.subtotal) == [.usd(3 * 1250 + 2200)])
            // `POST /cart` answers from what it read and wrote: the same as reading the cart.
            #expect(try await client.cart(buyer) == cart)

            // More than in stock: refused, nothing changes.
            var response = try await client.request(.post, "/api/v1/cart", json: AddCartItemRequest(productId: mug.id, quantity: 3), token: buyer.token)
            #expect(response.status == .conflict)
            #expect(try response.errorBody.code == "out_of_stock")
            #expect(try await client.cart(buyer).items[0].quantity == 3)
            // A product with variants needs one.
            response = try await client.request(.post, "/api/v1/cart", json: AddCartItemRequest(productId: tee.id, quantity: 1), token: buyer.token)
            #expect(response.status == .badRequest)

            // The price moves: the line shows the new one and says so.
            app.tick()
            #expect(try await client.patchProduct(mug.id, UpdateProductRequest(price: .usd(1100)), as: owner).status == .ok)
            cart = try await client.cart(buyer)
            #expect(cart.items[0].unitPrice == .usd(1100))
            #expect(cart.items[0].addedUnitPrice == .usd(1250))
            #expect(cart.items[0].priceChanged)
            #expect(cart.items[0].notice?.contains("12.50 USD") == true)
            // Adding to a line whose price moved: the notice and the first price stay.
            #expect(try await client.addToCart(mug.id, quantity: 1, as: buyer) == client.cart(buyer))
            cart = try await client.cart(buyer)
            #expect(cart.items.map(\.quantity) == [4, 1])
            #expect(cart.items[0].priceChanged)

            response = try await client.request(.patch, "/api/v1/cart", json: UpdateCartItemRequest(itemId: cart.items[0].id, quantity: 1), token: buyer.token)
            #expect(try response.decode(CartDTO.self).items[0].quantity == 1)
            response = try await client.request(.patch, "/api/v1/cart", json: UpdateCartItemRequest(itemId: cart.items[0].id, quantity: 0), token: buyer.token)
            #expect(try response.decode(CartDTO.self).items.map(\.sku) == ["TEE-M"])
            response = try await client.request(.delete, "/api/v1/cart/items/\(cart.items[1].id)", token: buyer.token)
            #expect(try response.decode(CartDTO.self).items.isEmpty)
        }
    }

    @Test("another buyer's line is not found; other currencies, unknown products and bad quantities are refused", arguments: TestDatabase.enabled)
    func refusals(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let (owner, shop) = try await client.vendorWithShop("usdshop")
            let (euroOwner, euroShop) = try await client.vendorWithShop("eurshop", currency: .eur)
            let mug = try await client.createProduct(shop, productRequest("Mug"), as: owner)
            let euroMug = try await client.createProduct(euroShop, productRequest("Tasse", price: .eur(900)), as: euroOwner)
            let alice = try await client.buyer("alice")
            let bob = try await client.buyer("bob")
            let line = try await client.addToCart(mug.id, as: alice).items[0]

            var response = try await client.request(.patch, "/api/v1/cart", json: UpdateCartItemRequest(itemId: line.id, quantity: 2), token: bob.token)
            #expect(response.status == .notFound)
            response = try await client.request(.delete, "/api/v1/cart/items/\(line.id)", token: bob.token)
            #expect(response.status == .notFound)
            #expect(try await client.cart(alice).items.count == 1)
            #expect(try await client.cart(bob).items.isEmpty)

            response = try await client.request(.post, "/api/v1/cart", json: AddCartItemRequest(productId: euroMug.id, quantity: 1), token: alice.token)
            #expect(response.status == .conflict)
            response = try await client.request(.post, "/api/v1/cart", raw: #"{"productId": "prd_01ARZ3NDEKTSV4RRFFQ69G5FAV", "quantity": 1}"#, token: alice.token)
            #expect(response.status == .notFound)
            for quantity in [0, -1, 1000] {
                response = try await client.request(.post, "/api/v1/cart", json: AddCartItemRequest(productId: mug.id, quantity: quantity), token: alice.token)
                #expect(response.status == .badRequest, "quantity \(quantity)")
            }
            response = try await client.request(.get, "/api/v1/cart")
            #expect(response.status == .unauthorized)
        }
    }
}
