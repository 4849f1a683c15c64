import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MarketModels

/// Turns every failure into the contract's error envelope: handler errors, Hummingbird's
/// own errors (unknown route, body too large), decoding errors and anything unexpected,
/// which becomes a logged 500 without internals in the body.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteIndex

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Refuse an announced oversized body before anyone reads it.
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.bodyLimit {
            return try envelope(AppError(.contentTooLarge, .payloadTooLarge, "The request body is larger than \(context.bodyLimit) bytes."), context: context)
        }
        do {
            return try await next(request, context)
        } catch {
            return try envelope(appError(for: error, request: request, context: context), context: context)
        }
    }

    func appError(for error: any Error, request: Request, context: Context) -> AppError {
        switch error {
        case let error as AppError:
            return error
        case let error as DecodingError:
            return JSONRequestDecoder.appError(for: error)
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                let allowed = routes.methods(matching: request.uri.path)
                if !allowed.isEmpty, !allowed.contains(request.method) {
                    let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
                    return AppError(.methodNotAllowed, .methodNotAllowed, "\(request.method.rawValue) is not allowed here; use \(allow).", headers: [.allow: allow])
                }
                return AppError(.notFound, .notFound, "No such resource: \(request.uri.path.prefix(200))")
            case .contentTooLarge:
                return AppError(.contentTooLarge, .payloadTooLarge, "The request body is larger than \(context.bodyLimit) bytes.")
            case .unsupportedMediaType:
                return AppError(.unsupportedMediaType, .unsupportedMediaType)
            case .unauthorized:
                return .unauthorized
            case .forbidden:
                return .forbidden
            case .methodNotAllowed:
                return AppError(.methodNotAllowed, .methodNotAllowed)
            case .badRequest:
                return AppError(.badRequest, .malformedRequest, error.body ?? "The request could not be read.")
            default:
                if error.status.code < 500 {
                    return AppError(error.status, .malformedRequest, error.body ?? error.status.reasonPhrase)
                }
                return internalError(error, context: context)
            }
        default:
            return internalError(error, context: context)
        }
    }

    private func internalError(_ error: any Error, context: Context) -> AppError {
        // The type name and description go to the log (never request bodies or headers),
        // the client gets a request id to quote.
        context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error))): \(error)"])
        return AppError(.internalServerError, .internalError, "Something went wrong on our side. Quote request id \(context.requestID) when reporting it.")
    }

    private func envelope(_ error: AppError, context: Context) throws -> Response {
        var error = error
        if error.status == .unauthorized, error.headers[.wwwAuthenticate] == nil {
            // RFC 6750: say which scheme we want, and why the token failed when one was sent.
            let reason = (error.code == .invalidToken || error.code == .tokenExpired) ? ", error=\"invalid_token\"" : ""
            error.headers[.wwwAuthenticate] = "Bearer realm=\"marketmate\"\(reason)"
        }
        let body = ErrorEnvelope(error: APIErrorBody(code: error.code.rawValue, message: error.message, details: error.details, requestId: context.requestID))
        return try Response.json(body, status: error.status, headers: error.headers)
    }
}
