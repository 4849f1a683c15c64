import Foundation
import MarketModels

/// Holds the session and makes sure only one refresh runs at a time.
///
/// Refresh tokens are single use, and presenting a spent one makes the server end the whole
/// session family. So when ten requests find the access token expired together, exactly
/// one of them may refresh; the others wait for its result and carry on with the new token.
actor SessionManager {
    /// Trades a refresh token for a new session; provided by `APIClient`.
    typealias Refresher = @Sendable (_ refreshToken: String) async throws(ClientError) -> Session

    private let store: any SessionStore
    private var session: Session?
    private var loaded = false
    private var refreshing: Task<Result<Session, ClientError>, Never>?
    /// How many refreshes went to the server; tests check single-flight with it.
    private(set) var refreshCount = 0
    /// Bumped by every sign-in and sign-out, so a refresh that was already under way cannot
    /// bring back a session the user has since ended or replaced.
    private var generation = 0

    init(store: any SessionStore) {
        self.store = store
    }

    func current() -> Session? {
        if !loaded {
            // Read lazily, so creating a client never touches the disk.
            session = store.load()
            loaded = true
        }
        return session
    }

    func install(_ new: Session) {
        generation += 1
        refreshing = nil
        loaded = true
        session = new
        // A session that could not be written still works for this run; the user signs in
        // again next time, which beats failing a successful login.
        try? store.save(new)
    }

    /// A newer copy of the signed-in user (after `me()` or a profile edit).
    func updateUser(_ user: UserDTO) {
        guard var current = current(), current.user.id == user.id else { return }
        current.user = user
        session = current
        try? store.save(current)
    }

    func clear() {
        generation += 1
        loaded = true
        session = nil
        refreshing = nil
        try? store.clear()
    }

    /// A session whose access token is good for at least `leeway` more seconds, refreshing
    /// first when needed; nil when signed out.
    func validSession(now: Date, leeway: TimeInterval, refresher: @escaping Refresher) async throws(ClientError) -> Session? {
        guard let session = current() else { return nil }
        if session.expiresAt.timeIntervalSince(now) > leeway { return session }
        return try await refresh(replacing: session.accessToken, refresher: refresher)
    }

    /// A new session after the server refused `rejectedAccessToken`. When another caller
    /// already replaced that token, its session is returned without a second refresh.
    func refresh(replacing rejectedAccessToken: String?, refresher: @escaping Refresher) async throws(ClientError) -> Session {
        if let refreshing { return try await refreshing.value.get() }
        guard var session = current() else { throw .notSignedIn }
        // Another process sharing the session file (marketmate beside marketmate-admin) may
        // have refreshed already. Its new refresh token replaced ours on the server, and
        // presenting ours now would look like theft and end the session everywhere.
        if let stored = store.load(), stored.user.id == session.user.id, stored.refreshToken != session.refreshToken {
            self.session = stored
            session = stored
        }
        if let rejectedAccessToken, session.accessToken != rejectedAccessToken { return session }

        refreshCount += 1
        let refreshToken = session.refreshToken
        let startedIn = generation
        let task = Task { [self] () -> Result<Session, ClientError> in
            let result: Result<Session, ClientError>
            do throws(ClientError) {
                result = .success(try await refresher(refreshToken))
            } catch {
                result = .failure(error)
            }
            finishRefresh(result, startedIn: startedIn)  // the task runs on this actor
            return result
        }
        refreshing = task
        return try await task.value.get()
    }

    /// Runs once per refresh, inside the refresh task, so the waiters only read the result.
    private func finishRefresh(_ result: Result<Session, ClientError>, startedIn: Int) {
        guard startedIn == generation else { return }
        refreshing = nil
        switch result {
        case .success(let new):
            install(new)
        case .failure(.sessionExpired):
            clear()
        case .failure(.server(let failure)) where failure.code == .userBanned:
            clear()  // a suspended account's tokens are dead; keeping them helps nobody
        case .failure:
            break  // offline or a server hiccup: the session may still be good later
        }
    }
}
