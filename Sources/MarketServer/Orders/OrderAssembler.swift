import FluentKit
import Foundation
import MarketModels

/// Order rows → `OrderDTO`s, with their lines, timeline and shop names in one query each.
enum OrderAssembler {
    /// What an order's answer is made of besides its own row.
    struct Parts: Sendable {
        /// Order id → its lines, by position.
        var lines: [String: [OrderLineModel]] = [:]
        /// Order id → its timeline, by seq.
        var events: [String: [OrderEventModel]] = [:]
        /// Shop id → name.
        var shopNames: [String: String] = [:]
    }

    static func dtos(_ orders: [OrderModel], on db: any Database) async throws -> [OrderDTO] {
        guard !orders.isEmpty else { return [] }
        let ids = orders.compactMap(\.id)
        let parts = Parts(
            lines: Dictionary(grouping: try await OrderLineModel.query(on: db).filter(\.$orderID ~~ ids).sort(\.$position).all(), by: \.orderID),
            events: Dictionary(grouping: try await OrderEventModel.query(on: db).filter(\.$orderID ~~ ids).sort(\.$orderID).sort(\.$seq).all(), by: \.orderID),
            shopNames: Dictionary(uniqueKeysWithValues: try await ShopModel.query(on: db).filter(\.$id ~~ Set(orders.map(\.shopID))).all().map { ($0.id!, $0.name) }))
        return dtos(orders, parts: parts)
    }

    /// The same from rows already in hand (a checkout answers from what it just wrote,
    /// without reading it back).
    static func dtos(_ orders: [OrderModel], parts: Parts) -> [OrderDTO] {
        orders.map { order in
            OrderDTO(
                id: OrderID(rawValue: order.id!)!, checkoutId: CheckoutID(rawValue: order.checkoutID)!, paymentId: PaymentID(rawValue: order.paymentID)!,
                buyerId: UserID(rawValue: order.buyerID)!, shopId: ShopID(rawValue: order.shopID)!, shopName: parts.shopNames[order.shopID] ?? "",
                status: order.statusValue,
                lines: (parts.lines[order.id!] ?? []).map { line in
                    OrderLineDTO(id: line.id!, productId: ProductID(rawValue: line.productID)!, variantId: line.variantID.flatMap(VariantID.init(rawValue:)),
                                 title: line.title, sku: line.sku, quantity: line.quantity, unitPrice: order.money(line.unitPrice),
                                 discount: order.money(line.discount), tax: order.money(line.tax), total: order.money(line.total))
                },
                subtotal: order.money(order.subtotal), discount: order.money(order.discount), shipping: order.money(order.shipping),
                tax: order.money(order.tax), total: order.money(order.total), refunded: order.money(order.refundedAmount),
                shippingOption: order.shippingOption, shippingAddress: order.shippingAddress, couponCode: order.couponCode,
                carrier: order.carrier, trackingNumber: order.trackingNumber, invoiceAvailable: order.invoiceReady,
                timeline: (parts.events[order.id!] ?? []).map(\.dto), createdAt: order.createdAt, updatedAt: order.updatedAt)
        }
    }

    static func dto(_ order: OrderModel, on db: any Database) async throws -> OrderDTO {
        try await dtos([order], on: db)[0]
    }

    /// A checkout's answer from the rows in hand (the checkout or its settling just wrote them).
    static func checkoutResult(payment: PaymentModel, orders: [OrderModel], parts: Parts) -> CheckoutResultDTO {
        CheckoutResultDTO(checkoutId: CheckoutID(rawValue: payment.checkoutID)!, orders: dtos(orders, parts: parts), payment: payment.dto)
    }

    /// A checkout's answer: its orders and its payment, as they are now.
    static func checkoutResult(checkoutID: String, on db: any Database) async throws -> CheckoutResultDTO {
        guard let payment = try await PaymentModel.query(on: db).filter(\.$checkoutID == checkoutID).first() else {
            throw AppError(.notFound, .notFound, "No such checkout.")
        }
        let orders = try await OrderModel.query(on: db).filter(\.$checkoutID == checkoutID).sort(\.$id).all()
        return CheckoutResultDTO(checkoutId: CheckoutID(rawValue: checkoutID)!, orders: try await dtos(orders, on: db), payment: payment.dto)
    }
}
