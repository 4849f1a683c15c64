import FluentKit
import Hummingbird
import MarketModels

/// `GET /api/v1/admin/users`: every account, newest last, for admins only. Bans, reports
/// and the audit log join this controller with the moderation release.
struct AdminUsersController {
    let auth: AuthService

    func addRoutes(to admin: RouterGroup<AppRequestContext>) {
        admin.get("admin/users") { request, _ in
            let page = try PageRequest(request)
            let query = request.uri.queryParameters
            var builder = UserModel.query(on: auth.database()).sort(\.$id, .ascending).limit(page.limit + 1)
            if let after = page.after { builder = builder.filter(\.$id > after) }
            if let role = query["role"].map(String.init) {
                guard let role = Role(rawValue: role) else {
                    throw AppError.validation(field: "role", code: "invalid_value", "role must be buyer, vendor or admin.")
                }
                builder = builder.filter(\.$role == role.rawValue)
            }
            let rows = try await builder.all()
            return try Response.json(page.page(rows, key: { $0.id ?? "" }, map: \.dto), headers: [.cacheControl: "no-store"])
        }
    }
}

extension OpenAPIBuilder {
    static let pagingParameters: [JSONValue] = [
        ["name": "limit", "in": "query", "required": false, "schema": ["type": "integer", "minimum": 1, "maximum": 100]],
        ["name": "cursor", "in": "query", "required": false, "schema": ["type": "string"]],
    ]

    static func listOf(_ schema: String) -> JSONValue {
        object([
            ("items", ["type": "array", "items": ref(schema)]),
            ("nextCursor", string(nullable: true)),
        ], required: ["items", "nextCursor"])
    }

    mutating func addAdminPaths() {
        add(Operation(
            method: "get", path: "/api/v1/admin/users", tag: "admin", summary: "List accounts (admins only)",
            secured: true,
            responses: [("200", "A page of users", Self.listOf("User"))],
            parameters: Self.pagingParameters + [["name": "role", "in": "query", "required": false, "schema": Self.enumeration(["buyer", "vendor", "admin"])]]))
    }
}
