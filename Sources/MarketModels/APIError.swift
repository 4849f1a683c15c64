import Foundation

/// One problem with one input field, inside a `validation_failed` error.
public struct ErrorDetail: Codable, Hashable, Sendable {
    /// The request field, in the wire's camelCase ("email", "variants[2].sku");
    /// nil when the problem is with the request as a whole.
    public var field: String?
    /// A machine-readable reason such as "too_short" (see `ValidationCode`).
    public var code: String
    /// A sentence for the person who typed the value.
    public var message: String

    public init(field: String?, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public init(field: String?, code: ValidationCode, message: String) {
        self.init(field: field, code: code.rawValue, message: message)
    }
}

/// The body of every error response: `{"error": {...}}` holds one of these.
public struct APIErrorBody: Codable, Hashable, Sendable {
    /// A snake_case code. Kept as a String, not `APIErrorCode`, so a client
    /// talking to a newer server still decodes codes it has never heard of.
    public var code: String
    public var message: String
    public var details: [ErrorDetail]
    public var requestId: String?

    public init(code: String, message: String, details: [ErrorDetail] = [], requestId: String? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.requestId = requestId
    }

    /// A body for a known code; the message defaults to the code's sentence.
    public init(
        code: APIErrorCode,
        message: String? = nil,
        details: [ErrorDetail] = [],
        requestId: String? = nil
    ) {
        self.init(code: code.rawValue, message: message ?? code.userMessage, details: details, requestId: requestId)
    }

    /// The code as an enum case, or nil for a code this build does not know.
    public var knownCode: APIErrorCode? { APIErrorCode(rawValue: code) }

    private enum CodingKeys: String, CodingKey {
        case code, message, details, requestId
    }

    // `details` may be missing (proxies and older servers send bare errors),
    // and decoding must not fail on that: an error we cannot decode is an
    // error we cannot show the user.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.code = try container.decode(String.self, forKey: .code)
        self.message = try container.decode(String.self, forKey: .message)
        self.details = try container.decodeIfPresent([ErrorDetail].self, forKey: .details) ?? []
        self.requestId = try container.decodeIfPresent(String.self, forKey: .requestId)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(details, forKey: .details)
        try container.encodeIfPresent(requestId, forKey: .requestId)
    }
}

/// `{"error": {"code": ..., "message": ..., "details": [...], "requestId": ...}}`
public struct ErrorEnvelope: Codable, Hashable, Sendable {
    public var error: APIErrorBody

    public init(error: APIErrorBody) {
        self.error = error
    }
}

/// The error codes of the contract. Each has the HTTP status it travels with
/// and a sentence a terminal user can act on.
public enum APIErrorCode: String, Codable, Sendable, CaseIterable {
    case validationFailed = "validation_failed"
    case malformedRequest = "malformed_request"
    case invalidCredentials = "invalid_credentials"
    case unauthorized = "unauthorized"
    case invalidToken = "invalid_token"
    case tokenExpired = "token_expired"
    case forbidden = "forbidden"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case conflict = "conflict"
    case emailTaken = "email_taken"
    case payloadTooLarge = "payload_too_large"
    case unsupportedMediaType = "unsupported_media_type"
    case rateLimited = "rate_limited"
    case tooManyAttempts = "too_many_attempts"
    case outOfStock = "out_of_stock"
    case idempotencyConflict = "idempotency_conflict"
    case invalidTransition = "invalid_transition"
    case paymentDeclined = "payment_declined"
    case cursorExpired = "cursor_expired"
    case serviceUnavailable = "service_unavailable"
    case internalError = "internal_error"
    case userBanned = "user_banned"

    /// The status code API.md pairs with this error, so the server and the
    /// tests agree on it in one place.
    public var httpStatus: Int {
        switch self {
        case .validationFailed, .malformedRequest: 400
        case .invalidCredentials, .unauthorized, .invalidToken, .tokenExpired: 401
        case .paymentDeclined: 402
        case .forbidden, .userBanned: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict, .emailTaken, .outOfStock, .idempotencyConflict, .invalidTransition: 409
        case .cursorExpired: 410
        case .payloadTooLarge: 413
        case .unsupportedMediaType: 415
        case .rateLimited, .tooManyAttempts: 429
        case .internalError: 500
        case .serviceUnavailable: 503
        }
    }

    /// One plain sentence for the person at the terminal: what happened and,
    /// where there is one, what to do next. No jargon, no status numbers.
    public var userMessage: String {
        switch self {
        case .validationFailed: "Some of the information you entered is not valid; please check it and try again."
        case .malformedRequest: "The app sent a request the server could not read; please update the app and try again."
        case .invalidCredentials: "The email address or password is not correct."
        case .unauthorized: "Please sign in to continue."
        case .invalidToken: "Your session is no longer valid; please sign in again."
        case .tokenExpired: "Your session has expired; please sign in again."
        case .forbidden: "You do not have permission to do that."
        case .notFound: "That item could not be found; it may have been removed."
        case .methodNotAllowed: "That action is not available here."
        case .conflict: "Something changed while you were working; please refresh and try again."
        case .emailTaken: "An account with that email address already exists."
        case .payloadTooLarge: "That file or request is too large."
        case .unsupportedMediaType: "That type of file or content is not supported."
        case .rateLimited: "You are doing that too often; please wait a moment and try again."
        case .tooManyAttempts: "Too many attempts; please wait a while before trying again."
        case .outOfStock: "Some items in your cart are no longer in stock in the quantity you asked for."
        case .idempotencyConflict: "This request was already sent with different details; please start it again."
        case .invalidTransition: "That action is not possible in the order's current state."
        case .paymentDeclined: "Your payment was declined; please try a different payment method."
        case .cursorExpired: "Your offline copy is too old to update; it will be downloaded again."
        case .serviceUnavailable: "The marketplace is temporarily unavailable; please try again shortly."
        case .internalError: "Something went wrong on the server; please try again later."
        case .userBanned: "This account has been suspended."
        }
    }
}
