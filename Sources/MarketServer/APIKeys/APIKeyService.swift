import FluentKit
import Foundation
import MarketModels
import NIOConcurrencyHelpers
import SQLKit

/// Creates, lists and revokes API keys, and turns an `X-API-Key` header into a principal.
///
/// Key rows are read on every request (one indexed lookup by hash): nothing caches them,
/// so a revocation made by any server process bites on the next request. The owner's
/// state (role, ban) comes from the same `PrincipalCache` bearer tokens use.
final class APIKeyService: Sendable {
    static let keyPrefix = "mm_"
    /// `mm_` plus six characters of the key: enough to tell keys apart, far too few to guess.
    static let shownPrefixLength = 9
    /// A person has this many live keys at most; a script that leaks keys hits it quickly.
    static let maximumActiveKeys = 50
    /// `last_used_at` moves at most this often per key, so using a key is not a write.
    static let lastUsedResolution: TimeInterval = 60

    let auth: AuthService
    /// Key id → when this process last wrote its `last_used_at`.
    private let lastUsedWrites = NIOLockedValueBox<[String: Date]>([:])

    init(auth: AuthService) {
        self.auth = auth
    }

    func create(_ request: CreateAPIKeyRequest, owner: Principal) async throws -> CreatedAPIKey {
        try AppError.check(request.validate())
        let db = auth.database()
        let active = try await APIKeyModel.query(on: db)
            .filter(\.$userID == owner.userID.rawValue).filter(\.$revokedAt == nil).count()
        guard active < Self.maximumActiveKeys else {
            throw AppError(.conflict, .conflict, "You already have \(Self.maximumActiveKeys) API keys; revoke one first.")
        }
        let now = auth.clock.now()
        let key = SecureToken.generate(prefix: Self.keyPrefix)
        let id = APIKeyID.generate(at: now)
        let scopes = Array(Set(request.scopes ?? [])).sorted { $0.rawValue < $1.rawValue }
        try await APIKeyModel(id: id, userID: owner.userID, name: Validation.trimmedName(request.name), scopes: scopes, key: key, now: now)
            .create(on: db)
        return CreatedAPIKey(id: id, key: key)
    }

    func list(owner: Principal) async throws -> [APIKeyDTO] {
        try await APIKeyModel.query(on: auth.database())
            .filter(\.$userID == owner.userID.rawValue)
            .sort(\.$id, .ascending)
            .all()
            .map(\.dto)
    }

    /// Revoking twice is fine (204); someone else's key is 404, as if it did not exist.
    func revoke(id: String, owner: Principal) async throws {
        let db = auth.database()
        guard let key = try await APIKeyModel.find(id, on: db), key.userID == owner.userID.rawValue else {
            throw AppError.notFound
        }
        guard key.revokedAt == nil else { return }
        key.revokedAt = auth.clock.now()
        try await key.update(on: db)
    }

    /// The key's owner as a principal limited to the key's scopes.
    func authenticate(key presented: String) async throws -> Principal {
        guard presented.hasPrefix(Self.keyPrefix), presented.utf8.count <= 256 else { throw Self.invalidKey }
        let db = auth.database()
        guard let key = try await APIKeyModel.query(on: db).filter(\.$keyHash == SecureToken.digest(presented)).first(),
              key.revokedAt == nil, let keyID = key.id
        else { throw Self.invalidKey }
        guard let owner = try await auth.principals.snapshot(for: key.userID, on: db) else { throw Self.invalidKey }
        if owner.banned { throw AuthService.banned }
        try await noteUse(keyID: keyID, on: db)
        return Principal(
            userID: owner.user.id, role: owner.user.role, tokenVersion: owner.tokenVersion,
            apiKeyID: keyID, scopes: key.scopeSet)
    }

    static let invalidKey = AppError(.unauthorized, .invalidToken, "The API key is invalid or has been revoked.")

    /// Writes `last_used_at` when this process has not written it for a minute. Several
    /// processes may each write once a minute; that is still not a write per request.
    private func noteUse(keyID: String, on db: any Database) async throws {
        let now = auth.clock.now()
        let due = lastUsedWrites.withLockedValue { writes -> Bool in
            if let last = writes[keyID], now.timeIntervalSince(last) < Self.lastUsedResolution { return false }
            // Forget keys unused for a while rather than growing without bound.
            if writes.count >= 10_000 { writes = writes.filter { now.timeIntervalSince($0.value) < Self.lastUsedResolution } }
            writes[keyID] = now
            return true
        }
        guard due else { return }
        try await (db as! any SQLDatabase).update(APIKeyModel.schema)
            .set("last_used_at", to: SQLBind(now))
            .where("id", .equal, SQLBind(keyID))
            .run()
    }
}

extension Principal {
    /// 403 when the caller authenticated with a scoped API key that does not cover this
    /// request. Bearer tokens and unscoped keys pass.
    func checkScope(method: String, path: String) throws(AppError) {
        guard let scopes else { return }
        let apiPath = path.hasPrefix("/api/v1/") ? String(path.dropFirst("/api/v1".count)) : path
        guard let needed = APIKeyScope.required(method: method, path: apiPath) else {
            throw AppError(.forbidden, .forbidden, "This API key has scopes (\(Self.names(scopes))); \(method) \(apiPath) needs a key without scopes.")
        }
        guard scopes.contains(needed) else {
            throw AppError(.forbidden, .forbidden, "This API key lacks the \(needed.rawValue) scope that \(method) \(apiPath) needs (it has: \(Self.names(scopes))).")
        }
    }

    private static func names(_ scopes: Set<APIKeyScope>) -> String {
        scopes.isEmpty ? "none" : scopes.map(\.rawValue).sorted().joined(separator: ", ")
    }
}
