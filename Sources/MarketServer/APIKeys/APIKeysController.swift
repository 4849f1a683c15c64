import Hummingbird
import MarketModels

/// `/api/v1/api-keys`: the caller's own keys. Managing keys needs a bearer token or an
/// unscoped key (`APIKeyScope.required` maps these routes to no scope).
struct APIKeysController {
    let keys: APIKeyService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("api-keys") { request, context in
            let body = try await request.decode(as: CreateAPIKeyRequest.self, context: context)
            let created = try await keys.create(body, owner: try context.requirePrincipal())
            return try Response.json(created, status: .created, headers: [.cacheControl: "no-store"])
        }
        group.get("api-keys") { _, context in
            let items = try await keys.list(owner: try context.requirePrincipal())
            return try Response.json(ListPage(items: items, nextCursor: nil), headers: [.cacheControl: "no-store"])
        }
        group.delete("api-keys/:id") { _, context in
            try await keys.revoke(id: try context.parameters.require("id"), owner: try context.requirePrincipal())
            return Response(status: .noContent)
        }
    }
}
