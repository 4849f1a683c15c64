import MarketModels

/// `/api-keys` in OpenAPI.
extension OpenAPIBuilder {
    mutating func addAPIKeyPaths() {
        let scopes = Self.enumeration(APIKeyScope.allCases.map(\.rawValue))
        schema("APIKeyScope", scopes)
        schema("CreateAPIKeyRequest", Self.object([
            ("name", Self.string(minLength: 1, maxLength: 100)),
            ("scopes", ["type": "array", "items": Self.ref("APIKeyScope"),
                        "description": "Omitted or empty: the key may do everything its owner may."]),
        ], required: ["name"]))
        schema("CreatedAPIKey", Self.object([
            ("id", Self.string(pattern: "^key_[0-9A-HJKMNP-TV-Z]{26}$")),
            ("key", Self.string(pattern: "^mm_[A-Za-z0-9_-]{43}$", description: "Shown only here; send it as X-API-Key.")),
        ], required: ["id", "key"]))
        schema("APIKey", Self.object([
            ("id", Self.string(pattern: "^key_[0-9A-HJKMNP-TV-Z]{26}$")),
            ("name", Self.string()),
            ("scopes", ["type": "array", "items": Self.ref("APIKeyScope")]),
            ("prefix", Self.string(description: "The key's first characters, to tell keys apart")),
            ("createdAt", Self.string(format: "date-time")),
            ("lastUsedAt", Self.string(format: "date-time", nullable: true, description: "Updated at most once a minute")),
            ("revokedAt", Self.string(format: "date-time", nullable: true)),
        ], required: ["id", "name", "scopes", "prefix", "createdAt"]))

        let tag = "api-keys"
        add(Operation(method: "post", path: "/api/v1/api-keys", tag: tag, summary: "Create an API key",
                      description: "The key is returned once and stored only as a hash. A scoped key is refused (403) outside its scopes; managing keys needs an unscoped key or a bearer token.",
                      secured: true, requestSchema: "CreateAPIKeyRequest", responses: [("201", "The new key", Self.ref("CreatedAPIKey"))]))
        add(Operation(method: "get", path: "/api/v1/api-keys", tag: tag, summary: "The caller's API keys (never the keys themselves)",
                      secured: true, responses: [("200", "Keys, oldest first", Self.listOf("APIKey"))]))
        add(Operation(method: "delete", path: "/api/v1/api-keys/{id}", tag: tag, summary: "Revoke an API key",
                      description: "Takes effect at once; revoking a revoked key is 204, another user's key 404.",
                      secured: true, responses: [("204", "Revoked", nil)],
                      parameters: [["name": "id", "in": "path", "required": true, "schema": Self.string()]]))
    }
}
