import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

let testAddress = ShippingAddress(name: "Ada Buyer", line1: "1 Test Street", city: "Springfield", region: "CA", postalCode: "90001", country: "US")

func checkoutBody(payment: String = "pm_card_visa", option: String = "standard", coupon: String? = nil,
                  address: ShippingAddress = testAddress) -> CheckoutRequest {
    CheckoutRequest(shippingAddress: address, shippingOption: option, couponCode: coupon, paymentMethod: payment)
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}

extension TestClientProtocol {
    /// `POST /cart`, expecting 200.
    @discardableResult
    func addToCart(_ product: ProductID, variant: VariantID? = nil, quantity: Int = 1, as user: CatalogUser) async throws -> CartDTO {
        let response = try await request(.post, "/api/v1/cart", json: AddCartItemRequest(productId: product, variantId: variant, quantity: quantity), token: user.token)
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(CartDTO.self)
    }

    func cart(_ user: CatalogUser) async throws -> CartDTO {
        let response = try await request(.get, "/api/v1/cart", token: user.token)
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(CartDTO.self)
    }

    func checkout(_ body: CheckoutRequest = checkoutBody(), key: String = UUID().uuidString, as user: CatalogUser) async throws -> TestResponse {
        try await request(.post, "/api/v1/checkout", json: body, token: user.token, headers: [.idempotencyKey: key])
    }

    /// A checkout expected to answer 201.
    func checkedOut(_ body: CheckoutRequest = checkoutBody(), key: String = UUID().uuidString, as user: CatalogUser) async throws -> CheckoutResultDTO {
        let response = try await checkout(body, key: key, as: user)
        guard response.status == .created else { throw ResponseError(response) }
        return try response.decode(CheckoutResultDTO.self)
    }

    func order(_ id: OrderID, as user: CatalogUser) async throws -> TestResponse {
        try await request(.get, "/api/v1/orders/\(id)", token: user.token)
    }

    func orderAction(_ id: OrderID, _ action: String, json: (any Encodable)? = nil, key: String? = nil, as user: CatalogUser) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[.idempotencyKey] = key }
        return try await request(.post, "/api/v1/orders/\(id)/\(action)", json: json, token: user.token, headers: headers)
    }

    func stock(_ product: ProductID) async throws -> Int {
        let response = try await getProduct(product)
        guard response.status == .ok else { throw ResponseError(response) }
        return try response.decode(ProductDTO.self).inventoryCount
    }
}
