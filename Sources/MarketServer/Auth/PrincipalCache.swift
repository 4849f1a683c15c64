import FluentKit
import Foundation
import MarketModels
import NIOConcurrencyHelpers

/// What every authenticated request needs to know about its user: current role, token
/// version and ban status (plus the profile, which `/users/me` serves from here).
///
/// Writes in this process replace or drop the entry at once, so logout-all, bans and role
/// changes bite on the very next request. Entries also expire after `ttl`, which bounds how
/// long a write made by another server process on a shared database can go unseen.
public final class PrincipalCache: Sendable {
    struct Snapshot: Sendable {
        var user: UserDTO
        var tokenVersion: Int
        var banned: Bool
        var loadedAt: ContinuousClock.Instant
    }

    private let entries = NIOLockedValueBox<[String: Snapshot]>([:])
    private let ttl: Duration
    private let limit: Int

    public init(ttl: Duration = .seconds(2), limit: Int = 100_000) {
        self.ttl = ttl
        self.limit = limit
    }

    func snapshot(for userID: String, on db: any Database) async throws -> Snapshot? {
        let now = ContinuousClock.now
        if let hit = entries.withLockedValue({ $0[userID] }), now - hit.loadedAt < ttl {
            return hit
        }
        guard let user = try await UserModel.find(userID, on: db) else {
            invalidate(userID)
            return nil
        }
        return store(user)
    }

    @discardableResult
    func store(_ user: UserModel) -> Snapshot {
        let snapshot = Snapshot(user: user.dto, tokenVersion: user.tokenVersion, banned: user.isBanned, loadedAt: .now)
        entries.withLockedValue { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[user.id ?? ""] = snapshot
        }
        return snapshot
    }

    public func invalidate(_ userID: String) {
        _ = entries.withLockedValue { $0.removeValue(forKey: userID) }
    }
}
