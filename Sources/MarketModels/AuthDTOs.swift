import Foundation

// Request and response bodies of /auth/* and PATCH /users/me.
//
// Types that carry a password or token print it as "<redacted>" (in
// `description`, `debugDescription` and `dump`), because these values end up
// in log lines and test failure messages sooner or later.

/// `POST /auth/register`. `role` may be buyer or vendor; nil means buyer.
public struct RegisterRequest: Codable, Hashable, Sendable {
    public var email: String
    public var password: String
    public var name: String
    public var role: Role?

    public init(email: String, password: String, name: String, role: Role? = nil) {
        self.email = email
        self.password = password
        self.name = name
        self.role = role
    }

    /// Every field problem, so the server answers `validation_failed` with all
    /// of them and a client can check the form before sending it.
    public func validate() -> [ErrorDetail] {
        var details = EmailAddress.validate(email)
        details += PasswordPolicy.validate(password)
        details += Validation.name(name)
        if let role, !Role.selfRegistrable.contains(role) {
            details.append(ErrorDetail(
                field: "role", code: .notAllowed, message: "Choose buyer or vendor."
            ))
        }
        return details
    }
}

/// `POST /auth/login`.
public struct LoginRequest: Codable, Hashable, Sendable {
    public var email: String
    public var password: String

    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }

    /// Presence only. The password policy is deliberately not applied: a
    /// password chosen under an older, looser policy must still log in, and
    /// a policy error would tell an attacker something about the account.
    public func validate() -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if EmailAddress.normalize(email).isEmpty {
            details.append(ErrorDetail(field: "email", code: .required, message: "Enter your email address."))
        }
        if password.isEmpty {
            details.append(ErrorDetail(field: "password", code: .required, message: "Enter your password."))
        }
        return details
    }
}

/// `POST /auth/refresh`: trades a refresh token for a new pair.
public struct RefreshRequest: Codable, Hashable, Sendable {
    public var refreshToken: String
    public init(refreshToken: String) { self.refreshToken = refreshToken }
}

/// `POST /auth/logout`: ends the session that owns this refresh token.
public struct LogoutRequest: Codable, Hashable, Sendable {
    public var refreshToken: String
    public init(refreshToken: String) { self.refreshToken = refreshToken }
}

/// `POST /auth/forgot-password`. Always answered with 202, known email or not.
public struct ForgotPasswordRequest: Codable, Hashable, Sendable {
    public var email: String
    public init(email: String) { self.email = email }
}

/// `POST /auth/reset-password` with the token from the reset email.
public struct ResetPasswordRequest: Codable, Hashable, Sendable {
    public var token: String
    public var password: String

    public init(token: String, password: String) {
        self.token = token
        self.password = password
    }

    public func validate() -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if token.isEmpty {
            details.append(ErrorDetail(field: "token", code: .required, message: "The reset link is missing its token."))
        }
        return details + PasswordPolicy.validate(password)
    }
}

/// `POST /auth/verify-email` with the token from the verification email.
public struct VerifyEmailRequest: Codable, Hashable, Sendable {
    public var token: String
    public init(token: String) { self.token = token }
}

/// The answer to register, login and refresh.
public struct AuthResponse: Codable, Hashable, Sendable {
    public var user: UserDTO
    /// A JWT for `Authorization: Bearer`.
    public var accessToken: String
    /// Opaque; single use (each refresh returns a new one).
    public var refreshToken: String
    /// Seconds until `accessToken` expires.
    public var expiresIn: Int

    public init(user: UserDTO, accessToken: String, refreshToken: String, expiresIn: Int) {
        self.user = user
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
    }
}

/// `PATCH /users/me`: nil fields are left unchanged. There is no `role`:
/// nobody changes their own role.
public struct UpdateUserRequest: Codable, Hashable, Sendable {
    public var name: String?
    public var locale: String?

    public init(name: String? = nil, locale: String? = nil) {
        self.name = name
        self.locale = locale
    }

    public func validate() -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if let name { details += Validation.name(name) }
        if let locale { details += Validation.locale(locale) }
        return details
    }
}

// MARK: - Redacted descriptions

/// Builds "TypeName(field: value, ...)" and a matching `Mirror`, with secret
/// fields already replaced by the caller.
private func describe(_ type: String, _ fields: KeyValuePairs<String, String>) -> String {
    type + "(" + fields.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"
}

private let redacted = "<redacted>"

extension RegisterRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        describe("RegisterRequest", [
            "email": email.debugDescription, "password": redacted,
            "name": name.debugDescription, "role": role?.rawValue ?? "nil",
        ])
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["email": email, "password": redacted, "name": name, "role": role as Any])
    }
}

extension LoginRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        describe("LoginRequest", ["email": email.debugDescription, "password": redacted])
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["email": email, "password": redacted]) }
}

extension RefreshRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { describe("RefreshRequest", ["refreshToken": redacted]) }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["refreshToken": redacted]) }
}

extension LogoutRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { describe("LogoutRequest", ["refreshToken": redacted]) }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["refreshToken": redacted]) }
}

extension ResetPasswordRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        describe("ResetPasswordRequest", ["token": redacted, "password": redacted])
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["token": redacted, "password": redacted]) }
}

extension VerifyEmailRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { describe("VerifyEmailRequest", ["token": redacted]) }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["token": redacted]) }
}

extension AuthResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        describe("AuthResponse", [
            "user": user.id.rawValue, "accessToken": redacted,
            "refreshToken": redacted, "expiresIn": String(expiresIn),
        ])
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: [
            "user": user, "accessToken": redacted, "refreshToken": redacted, "expiresIn": expiresIn,
        ])
    }
}
