import Foundation
import MarketModels

/// An error response from the server: the contract's envelope, or one made up from the
/// status code when something in between (a proxy) answered without one.
public struct ServerFailure: Sendable, Hashable {
    public var status: Int
    public var body: APIErrorBody
    /// Seconds, from `Retry-After`, when the server said how long to wait.
    public var retryAfter: TimeInterval?

    public init(status: Int, body: APIErrorBody, retryAfter: TimeInterval? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
    }

    public var code: APIErrorCode? { body.knownCode }
    public var requestId: String? { body.requestId }
    public var details: [ErrorDetail] { body.details }
}

/// Every way a client call fails. `userMessage` is what the terminal shows; it never
/// carries tokens, passwords or server internals (the server's own `message` stays in
/// `ServerFailure.body.message` for logs and detail views).
public enum ClientError: Error, Sendable, Hashable {
    /// Nothing answered at `server`: not running, wrong address, no network.
    case unreachable(server: URL)
    /// The server took longer than the configured timeout.
    case timedOut(server: URL)
    /// The server answered with an error status.
    case server(ServerFailure)
    /// The answer was not what this client understands (a different API version?).
    case decoding(type: String, requestId: String?)
    /// The session ended (refresh token expired, revoked or reused) and was cleared.
    case sessionExpired
    /// The call needs a signed-in user and there is no session.
    case notSignedIn
    /// A file to upload is missing or cannot be read; nothing was sent.
    case unreadableFile(path: String)
    /// A download could not be saved there (no such directory, no permission, disk full).
    case unwritableFile(path: String)
    case cancelled

    /// The API error code, for the `.server` case.
    public var code: APIErrorCode? {
        if case .server(let failure) = self { return failure.code }
        return nil
    }

    public var requestId: String? {
        switch self {
        case .server(let failure): failure.requestId
        case .decoding(_, let requestId): requestId
        default: nil
        }
    }

    public var isSessionExpired: Bool {
        switch self {
        case .sessionExpired, .notSignedIn: true
        default: false
        }
    }

    /// Messages to show beside form fields, keyed by the wire field name ("email",
    /// "variants[0].sku"); the first message for a field wins.
    public var fieldErrors: [String: String] {
        guard case .server(let failure) = self else { return [:] }
        var errors: [String: String] = [:]
        for detail in failure.details {
            guard let field = detail.field, errors[field] == nil else { continue }
            errors[field] = detail.message
        }
        return errors
    }

    /// One sentence a person can act on.
    public var userMessage: String {
        switch self {
        case .unreachable(let server): "Can't reach the server at \(Self.display(server)). Is it running?"
        case .timedOut(let server): "The server at \(Self.display(server)) took too long to answer. Check your connection and try again."
        case .server(let failure): Self.message(for: failure)
        case .decoding: "The server's answer could not be read; this version of MarketMate may be too old for it."
        case .sessionExpired: "Your session has ended. Please sign in again."
        case .notSignedIn: "Please sign in to continue."
        case .unreadableFile(let path): "Can't read \(path); check that the file exists and that you may read it."
        case .unwritableFile(let path): "Can't save \(path); check that the folder exists, that you may write there and that the disk has room."
        case .cancelled: "The request was cancelled."
        }
    }

    /// scheme://host:port only: a base URL never holds secrets, but keep it short anyway.
    static func display(_ url: URL) -> String {
        guard let scheme = url.scheme, let host = url.host else { return url.absoluteString }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(shownHost)" + (url.port.map { ":\($0)" } ?? "")
    }

    static func message(for failure: ServerFailure) -> String {
        guard let code = failure.code else { return message(forStatus: failure.status) }
        switch code {
        case .validationFailed:
            // A problem with no field cannot be shown inline, so it becomes the sentence.
            if let general = failure.details.first(where: { $0.field == nil }) { return general.message }
            return failure.details.isEmpty
                ? "Some of the information you entered is not valid; please check it and try again."
                : "Please correct the highlighted fields and try again."
        case .malformedRequest: return "The server could not read the app's request; updating MarketMate may help."
        case .invalidCredentials: return "That email and password don't match an account."
        case .unauthorized: return "Please sign in to continue."
        case .invalidToken, .tokenExpired: return "Your session has ended. Please sign in again."
        case .forbidden: return "Your account isn't allowed to do that."
        case .notFound: return "That item could not be found; it may have been removed."
        case .methodNotAllowed: return "The server does not offer that action; updating MarketMate may help."
        case .conflict: return "Something changed in the meantime; refresh and try again."
        case .emailTaken: return "An account with that email already exists. Sign in instead, or use another email."
        case .payloadTooLarge: return "That is too large to send; try a smaller file or less text."
        case .unsupportedMediaType: return "That kind of file or content isn't supported."
        case .rateLimited: return "Too many requests at once. " + wait(failure.retryAfter, fallback: "Wait a moment and try again.")
        case .tooManyAttempts: return "Too many failed attempts. " + wait(failure.retryAfter, fallback: "Wait a while and try again.")
        case .outOfStock: return "Some items are no longer in stock in the quantity you chose; adjust your cart and try again."
        case .idempotencyConflict: return "This was already submitted with different details; start it again."
        case .invalidTransition: return "That isn't possible in the order's current state; refresh to see where it stands."
        case .paymentDeclined: return "The payment was declined; try another payment method."
        case .cursorExpired: return "Your offline copy is too old to update; it will be downloaded again."
        case .serviceUnavailable: return "The marketplace is temporarily unavailable; try again in a moment."
        case .internalError: return "Something went wrong on the server. Try again later" + quote(failure.requestId)
        case .userBanned: return "This account has been suspended. Contact the marketplace's support if you think this is a mistake."
        }
    }

    /// For codes this build does not know (a newer server), judged by status.
    static func message(forStatus status: Int) -> String {
        switch status {
        case 400: "The server did not accept that request; check what you entered and try again."
        case 401: "Please sign in to continue."
        case 403: "Your account isn't allowed to do that."
        case 404: "That item could not be found; it may have been removed."
        case 409: "Something changed in the meantime; refresh and try again."
        case 413: "That is too large to send; try a smaller file or less text."
        case 429: "Too many requests at once. Wait a moment and try again."
        case 502, 503, 504: "The marketplace is temporarily unavailable; try again in a moment."
        case 500...: "Something went wrong on the server. Try again later."
        default: "The server refused that request (status \(status)); updating MarketMate may help."
        }
    }

    private static func wait(_ seconds: TimeInterval?, fallback: String) -> String {
        guard let seconds, seconds > 0 else { return fallback }
        if seconds < 90 { return "Try again in \(Int(seconds.rounded(.up))) seconds." }
        return "Try again in \(Int((seconds / 60).rounded(.up))) minutes."
    }

    private static func quote(_ requestId: String?) -> String {
        requestId.map { ", and quote request id \($0) if you report it." } ?? "."
    }
}

extension ClientError: LocalizedError {
    public var errorDescription: String? { userMessage }
}
