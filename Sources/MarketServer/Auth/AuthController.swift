import Hummingbird
import MarketModels

/// `/api/v1/auth/*` and the public signing keys.
struct AuthController {
    let auth: AuthService

    func addRoutes(to group: RouterGroup<AppRequestContext>, authenticated: RouterGroup<AppRequestContext>) {
        group.post("auth/register") { request, context in
            let body = try await request.decode(as: RegisterRequest.self, context: context)
            return try Response.json(try await auth.register(body), status: .created)
        }
        group.post("auth/login") { request, context in
            let body = try await request.decode(as: LoginRequest.self, context: context)
            return try Response.json(try await auth.login(body, clientIP: context.clientIP))
        }
        group.post("auth/refresh") { request, context in
            let body = try await request.decode(as: RefreshRequest.self, context: context)
            return try Response.json(try await auth.refresh(body.refreshToken))
        }
        group.post("auth/logout") { request, context in
            let body = try await request.decode(as: LogoutRequest.self, context: context)
            try await auth.logout(body.refreshToken)
            return Response.noContent()
        }
        group.post("auth/forgot-password") { request, context in
            let body = try await request.decode(as: ForgotPasswordRequest.self, context: context)
            try await auth.forgotPassword(body)
            return Response(status: .accepted)
        }
        group.post("auth/reset-password") { request, context in
            let body = try await request.decode(as: ResetPasswordRequest.self, context: context)
            try await auth.resetPassword(body)
            return Response.noContent()
        }
        group.post("auth/verify-email") { request, context in
            let body = try await request.decode(as: VerifyEmailRequest.self, context: context)
            try await auth.verifyEmail(body)
            return Response.noContent()
        }
        authenticated.post("auth/logout-all") { _, context in
            try await auth.logoutAll(userID: try context.requirePrincipal().userID)
            return Response.noContent()
        }
    }

    func addWellKnownRoutes(to router: Router<AppRequestContext>) {
        router.get(".well-known/jwks.json") { _, _ in
            try Response.json(auth.tokens.jwks, headers: [.cacheControl: "public, max-age=300"])
        }
    }
}
