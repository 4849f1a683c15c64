import Foundation
import Hummingbird
import MarketModels

/// `GET /flags` (anyone; anonymous callers have no userId, so no rollout includes them)
/// and the admin API: `GET /admin/flags`, `PUT` and `DELETE /admin/flags/:key`,
/// `POST /admin/flags/:key/evaluate`.
struct FlagsController {
    let flags: FlagService

    func addRoutes(public api: RouterGroup<AppRequestContext>, admin: RouterGroup<AppRequestContext>) {
        // Query parameters become string attributes (`?appVersion=2.1.0`); identity comes
        // only from the token, as `FlagContext.attribute` lets the built-ins win.
        api.get("flags") { request, context in
            let attributes = Dictionary(
                request.uri.queryParameters.map { (String($0.key), FlagJSON.string(String($0.value))) },
                uniquingKeysWith: { first, _ in first })
            let caller = flags.context(
                userId: context.principal?.userID.rawValue, role: context.principal?.role.rawValue, attributes: attributes)
            return try Response.json(flags.evaluateAll(caller), headers: [.cacheControl: "private, no-store"])
        }
        admin.get("admin/flags") { _, _ in
            try Response.json(FlagRecordList(flags: flags.registry.records), headers: [.cacheControl: "no-store"])
        }
        admin.put("admin/flags/:key") { request, context in
            let key = try context.parameters.require("key")
            let definition = try await request.decode(as: FlagDefinition.self, context: context)
            let record = try await flags.put(key: key, definition: definition, by: try context.requirePrincipal().userID.rawValue)
            return try Response.json(record, headers: [.cacheControl: "no-store"])
        }
        admin.delete("admin/flags/:key") { _, context in
            try await flags.delete(key: try context.parameters.require("key"))
            return Response.noContent()
        }
        admin.post("admin/flags/:key/evaluate") { request, context in
            let key = try context.parameters.require("key")
            var body = try await request.decode(as: FlagEvaluationRequest.self, context: context)
            guard let flag = flags.registry.compiled[key] else { throw AppError.notFound }
            if body.context.environment == nil { body.context.environment = flags.settings.environment }
            return try Response.json(flag.evaluate(body.context), headers: [.cacheControl: "no-store"])
        }
    }
}
