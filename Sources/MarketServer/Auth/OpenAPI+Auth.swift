/// The Auth section of API.md, as OpenAPI.
extension OpenAPIBuilder {
    static let emailSchema = string(format: "email", maxLength: 254)
    static let passwordSchema = string(minLength: 8, maxLength: 1024, description: "At least 8 characters; no control characters.")

    mutating func addAuthPaths() {
        schema("Role", Self.enumeration(["buyer", "vendor", "admin"]))
        schema("User", Self.object([
            ("id", Self.string(pattern: "^usr_[0-9A-HJKMNP-TV-Z]{26}$")),
            ("email", Self.string()),
            ("name", Self.string()),
            ("role", Self.ref("Role")),
            ("verified", ["type": "boolean"]),
            ("locale", Self.string(nullable: true)),
            ("createdAt", Self.string(format: "date-time")),
            ("updatedAt", Self.string(format: "date-time")),
        ], required: ["id", "email", "name", "role", "verified", "createdAt", "updatedAt"]))
        schema("RegisterRequest", Self.object([
            ("email", Self.emailSchema),
            ("password", Self.passwordSchema),
            ("name", Self.string(minLength: 1, maxLength: 100)),
            ("role", Self.enumeration(["buyer", "vendor"])),
        ], required: ["email", "password", "name"]))
        schema("LoginRequest", Self.object([("email", Self.string(minLength: 1)), ("password", Self.string(minLength: 1))], required: ["email", "password"]))
        schema("RefreshRequest", Self.object([("refreshToken", Self.string())], required: ["refreshToken"]))
        schema("LogoutRequest", Self.object([("refreshToken", Self.string())], required: ["refreshToken"]))
        schema("ForgotPasswordRequest", Self.object([("email", Self.emailSchema)], required: ["email"]))
        schema("ResetPasswordRequest", Self.object([("token", Self.string()), ("password", Self.passwordSchema)], required: ["token", "password"]))
        schema("VerifyEmailRequest", Self.object([("token", Self.string())], required: ["token"]))
        schema("AuthResponse", Self.object([
            ("user", Self.ref("User")),
            ("accessToken", Self.string(description: "EdDSA-signed JWT, valid for expiresIn seconds")),
            ("refreshToken", Self.string(description: "Opaque; single use: each refresh returns a new one")),
            ("expiresIn", ["type": "integer"]),
        ], required: ["user", "accessToken", "refreshToken", "expiresIn"]))
        schema("JWKS", Self.object([
            ("keys", ["type": "array", "items": Self.object([
                ("kty", Self.string()), ("crv", Self.string()), ("x", Self.string()),
                ("kid", Self.string()), ("alg", Self.string()), ("use", Self.string()),
            ], required: ["kty", "crv", "x", "kid", "alg"])]),
        ], required: ["keys"]))

        let tag = "auth"
        add(Operation(method: "post", path: "/api/v1/auth/register", tag: tag, summary: "Create an account (buyer or vendor)",
                      description: "409 email_taken when the (normalised) email is in use; role admin is refused.",
                      requestSchema: "RegisterRequest", responses: [("201", "Registered and logged in", Self.ref("AuthResponse"))]))
        add(Operation(method: "post", path: "/api/v1/auth/login", tag: tag, summary: "Log in with email and password",
                      description: "401 invalid_credentials for a wrong email or password alike; 429 too_many_attempts with Retry-After after repeated failures.",
                      requestSchema: "LoginRequest", responses: [("200", "Logged in", Self.ref("AuthResponse"))]))
        add(Operation(method: "post", path: "/api/v1/auth/refresh", tag: tag, summary: "Trade a refresh token for a new pair",
                      description: "The presented token is spent. Presenting a spent token revokes its whole family (401).",
                      requestSchema: "RefreshRequest", responses: [("200", "New token pair", Self.ref("AuthResponse"))]))
        add(Operation(method: "post", path: "/api/v1/auth/logout", tag: tag, summary: "End the session of a refresh token",
                      requestSchema: "LogoutRequest", responses: [("204", "Logged out", nil)]))
        add(Operation(method: "post", path: "/api/v1/auth/logout-all", tag: tag, summary: "End every session of the caller",
                      description: "Every refresh token and every access token issued before this call stop working at once.",
                      secured: true, responses: [("204", "All sessions ended", nil)]))
        add(Operation(method: "post", path: "/api/v1/auth/forgot-password", tag: tag, summary: "Mail a password reset code",
                      description: "Always 202, whether or not the account exists.",
                      requestSchema: "ForgotPasswordRequest", responses: [("202", "Accepted", nil)]))
        add(Operation(method: "post", path: "/api/v1/auth/reset-password", tag: tag, summary: "Set a new password with a mailed code",
                      description: "The code is single-use and valid for 20 minutes; every session of the user ends.",
                      requestSchema: "ResetPasswordRequest", responses: [("204", "Password changed", nil)]))
        add(Operation(method: "post", path: "/api/v1/auth/verify-email", tag: tag, summary: "Confirm the email address with a mailed code",
                      requestSchema: "VerifyEmailRequest", responses: [("204", "Verified", nil)]))
        add(Operation(method: "get", path: "/.well-known/jwks.json", tag: tag, summary: "Public keys that verify access tokens",
                      responses: [("200", "JSON Web Key Set", Self.ref("JWKS"))]))
    }
}
