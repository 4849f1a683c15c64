import FluentKit
import Foundation
import Hummingbird
import MarketModels

/// `/api/v1/users/me`: the caller's own profile.
struct UsersController {
    let auth: AuthService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("users/me") { _, context in
            let principal = try context.requirePrincipal()
            guard let snapshot = try await auth.principals.snapshot(for: principal.userID.rawValue, on: auth.database()) else {
                throw AppError.invalidToken
            }
            return try Response.json(snapshot.user, headers: [.cacheControl: "no-store"])
        }
        group.patch("users/me") { request, context in
            let principal = try context.requirePrincipal()
            let update = try await request.decode(as: UserPatch.self, context: context)
            return try Response.json(try await updateMe(principal.userID, update), headers: [.cacheControl: "no-store"])
        }
    }

    private func updateMe(_ userID: UserID, _ patch: UserPatch) async throws -> UserDTO {
        var problems: [ErrorDetail] = []
        for field in patch.forbiddenFields {
            problems.append(ErrorDetail(field: field, code: "read_only", message: "\(field) cannot be changed here."))
        }
        problems += patch.request.validate()
        try AppError.check(problems)

        let db = auth.database()
        let user = try await db.transaction { tx -> UserModel in
            guard let user = try await UserModel.find(userID.rawValue, on: tx) else { throw AppError.invalidToken }
            if let name = patch.request.name { user.name = Validation.trimmedName(name) }
            if let locale = patch.request.locale { user.locale = locale }
            user.updatedAt = auth.clock.now()
            try await user.update(on: tx)
            try await auth.changeLog.record(entity: "user", id: user.id!, op: .upsert, scope: "user:\(user.id!)", on: tx)
            return user
        }
        auth.principals.store(user)
        await auth.events.publish(DomainEvent(name: "user.updated", entity: "user", entityID: user.id!, scope: "user:\(user.id!)", occurredAt: auth.clock.now()))
        return user.dto
    }
}

/// `PATCH /users/me` body: `UpdateUserRequest`'s fields, plus a record of fields a caller
/// may not change here (role, email, ...) so they are refused instead of silently ignored.
struct UserPatch: Decodable {
    var request: UpdateUserRequest
    var forbiddenFields: [String] = []

    static let readOnly = ["id", "email", "role", "verified", "createdAt", "updatedAt", "password", "tokenVersion", "status"]

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        request = try UpdateUserRequest(from: decoder)
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        forbiddenFields = Self.readOnly.filter(keys.contains)
    }
}
