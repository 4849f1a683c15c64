import Foundation
import MarketModels

/// Commerce entry points for the command line (demo seeding), through the real services.
extension AppEnvironment {
    /// Puts `items` in the buyer's cart and checks out with the simulated test card;
    /// `shipWith` (carrier, tracking number) then ships every order as its shop.
    @discardableResult
    public func demoPurchase(buyer: UserID, items: [(product: ProductID, variant: VariantID?, quantity: Int)],
                             address: ShippingAddress, shipWith: (String, String)? = nil) async throws -> [OrderID] {
        for item in items {
            _ = try await commerce.cart.add(AddCartItemRequest(productId: item.product, variantId: item.variant, quantity: item.quantity), user: buyer)
        }
        let request = CheckoutRequest(shippingAddress: address, shippingOption: ShippingOptionCode.standard, paymentMethod: "pm_card_visa")
        let answer = try await commerce.checkout.checkout(request, key: "demo-\(UUID().uuidString)", user: buyer)
        let result = try MarketJSON.makeDecoder().decode(CheckoutResultDTO.self, from: Data(answer.body.utf8))
        if let (carrier, tracking) = shipWith {
            for order in result.orders {
                guard let shop = try await ShopModel.find(order.shopId.rawValue, on: database) else { continue }
                _ = try await commerce.orders.ship(order.id.rawValue, ShipOrderRequest(carrier: carrier, trackingNumber: tracking),
                                                   principal: Principal(userID: UserID(rawValue: shop.ownerID)!, role: .vendor, tokenVersion: 0))
            }
        }
        return result.orders.map(\.id)
    }
}
