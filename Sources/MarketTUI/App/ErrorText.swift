import MarketClient

/// Errors as the user reads them: a sentence, and per-field messages for forms. The
/// wording lives in MarketClient's `ClientError`; anything else gets a generic sentence
/// (never a type name or a stack trace).
enum ErrorText {
    static func sentence(for error: any Error) -> String {
        if let error = error as? ClientError { return error.userMessage }
        return "Something went wrong. Please try again."
    }

    static func fieldErrors(for error: any Error) -> [String: String] {
        (error as? ClientError)?.fieldErrors ?? [:]
    }

    /// True when the session is gone and the user must sign in again.
    static func isSessionExpired(_ error: any Error) -> Bool {
        (error as? ClientError)?.isSessionExpired ?? false
    }
}
