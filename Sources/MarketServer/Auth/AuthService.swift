import FluentKit
import Foundation
import Logging
import MarketModels
import SQLKit

/// Accounts and sessions: registration, login, refresh-token rotation with reuse
/// detection, logout, password reset and email verification. Routes stay thin; every
/// rule of the Auth section of API.md lives here.
public final class AuthService: Sendable {
    let database: @Sendable () -> any Database
    let hasher: PasswordHasher
    let tokens: TokenIssuer
    let principals: PrincipalCache
    let throttle: LoginThrottle
    /// Mail goes out as `mail.send` jobs enqueued with the token write (SendMailJobHandler).
    let jobs: JobQueue
    let changeLog: ChangeLog
    let events: any EventBus
    let clock: any AppClock
    let refreshTTL: TimeInterval
    let publicURL: String?
    let logger: Logger

    static let resetTokenLifetime: TimeInterval = 20 * 60
    static let verificationTokenLifetime: TimeInterval = 48 * 3600

    init(
        database: @escaping @Sendable () -> any Database, hasher: PasswordHasher, tokens: TokenIssuer,
        principals: PrincipalCache, throttle: LoginThrottle, jobs: JobQueue, changeLog: ChangeLog,
        events: any EventBus, clock: any AppClock, refreshTTL: TimeInterval, publicURL: String?, logger: Logger
    ) {
        self.database = database
        self.hasher = hasher
        self.tokens = tokens
        self.principals = principals
        self.throttle = throttle
        self.jobs = jobs
        self.changeLog = changeLog
        self.events = events
        self.clock = clock
        self.refreshTTL = refreshTTL
        self.publicURL = publicURL
        self.logger = logger
    }

    // MARK: Registration and login

