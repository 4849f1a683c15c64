import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import MarketModels
import Testing
@testable import MarketServer

/// Forged, tampered, confused and stale access tokens on an authenticated route. Every one
/// is a 401 with the right code, never a 5xx and never a way in.
@Suite("Access token security")
struct TokenSecurityTests {
    static let me = "/api/v1/users/me"

    /// Sends `Authorization: <value>` (or none) to `/users/me`.
    static func me(_ client: some TestClientProtocol, authorization: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let authorization { headers[.authorization] = authorization }
        return try await client.request(.get, me, headers: headers)
    }

    /// Asserts a 401 with `code`, quoting the request id like every error.
    static func expectRejected(
        _ response: TestResponse, code: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == .unauthorized, comment, sourceLocation: sourceLocation)
        let error = try response.errorBody
        #expect(error.code == code, comment, sourceLocation: sourceLocation)
        #expect(error.requestId == response.header("X-Request-Id"), comment, sourceLocation: sourceLocation)
    }

    // MARK: Building tokens by hand

    /// A compact JWS signed with Ed25519: base64url(header).base64url(payload).base64url(signature).
    static func signEdDSA(header: [String: Any], payload: [String: Any], key: Curve25519.Signing.PrivateKey) throws -> String {
        let input = try Base64URL.jsonPart(header) + "." + Base64URL.jsonPart(payload)
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + Base64URL.encode(signature)
    }

    /// The server's own signing key, read from the PEM file it keeps in the data directory
    /// (PKCS#8 for Ed25519 ends with the 32-byte seed).
    static func serverKey(_ app: TestApp) throws -> Curve25519.Signing.PrivateKey {
        let pem = try String(contentsOfFile: (app.dataDirectory as NSString).appendingPathComponent("jwt-signing-key.pem"), encoding: .utf8)
        let base64 = pem.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let der = try #require(Data(base64Encoded: base64))
        #expect(der.count == 48)
        return try Curve25519.Signing.PrivateKey(rawRepresentation: der.suffix(32))
    }

    /// The published key (JWKS): its kid and raw public bytes.
    static func publishedKey(_ client: some TestClientProtocol) async throws -> (kid: String, x: Data) {
        let jwks = try await client.request(.get, "/.well-known/jwks.json").jsonObject()
        let key = try #require((jwks["keys"] as? [[String: Any]])?.first)
        return (try #require(key["kid"] as? String), try Base64URL.decode(try #require(key["x"] as? String)))
    }

    /// A registered user, its real token, and that token's header and claims to vary.
    struct Victim {
        var auth: AuthResponse
        var header: [String: Any]
        var claims: [String: Any]
        var kid: String { header["kid"] as? String ?? "" }
    }

    static func victim(_ client: some TestClientProtocol, email: String = "victim@example.com") async throws -> Victim {
        let auth = try await client.register(email)
        let header = try Base64URL.jsonPart(auth.accessToken, 0)
        let claims = try Base64URL.jsonPart(auth.accessToken, 1)
        #expect(header["alg"] as? String == "EdDSA")
        #expect(claims["sub"] as? String == auth.user.id.rawValue)
        #expect(claims["role"] as? String == "buyer")
        return Victim(auth: auth, header: header, claims: claims)
    }

    // MARK: Control

    @Test("control: a real token, and a hand-built one signed with the server's key, are accepted")
    func control() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            let real = try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)")
            #expect(real.status == .ok)
            #expect(try real.decode(UserDTO.self).id == victim.auth.user.id)
            // The scheme is case-insensitive (RFC 9110 §11.1).
            #expect(try await Self.me(client, authorization: "bearer \(victim.auth.accessToken)").status == .ok)

            // The PEM on disk is the key the JWKS publishes, so hand-built tokens below are
            // rejected for what they vary, not because the builder is wrong.
            let key = try Self.serverKey(app)
            let published = try await Self.publishedKey(client)
            #expect(key.publicKey.rawRepresentation == published.x)
            #expect(published.kid == victim.kid)
            var claims = victim.claims
            claims["jti"] = "hand-built"
            let handBuilt = try Self.signEdDSA(header: victim.header, payload: claims, key: key)
            let response = try await Self.me(client, authorization: "Bearer \(handBuilt)")
            #expect(response.status == .ok, "\(response.text)")
            #expect(try response.decode(UserDTO.self).id == victim.auth.user.id)
        }
    }

    // MARK: No or unusable credentials

    @Test("no Authorization header: 401 unauthorized")
    func missingAuthorization() async throws {
        try await TestApp.run(.sqlite) { _, client in
            try Self.expectRejected(try await Self.me(client, authorization: nil), code: "unauthorized")
        }
    }

    @Test(
        "a non-Bearer scheme or an empty bearer token: 401 unauthorized",
        arguments: ["Basic xyz", "Basic dXNlcjpwYXNz", "Token abc", "Bearer", "Bearer ", "Bearerabc", "abc"])
    func wrongScheme(authorization: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            _ = try await Self.victim(client)
            try Self.expectRejected(try await Self.me(client, authorization: authorization), code: "unauthorized", "\(authorization)")
        }
    }

    @Test(
        "garbage bearer tokens: 401 invalid_token",
        arguments: [
            "abc", "a.b.c", "..", "a.b", "a.b.c.d", "eyJhbGciOiJFZERTQSJ9.e30.", "null",
            String(repeating: "A", count: 5000) + ".e30.sig", "ünïcode.ü.ü",
        ])
    func garbage(token: String) async throws {
        try await TestApp.run(.sqlite) { _, client in
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "\(token.prefix(30))")
        }
    }

    @Test("a refresh token, or a token in the wrong header, is not an access token")
    func wrongKindOfToken() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let victim = try await Self.victim(client)
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(victim.auth.refreshToken)"), code: "invalid_token")
            // Two tokens in one header.
            try Self.expectRejected(
                try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken) \(victim.auth.accessToken)"), code: "invalid_token")
            // The access token anywhere but Authorization counts for nothing.
            let elsewhere = try await client.request(.get, Self.me, headers: .named(["X-Access-Token": victim.auth.accessToken, "Cookie": "token=\(victim.auth.accessToken)"]))
            try Self.expectRejected(elsewhere, code: "unauthorized")
            let query = try await client.request(.get, Self.me + "?access_token=\(victim.auth.accessToken)")
            try Self.expectRejected(query, code: "unauthorized")
        }
    }

    // MARK: Tampering and forgery

    @Test("a payload changed after signing (role swapped to admin) is rejected")
    func tamperedPayload() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let victim = try await Self.victim(client)
            let parts = victim.auth.accessToken.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            var claims = victim.claims
            claims["role"] = "admin"
            let tampered = [parts[0], try Base64URL.jsonPart(claims), parts[2]].joined(separator: ".")
            #expect(tampered != victim.auth.accessToken)
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(tampered)"), code: "invalid_token")

            // Pushing the expiry out is no better.
            claims = victim.claims
            claims["exp"] = (claims["exp"] as? Int ?? 0) + 365 * 24 * 3600
            let extended = [parts[0], try Base64URL.jsonPart(claims), parts[2]].joined(separator: ".")
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(extended)"), code: "invalid_token")

            // Nor is a flipped signature bit.
            var signature = try Base64URL.decode(parts[2])
            signature[0] ^= 0x01
            let flipped = [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: ".")
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(flipped)"), code: "invalid_token")

            // The real token still works afterwards.
            #expect(try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)").status == .ok)
        }
    }

    @Test("alg none with an empty signature is rejected")
    func algNone() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let victim = try await Self.victim(client)
            var claims = victim.claims
            claims["role"] = "admin"
            for header: [String: Any] in [
                ["alg": "none", "typ": "JWT"],
                ["alg": "none", "typ": "JWT", "kid": victim.kid],
                ["alg": "None", "typ": "JWT", "kid": victim.kid],
                ["alg": "NONE"],
            ] {
                let token = try Base64URL.jsonPart(header) + "." + Base64URL.jsonPart(claims) + "."
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "\(header)")
                // The original signature glued on does not help either.
                let withSignature = token + String(victim.auth.accessToken.split(separator: ".")[2])
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(withSignature)"), code: "invalid_token", "\(header)")
            }
        }
    }

    @Test("HS256 signed with the public key as the HMAC secret (key confusion) is rejected")
    func keyConfusion() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let victim = try await Self.victim(client)
            let published = try await Self.publishedKey(client)
            var claims = victim.claims
            claims["role"] = "admin"
            // The raw key bytes, and the base64url text of `x`, as secrets: both classic variants.
            for secret in [published.x, Data(Base64URL.encode(published.x).utf8)] {
                for alg in ["HS256", "HS384", "HS512"] {
                    let input = try Base64URL.jsonPart(["alg": alg, "typ": "JWT", "kid": published.kid]) + "." + Base64URL.jsonPart(claims)
                    let key = SymmetricKey(data: secret)
                    let mac: Data = switch alg {
                    case "HS256": Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key))
                    case "HS384": Data(HMAC<SHA384>.authenticationCode(for: Data(input.utf8), using: key))
                    default: Data(HMAC<SHA512>.authenticationCode(for: Data(input.utf8), using: key))
                    }
                    let token = input + "." + Base64URL.encode(mac)
                    try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "\(alg)")
                }
            }
        }
    }

    @Test("a token signed by a different Ed25519 key is rejected, whatever its kid")
    func foreignKey() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let victim = try await Self.victim(client)
            let attacker = Curve25519.Signing.PrivateKey()
            for header: [String: Any] in [
                victim.header,                                // same kid
                ["alg": "EdDSA", "typ": "JWT"],               // no kid: must not fall back to "any key"
                ["alg": "EdDSA", "typ": "JWT", "kid": "attacker"],
                ["alg": "EdDSA", "typ": "JWT", "kid": victim.kid,
                 "jwk": ["kty": "OKP", "crv": "Ed25519", "x": Base64URL.encode(attacker.publicKey.rawRepresentation)]],
            ] {
                let token = try Self.signEdDSA(header: header, payload: victim.claims, key: attacker)
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "\(header)")
            }
        }
    }

    @Test("correctly signed tokens with the wrong audience or issuer are rejected")
    func wrongAudienceOrIssuer() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            let key = try Self.serverKey(app)
            let variants: [(String, Any)] = [
                ("aud", ["other-api"]),
                ("aud", "other-api"),
                ("aud", []),
                ("aud", ["MARKETMATE-API"]),
                ("iss", "evil"),
                ("iss", "marketmate "),
                ("iss", ""),
            ]
            for (claim, value) in variants {
                var claims = victim.claims
                claims[claim] = value
                let token = try Self.signEdDSA(header: victim.header, payload: claims, key: key)
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "\(claim)=\(value)")
            }
            // Missing either claim is as bad as a wrong one.
            for claim in ["aud", "iss", "sub", "exp"] {
                var claims = victim.claims
                claims[claim] = nil
                let token = try Self.signEdDSA(header: victim.header, payload: claims, key: key)
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "no \(claim)")
            }
        }
    }

    @Test("the same checks hold for tokens signed through the app's own JWTKeyCollection")
    func wrongAudienceViaIssuerKeys() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            let tokens = app.environment.auth.tokens
            let now = app.clock.now()
            func claims(iss: String = tokens.issuer, aud: String = tokens.audience) -> AccessTokenClaims {
                AccessTokenClaims(
                    sub: .init(value: victim.auth.user.id.rawValue), role: "buyer", iss: .init(value: iss), aud: .init(value: [aud]),
                    iat: .init(value: now), exp: .init(value: now.addingTimeInterval(600)), jti: .init(value: "jk"), tv: 0)
            }
            let good = try await tokens.keys.sign(claims(), kid: JWKIdentifier(string: tokens.kid))
            #expect(try await Self.me(client, authorization: "Bearer \(good)").status == .ok)
            let wrongAud = try await tokens.keys.sign(claims(aud: "somebody-else"), kid: JWKIdentifier(string: tokens.kid))
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(wrongAud)"), code: "invalid_token")
            let wrongIss = try await tokens.keys.sign(claims(iss: "https://idp.example"), kid: JWKIdentifier(string: tokens.kid))
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(wrongIss)"), code: "invalid_token")
        }
    }

    @Test("a validly signed admin role claim does not make a buyer an admin")
    func roleComesFromTheDatabase() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            var claims = victim.claims
            claims["role"] = "admin"
            let token = try Self.signEdDSA(header: victim.header, payload: claims, key: try Self.serverKey(app))
            let response = try await Self.me(client, authorization: "Bearer \(token)")
            #expect(response.status == .ok)
            #expect(try response.decode(UserDTO.self).role == .buyer)
        }
    }

    // MARK: Stale tokens

    @Test("an access token is expired after 15 minutes: 401 token_expired")
    func expired() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            let claims = victim.claims
            let iat = try #require(claims["iat"] as? Int)
            let exp = try #require(claims["exp"] as? Int)
            #expect(exp - iat == 900)

            app.clock.advance(by: 14 * 60)
            #expect(try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)").status == .ok)
            app.clock.advance(by: 2 * 60)
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)"), code: "token_expired")

            // A correctly signed token whose exp is simply in the past, too.
            var old = claims
            old["exp"] = Int(app.clock.now().timeIntervalSince1970) - 1
            let token = try Self.signEdDSA(header: victim.header, payload: old, key: try Self.serverKey(app))
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "token_expired")

            // A fresh login is fine at the new time.
            let fresh = try await client.login("victim@example.com")
            #expect(try await Self.me(client, authorization: "Bearer \(fresh.accessToken)").status == .ok)
        }
    }

    @Test("a correctly signed token for a user that does not exist is rejected")
    func unknownUser() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            let key = try Self.serverKey(app)
            for sub in [UserID.generate().rawValue, "usr_00000000000000000000000000", "", "' OR 1=1 --", String(repeating: "u", count: 1000)] {
                var claims = victim.claims
                claims["sub"] = sub
                let token = try Self.signEdDSA(header: victim.header, payload: claims, key: key)
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "\(sub.prefix(30))")
            }
        }
    }

    @Test("a correctly signed token with another token version is rejected")
    func wrongTokenVersion() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let victim = try await Self.victim(client)
            let key = try Self.serverKey(app)
            let tv = try #require(victim.claims["tv"] as? Int)
            for other in [tv + 1, tv - 1] {
                var claims = victim.claims
                claims["tv"] = other
                let token = try Self.signEdDSA(header: victim.header, payload: claims, key: key)
                try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(token)"), code: "invalid_token", "tv=\(other)")
            }
        }
    }

    @Test("after logout-all the old access token fails at once; a new one works")
    func logoutAll() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let victim = try await Self.victim(client)
            let other = try await client.register("bystander@example.com")
            #expect(try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)").status == .ok)
            let out = try await client.request(.post, "/api/v1/auth/logout-all", token: victim.auth.accessToken)
            #expect(out.status == .noContent)
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)"), code: "invalid_token")
            // Still rejected later, even with the cache long gone.
            try await Task.sleep(for: .milliseconds(2100))
            try Self.expectRejected(try await Self.me(client, authorization: "Bearer \(victim.auth.accessToken)"), code: "invalid_token")
            // Logging out everywhere twice with the dead token is refused.
            try Self.expectRejected(try await client.request(.post, "/api/v1/auth/logout-all", token: victim.auth.accessToken), code: "invalid_token")
            // Other users are untouched; a fresh login works.
            #expect(try await Self.me(client, authorization: "Bearer \(other.accessToken)").status == .ok)
            let fresh = try await client.login("victim@example.com")
            #expect(try await Self.me(client, authorization: "Bearer \(fresh.accessToken)").status == .ok)
        }
    }
}
