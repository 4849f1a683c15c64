import HTTPTypes
import Hummingbird
import MarketModels

/// The one error type handlers throw. `ErrorMiddleware` turns it (and every other error)
/// into the contract's envelope, so no handler builds error JSON itself.
public struct AppError: Error, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: APIErrorCode
    public var message: String
    public var details: [ErrorDetail]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status,
        _ code: APIErrorCode,
        _ message: String? = nil,
        details: [ErrorDetail] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message ?? code.userMessage
        self.details = details
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code.rawValue): \(message)" }

    public static func validation(_ details: [ErrorDetail], _ message: String = "The request has invalid fields.") -> AppError {
        AppError(.badRequest, .validationFailed, message, details: details)
    }

    public static func validation(field: String, code: String = "invalid", _ message: String) -> AppError {
        AppError(.badRequest, .validationFailed, "The request has invalid fields.", details: [ErrorDetail(field: field, code: code, message: message)])
    }

    public static let notFound = AppError(.notFound, .notFound, "Not found.")
    public static let unauthorized = AppError(.unauthorized, .unauthorized, "Authentication is required.")
    public static let forbidden = AppError(.forbidden, .forbidden, "You are not allowed to do this.")
    public static let invalidToken = AppError(.unauthorized, .invalidToken, "The token is invalid or has been revoked.")

    /// Throws a validation error when any detail was collected.
    public static func check(_ details: [ErrorDetail]) throws(AppError) {
        if !details.isEmpty { throw AppError.validation(details) }
    }
}