    func register(_ request: RegisterRequest) async throws -> AuthResponse {
        // The same rules the clients check before sending (MarketModels).
        try AppError.check(request.validate())
        let email = EmailAddress.normalize(request.email)
        let db = database()
        // Cheap duplicate check before the expensive hash; the unique index settles races.
        if try await UserModel.query(on: db).filter(\.$email == email).first() != nil {
            throw Self.emailTaken
        }
        let hash = try await hasher.hash(request.password)
        let now = clock.now()
        let user = UserModel(
            id: .generate(at: now), email: email, name: Validation.trimmedName(request.name),
            role: request.role ?? .buyer, passwordHash: hash, now: now)
        let verification = SecureToken.generate(prefix: "ev_")
        let refresh = SecureToken.generate(prefix: "rt_")
        do {
            try await db.transaction { tx in
                try await user.create(on: tx)
                try await self.changeLog.record(entity: "user", id: user.id!, op: .upsert, scope: "user:\(user.id!)", on: tx)
                try await self.createOneTimeToken(verification, purpose: .emailVerification, userID: user.id!, lifetime: Self.verificationTokenLifetime, on: tx)
                try await self.jobs.enqueue(SendMailJobHandler.self, payload: .emailVerification(
                    to: user.email, name: user.name, token: verification, link: self.link("verify-email", token: verification)), on: tx)
                try await self.createRefreshToken(refresh, userID: user.id!, familyID: TokenFamilyID.generate(at: now).rawValue, on: tx)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw Self.emailTaken
        }
        principals.store(user)
        await events.publish(DomainEvent(name: "user.registered", entity: "user", entityID: user.id!, scope: "user:\(user.id!)", occurredAt: now))
        return try await authResponse(for: user, refreshToken: refresh)
    }

    static let emailTaken = AppError(.conflict, .emailTaken, "An account with this email address already exists.")
    static let banned = AppError(.forbidden, .userBanned, "This account has been suspended.")
    static let invalidCredentials = AppError(.unauthorized, .invalidCredentials, "The email address or password is incorrect.")

    func login(_ request: LoginRequest, clientIP: String) async throws -> AuthResponse {
        try AppError.check(request.validate())
        let email = EmailAddress.normalize(request.email)
        if let wait = throttle.retryAfter(account: email, address: clientIP) {
            throw AppError(.tooManyRequests, .tooManyAttempts, "Too many failed attempts. Try again in \(wait) seconds.", headers: [.retryAfter: String(wait)])
        }
        // A password no policy could have produced is wrong without spending a hash on it.
        guard request.password.utf8.count <= PasswordPolicy.maximumBytes else {
            throttle.recordFailure(account: email, address: clientIP)
            throw Self.invalidCredentials
        }
        let db = database()
        guard let user = try await UserModel.query(on: db).filter(\.$email == email).first() else {
            await hasher.verifyDecoy(request.password)
            throttle.recordFailure(account: email, address: clientIP)
            throw Self.invalidCredentials
        }
        guard await hasher.verify(request.password, against: user.passwordHash) else {
            throttle.recordFailure(account: email, address: clientIP)
            throw Self.invalidCredentials
        }
        throttle.recordSuccess(account: email)
        if user.isBanned {
            throw Self.banned
        }
        let refresh = SecureToken.generate(prefix: "rt_")
        try await createRefreshToken(refresh, userID: user.id!, familyID: TokenFamilyID.generate(at: clock.now()).rawValue, on: db)
        principals.store(user)
        return try await authResponse(for: user, refreshToken: refresh)
    }

    // MARK: Refresh-token rotation

    func refresh(_ presented: String) async throws -> AuthResponse {
        let db = database()
        guard let stored = try await RefreshTokenModel.query(on: db).filter(\.$tokenHash == SecureToken.digest(presented)).first() else {
            throw AppError.invalidToken
        }
        if stored.revokedAt != nil { throw AppError.invalidToken }
        if stored.usedAt != nil {
            try await revokeReusedFamily(stored, on: db)
        }
        if stored.expiresAt <= clock.now() {
            throw AppError(.unauthorized, .tokenExpired, "The session has expired; log in again.")
        }
        guard let user = try await UserModel.find(stored.userID, on: db) else { throw AppError.invalidToken }
        if user.isBanned { throw Self.banned }

        let next = SecureToken.generate(prefix: "rt_")
        let spent: Bool = try await db.transaction { tx in
            // Guarded update: of two concurrent uses of one token exactly one spends it.
            let rows = try await (tx as! any SQLDatabase).update(RefreshTokenModel.schema)
                .set("used_at", to: SQLBind(self.clock.now()))
                .where("id", .equal, SQLBind(stored.id!))
                .where("used_at", .is, SQLLiteral.null)
                .where("revoked_at", .is, SQLLiteral.null)
                .returning("id")
                .all()
            guard rows.count == 1 else { return false }
            try await self.createRefreshToken(next, userID: stored.userID, familyID: stored.familyID, on: tx)
            return true
        }
        if !spent { try await revokeReusedFamily(stored, on: db) }
        return try await authResponse(for: user, refreshToken: next)
    }

    /// A spent token came back: someone holds a copy. End every session of its family.
    private func revokeReusedFamily(_ token: RefreshTokenModel, on db: any Database) async throws -> Never {
        try await revokeFamily(token.familyID, on: db)
        logger.warning("refresh token reuse detected; token family revoked", metadata: ["userId": .string(token.userID), "familyId": .string(token.familyID)])
        throw AppError(.unauthorized, .invalidToken, "This session was ended because its refresh token was used twice. Log in again.")
    }

    private func revokeFamily(_ familyID: String, on db: any Database) async throws {
        try await RefreshTokenModel.query(on: db)
            .filter(\.$familyID == familyID)
            .filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: clock.now())
            .update()
    }

    // MARK: Logout

    /// Ends the session the refresh token belongs to. Unknown tokens are fine (204): the
    /// caller wants to be logged out, and that is already true.
    func logout(_ presented: String) async throws {
        let db = database()
        guard let stored = try await RefreshTokenModel.query(on: db).filter(\.$tokenHash == SecureToken.digest(presented)).first() else {
            return
        }
        try await revokeFamily(stored.familyID, on: db)
    }

