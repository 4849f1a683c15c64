import Crypto
import Foundation
import JWTKit
import Logging
import MarketModels
import NIOConcurrencyHelpers

/// Signs and verifies access tokens (EdDSA over Ed25519, `kid` in the header) and
/// publishes the public key as a JWKS.
public final class TokenIssuer: Sendable {
    let keys: JWTKeyCollection
    let kid: String
    private let publicKeyRaw: Data
    let issuer: String
    let audience: String
    let ttl: Int
    private let clock: any AppClock
    /// Signature checks cost tens of microseconds and `JWTKeyCollection` is an actor; a
    /// token already verified once is remembered (by its exact bytes) until the cache fills.
    private let verified = NIOLockedValueBox<[String: AccessTokenClaims]>([:])
    private static let verifiedCacheLimit = 20_000

    init(privateKey: EdDSA.PrivateKey, issuer: String, audience: String, ttl: Int, clock: any AppClock) async {
        let raw = privateKey.publicKey.rawRepresentation
        self.publicKeyRaw = raw
        self.kid = Data(SHA256.hash(data: raw).prefix(12)).base64URLEncodedString()
        self.keys = JWTKeyCollection()
        self.issuer = issuer
        self.audience = audience
        self.ttl = ttl
        self.clock = clock
        await keys.add(eddsa: privateKey, kid: JWKIdentifier(string: kid))
    }

    func issue(userID: UserID, role: Role, tokenVersion: Int) async throws -> String {
        // NumericDate in whole seconds, as most JWT libraries expect.
        let now = Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down))
        let claims = AccessTokenClaims(
            sub: .init(value: userID.rawValue),
            role: role.rawValue,
            iss: .init(value: issuer),
            aud: .init(value: [audience]),
            iat: .init(value: now),
            exp: .init(value: now.addingTimeInterval(TimeInterval(ttl))),
            jti: .init(value: SecureToken.generate(prefix: "")),
            tv: tokenVersion
        )
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    /// The verified claims, or an `AppError` (401) saying what is wrong in user terms.
    func verify(_ token: String) async throws(AppError) -> AccessTokenClaims {
        let claims: AccessTokenClaims
        if let cached = verified.withLockedValue({ $0[token] }) {
            claims = cached
        } else {
            // Cheap shape check first: garbage never reaches the crypto.
            guard token.utf8.count < 4096, token.split(separator: ".", omittingEmptySubsequences: false).count == 3 else {
                throw AppError.invalidToken
            }
            do {
                claims = try await keys.verify(token, as: AccessTokenClaims.self)
            } catch {
                throw AppError.invalidToken
            }
            guard claims.iss.value == issuer, claims.aud.value.contains(audience) else { throw AppError.invalidToken }
            verified.withLockedValue { cache in
                if cache.count >= Self.verifiedCacheLimit { cache.removeAll(keepingCapacity: true) }
                cache[token] = claims
            }
        }
        if claims.exp.value <= clock.now() {
            throw AppError(.unauthorized, .tokenExpired, "The access token has expired; refresh it.")
        }
        return claims
    }

    /// `GET /.well-known/jwks.json`.
    var jwks: JWKSDocument {
        JWKSDocument(keys: [.init(kty: "OKP", crv: "Ed25519", x: publicKeyRaw.base64URLEncodedString(), kid: kid, alg: "EdDSA", use: "sig")])
    }
}

struct JWKSDocument: Codable, Sendable {
    struct Key: Codable, Sendable {
        var kty: String
        var crv: String
        var x: String
        var kid: String
        var alg: String
        var use: String
    }
    var keys: [Key]
}

/// Loads the Ed25519 signing key, or makes one on first start and keeps it with mode 0600.
enum SigningKeyStore {
    struct KeyError: Error, CustomStringConvertible { let description: String }

    static func loadOrCreate(configuredFile: String?, dataDirectory: String, logger: Logger) throws -> EdDSA.PrivateKey {
        let fm = FileManager.default
        if let file = configuredFile {
            guard let pem = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw KeyError(description: "\(file): cannot read the signing key file")
            }
            do { return try EdDSA.PrivateKey(pem: pem) } catch {
                throw KeyError(description: "\(file): not an Ed25519 private key in PEM (PKCS#8) form")
            }
        }
        let path = (dataDirectory as NSString).appendingPathComponent("jwt-signing-key.pem")
        if fm.fileExists(atPath: path) {
            if let attributes = try? fm.attributesOfItem(atPath: path),
               let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                logger.warning("signing key file was readable by others; restricting it to the owner", metadata: ["path": .string(path)])
                try? fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
            let pem = try String(contentsOfFile: path, encoding: .utf8)
            do { return try EdDSA.PrivateKey(pem: pem) } catch {
                throw KeyError(description: "\(path): corrupt signing key; move it away to generate a new one (all sessions end)")
            }
        }
        try fm.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = try EdDSA.PrivateKey(curve: .ed25519)
        // Created 0600 from the start (no window where it is world-readable), then linked
        // into place: a crash never leaves half a key, and `link` fails instead of
        // overwriting when another process got there first.
        let temp = path + ".tmp-\(getpid())"
        guard fm.createFile(atPath: temp, contents: Data(key.pemRepresentation.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KeyError(description: "\(temp): cannot write the signing key")
        }
        defer { try? fm.removeItem(atPath: temp) }
        if link(temp, path) != 0 {
            // Another process won the race: use its key.
            if fm.fileExists(atPath: path) { return try loadOrCreate(configuredFile: nil, dataDirectory: dataDirectory, logger: logger) }
            throw KeyError(description: "\(path): cannot install the signing key")
        }
        logger.info("generated a new signing key", metadata: ["path": .string(path)])
        return key
    }
}
