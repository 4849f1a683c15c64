import Foundation
import MarketModels

/// `/auth/*` and `/users/me`. Register and login store the session; logout clears it.
extension APIClient {
    /// Creates an account and signs in as it.
    @discardableResult
    public func register(_ request: RegisterRequest) async throws(ClientError) -> UserDTO {
        try await signIn(Call(method: "POST", path: "auth/register", json: request, auth: .none))
    }

    @discardableResult
    public func login(_ request: LoginRequest) async throws(ClientError) -> UserDTO {
        try await signIn(Call(method: "POST", path: "auth/login", json: request, auth: .none))
    }

    @discardableResult
    public func login(email: String, password: String) async throws(ClientError) -> UserDTO {
        try await login(LoginRequest(email: email, password: password))
    }

    private func signIn(_ call: Call) async throws(ClientError) -> UserDTO {
        let response = try await perform(call)
        let session = Session(try Self.decode(AuthResponse.self, from: response), receivedAt: now())
        await sessions.install(session)
        return session.user
    }

    /// Ends this session on the server and forgets it here. It is forgotten here first, so
    /// the user is signed out even when the server cannot be told (the error still says so).
    public func logout() async throws(ClientError) {
        guard let session = await sessions.current() else { return }
        await sessions.clear()
        _ = try await perform(Call(method: "POST", path: "auth/logout", json: LogoutRequest(refreshToken: session.refreshToken), auth: .none))
    }

    /// Ends every session of the account, on every device, and forgets this one.
    public func logoutAll() async throws(ClientError) {
        _ = try await perform(Call(method: "POST", path: "auth/logout-all", auth: .required))
        await sessions.clear()
    }

    /// Always succeeds for a well-formed address (the server does not reveal accounts).
    public func forgotPassword(email: String) async throws(ClientError) {
        _ = try await perform(Call(method: "POST", path: "auth/forgot-password", json: ForgotPasswordRequest(email: email), auth: .none))
    }

    /// Sets a new password with the token from the reset email; every session ends.
    public func resetPassword(token: String, password: String) async throws(ClientError) {
        _ = try await perform(Call(method: "POST", path: "auth/reset-password", json: ResetPasswordRequest(token: token, password: password), auth: .none))
        await sessions.clear()
    }

    public func verifyEmail(token: String) async throws(ClientError) {
        _ = try await perform(Call(method: "POST", path: "auth/verify-email", json: VerifyEmailRequest(token: token), auth: .none))
    }

    /// The signed-in user's profile, fresh from the server (the stored copy is updated).
    public func me() async throws(ClientError) -> UserDTO {
        let user = try Self.decode(UserDTO.self, from: try await perform(Call(method: "GET", path: "users/me", auth: .required)))
        await sessions.updateUser(user)
        return user
    }

    public func updateMe(_ request: UpdateUserRequest) async throws(ClientError) -> UserDTO {
        let user = try Self.decode(UserDTO.self, from: try await perform(Call(method: "PATCH", path: "users/me", json: request, auth: .required)))
        await sessions.updateUser(user)
        return user
    }
}