    /// Every refresh token dies, and the token version moves so every access token issued
    /// before now fails on its next use.
    func logoutAll(userID: UserID) async throws {
        try await endAllSessions(userID: userID.rawValue, on: database())
    }

    private func endAllSessions(userID: String, on db: any Database) async throws {
        let now = clock.now()
        try await db.transaction { tx in
            try await (tx as! any SQLDatabase).update(UserModel.schema)
                .set("token_version", to: SQLBinaryExpression(SQLColumn("token_version"), .add, SQLLiteral.numeric("1")))
                .set("updated_at", to: SQLBind(now))
                .where("id", .equal, SQLBind(userID))
                .run()
            try await RefreshTokenModel.query(on: tx)
                .filter(\.$userID == userID)
                .filter(\.$revokedAt == nil)
                .set(\.$revokedAt, to: now)
                .update()
        }
        principals.invalidate(userID)
    }

    // MARK: Password reset and email verification

    /// Always succeeds from the caller's point of view: whether the account exists is
    /// nobody's business but the mailbox owner's.
    func forgotPassword(_ request: ForgotPasswordRequest) async throws {
        try AppError.check(EmailAddress.validate(request.email))
        let db = database()
        let email = EmailAddress.normalize(request.email)
        guard let user = try await UserModel.query(on: db).filter(\.$email == email).first(), !user.isBanned else { return }
        let token = SecureToken.generate(prefix: "pr_")
        // The code and its mail commit together: no mail for a code that was never stored.
        try await db.transaction { tx in
            try await self.createOneTimeToken(token, purpose: .passwordReset, userID: user.id!, lifetime: Self.resetTokenLifetime, on: tx)
            try await self.jobs.enqueue(SendMailJobHandler.self, payload: .passwordReset(
                to: user.email, name: user.name, token: token, link: self.link("reset-password", token: token)), on: tx)
        }
    }

    func resetPassword(_ request: ResetPasswordRequest) async throws {
        try AppError.check(request.validate())
        let db = database()
        let hash = try await hasher.hash(request.password)
        let userID = try await db.transaction { tx in
            let userID = try await self.consumeOneTimeToken(request.token, purpose: .passwordReset, on: tx)
            try await UserModel.query(on: tx)
                .filter(\.$id == userID)
                .set(\.$passwordHash, to: hash)
                .set(\.$updatedAt, to: self.clock.now())
                .update()
            return userID
        }
        try await endAllSessions(userID: userID, on: db)
        logger.notice("password reset", metadata: ["userId": .string(userID)])
    }

    func verifyEmail(_ request: VerifyEmailRequest) async throws {
        let db = database()
        let userID = try await db.transaction { tx in
            let userID = try await self.consumeOneTimeToken(request.token, purpose: .emailVerification, on: tx)
            try await UserModel.query(on: tx)
                .filter(\.$id == userID)
                .set(\.$verified, to: true)
                .set(\.$updatedAt, to: self.clock.now())
                .update()
            try await self.changeLog.record(entity: "user", id: userID, op: .upsert, scope: "user:\(userID)", on: tx)
            return userID
        }
        principals.invalidate(userID)
        await events.publish(DomainEvent(name: "user.verified", entity: "user", entityID: userID, scope: "user:\(userID)", occurredAt: clock.now()))
    }

    /// Marks a mailed token used, exactly once, and returns its user. Unknown, expired and
    /// used tokens all get one answer.
    private func consumeOneTimeToken(_ token: String, purpose: OneTimeTokenModel.Purpose, on tx: any Database) async throws -> String {
        let invalid = AppError.validation(field: "token", code: "invalid_token", "This code is invalid, expired or already used.")
        guard token.utf8.count <= 256,
              let stored = try await OneTimeTokenModel.query(on: tx)
                .filter(\.$tokenHash == SecureToken.digest(token))
                .filter(\.$purpose == purpose.rawValue)
                .first(),
              stored.usedAt == nil, stored.expiresAt > clock.now()
        else { throw invalid }
        let rows = try await (tx as! any SQLDatabase).update(OneTimeTokenModel.schema)
            .set("used_at", to: SQLBind(clock.now()))
            .where("id", .equal, SQLBind(stored.id!))
            .where("used_at", .is, SQLLiteral.null)
            .returning("id")
            .all()
        guard rows.count == 1 else { throw invalid }
        return stored.userID
    }

