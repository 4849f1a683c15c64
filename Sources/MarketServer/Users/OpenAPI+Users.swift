/// `/users/me` in OpenAPI.
extension OpenAPIBuilder {
    mutating func addUserPaths() {
        schema("UpdateUserRequest", Self.object([
            ("name", Self.string(minLength: 1, maxLength: 100)),
            ("locale", Self.string(pattern: "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", maxLength: 35)),
        ]))
        add(Operation(method: "get", path: "/api/v1/users/me", tag: "users", summary: "The caller's profile",
                      secured: true, responses: [("200", "Profile", Self.ref("User"))]))
        add(Operation(method: "patch", path: "/api/v1/users/me", tag: "users", summary: "Change the caller's name or locale",
                      description: "role, email and other read-only fields are refused with 400 validation_failed.",
                      secured: true, requestSchema: "UpdateUserRequest", responses: [("200", "Updated profile", Self.ref("User"))]))
    }
}
