import Hummingbird
import MarketModels

/// `/api/v1/orders` (API.md): lists and details by visibility, and the order actions.
struct OrdersController {
    let orders: OrderService
    let refunds: RefundService
    let invoices: any InvoiceStore

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("orders") { request, context in
            let query = request.uri.queryParameters
            let page = try await orders.list(principal: try context.requirePrincipal(), page: try PageRequest(request),
                                             status: query["status"].map(String.init), shopID: query["shopId"].map(String.init))
            return try Response.json(page, headers: [.cacheControl: "private, no-store"])
        }
        group.get("orders/:id") { _, context in
            try Response.json(try await orders.find(try context.parameters.require("id"), principal: try context.requirePrincipal()),
                              headers: [.cacheControl: "private, no-store"])
        }
        group.post("orders/:id/cancel") { request, context in
            let body = try await Self.optionalBody(CancelOrderRequest.self, request, context) ?? CancelOrderRequest()
            return try Response.json(try await orders.cancel(try context.parameters.require("id"), reason: body.reason, principal: try context.requirePrincipal()))
        }
        group.post("orders/:id/ship") { request, context in
            let body = try await request.decode(as: ShipOrderRequest.self, context: context)
            return try Response.json(try await orders.ship(try context.parameters.require("id"), body, principal: try context.requirePrincipal()))
        }
        group.post("orders/:id/complete") { _, context in
            try Response.json(try await orders.complete(try context.parameters.require("id"), principal: try context.requirePrincipal()))
        }
        group.post("orders/:id/refund") { request, context in
            let key = try IdempotencyKeys.key(from: request, required: true)!
            let body = try await Self.optionalBody(RefundOrderRequest.self, request, context) ?? RefundOrderRequest()
            return try await refunds.refund(try context.parameters.require("id"), body, key: key, principal: try context.requirePrincipal(),
                                            orders: orders).replay()
        }
        group.get("orders/:id/invoice") { _, context in
            let id = try context.parameters.require("id")
            let pdf = try await orders.invoice(id, principal: try context.requirePrincipal(), store: invoices)
            return Response(status: .ok, headers: [
                .contentType: "application/pdf", .contentLength: String(pdf.count), .cacheControl: "private, no-store",
                .contentDisposition: "attachment; filename=\"invoice-\(id).pdf\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: pdf)))
        }
    }

    /// A JSON body that may be left out entirely (an empty POST).
    static func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AppRequestContext) async throws -> T? {
        var request = request
        let buffer = try await request.collectBody(upTo: context.bodyLimit)
        guard buffer.readableBytes > 0 else { return nil }
        return try await request.decode(as: T.self, context: context)
    }
}