    // MARK: Helpers

    private func createRefreshToken(_ token: String, userID: String, familyID: String, on db: any Database) async throws {
        let now = clock.now()
        try await RefreshTokenModel(
            id: RefreshTokenID.generate(at: now).rawValue, userID: userID, familyID: familyID,
            tokenHash: SecureToken.digest(token), expiresAt: now.addingTimeInterval(refreshTTL), now: now
        ).create(on: db)
    }

    private func createOneTimeToken(_ token: String, purpose: OneTimeTokenModel.Purpose, userID: String, lifetime: TimeInterval, on db: any Database) async throws {
        let now = clock.now()
        try await OneTimeTokenModel(
            id: OneTimeTokenID.generate(at: now).rawValue, userID: userID, purpose: purpose,
            tokenHash: SecureToken.digest(token), expiresAt: now.addingTimeInterval(lifetime), now: now
        ).create(on: db)
    }

    private func authResponse(for user: UserModel, refreshToken: String) async throws -> AuthResponse {
        let access = try await tokens.issue(userID: user.userID, role: user.roleValue, tokenVersion: user.tokenVersion)
        return AuthResponse(user: user.dto, accessToken: access, refreshToken: refreshToken, expiresIn: tokens.ttl)
    }

    /// The page a mailed code can also be used on, when the server knows its public URL.
    private func link(_ action: String, token: String) -> String? {
        publicURL.map { "\($0)/\(action)?token=\(token)" }
    }

    // MARK: Authentication of requests

    /// The caller behind an access token, checked against the user's current state.
    func authenticate(accessToken: String) async throws -> Principal {
        let claims = try await tokens.verify(accessToken)
        guard let snapshot = try await principals.snapshot(for: claims.sub.value, on: database()) else {
            throw AppError.invalidToken
        }
        if snapshot.banned { throw Self.banned }
        guard snapshot.tokenVersion == claims.tv else {
            throw AppError(.unauthorized, .invalidToken, "This session has ended; log in again.")
        }
        return Principal(userID: snapshot.user.id, role: snapshot.user.role, tokenVersion: snapshot.tokenVersion)
    }

    /// Creates an account with any role, or gives an existing one that role and password
    /// (`marketmate-server create-admin`, demo seeding). Never reachable over HTTP.
    public func provisionUser(email rawEmail: String, password: String, name: String, role: Role) async throws -> UserDTO {
        try AppError.check(EmailAddress.validate(rawEmail) + PasswordPolicy.validate(password) + Validation.name(name))
        let email = EmailAddress.normalize(rawEmail)
        let db = database()
        let hash = try await hasher.hash(password)
        let now = clock.now()
        let user = try await db.transaction { tx -> UserModel in
            let user: UserModel
            if let existing = try await UserModel.query(on: tx).filter(\.$email == email).first() {
                if existing.role != role.rawValue { existing.tokenVersion += 1 }  // old sessions carried the old role
                existing.role = role.rawValue
                existing.passwordHash = hash
                existing.updatedAt = now
                try await existing.update(on: tx)
                user = existing
            } else {
                user = UserModel(id: .generate(at: now), email: email, name: Validation.trimmedName(name), role: role, passwordHash: hash, now: now)
                user.verified = true
                try await user.create(on: tx)
            }
            try await self.changeLog.record(entity: "user", id: user.id!, op: .upsert, scope: "user:\(user.id!)", on: tx)
            return user
        }
        principals.invalidate(user.id!)
        return user.dto
    }
}
