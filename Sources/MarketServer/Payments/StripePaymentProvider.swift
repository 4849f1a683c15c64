import Foundation
import MarketModels

/// Stripe's REST API (https://docs.stripe.com/api), through libcurl: form-encoded POSTs
/// with the secret key as a Bearer token, an `Idempotency-Key` on every one, and a pinned
/// `Stripe-Version` so replies keep the shape this code reads.
///
/// The key is sent to `apiBase` and nowhere else, and neither it nor a request body is
/// logged or put in an error (Stripe's own messages have the key cut out, in case one
/// ever quotes it).
public struct StripePaymentProvider: PaymentProvider {
    public struct Configuration: Sendable, Equatable {
        /// `https://api.stripe.com`, or a local stand-in (stripe-mock, tests) over http.
        public var apiBase: String
        public var apiKey: SecretString
        /// Seconds for one API call, connection included.
        public var timeout: TimeInterval

        public init(apiBase: String = StripePaymentProvider.defaultAPIBase, apiKey: SecretString, timeout: TimeInterval = 30) {
            self.apiBase = apiBase
            self.apiKey = apiKey
            self.timeout = timeout
        }
    }

    public static let defaultAPIBase = "https://api.stripe.com"
    /// The API version whose PaymentIntent, Refund and error shapes this code reads.
    public static let apiVersion = "2024-06-20"

    public let name = "stripe"
    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func charge(_ request: PaymentRequest) async throws(PaymentProviderError) -> PaymentOutcome {
        if let problem = request.problem() { throw .invalidRequest(problem) }
        var fields: [(String, String)] = [
            ("amount", String(request.amount)),
            ("currency", request.currency.code.lowercased()),
            ("payment_method", request.paymentMethod),
            ("confirm", "true"),
            // Confirmed by the server, with no web page to come back to: allow_redirects=never
            // leaves out methods that redirect, so Stripe does not demand a return_url.
            ("automatic_payment_methods[enabled]", "true"),
            ("automatic_payment_methods[allow_redirects]", "never"),
        ]
        if let description = request.description { fields.append(("description", description)) }
        // Sorted, so a retry sends the very same body (Stripe compares it under the key).
        for (key, value) in request.metadata.sorted(by: { $0.key < $1.key }) { fields.append(("metadata[\(key)]", value)) }
        return try intentOutcome(await post("/v1/payment_intents", fields, idempotencyKey: request.idempotencyKey))
    }

    public func confirm(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) -> PaymentOutcome {
        let id = try checked(intentID)
        return try intentOutcome(await post("/v1/payment_intents/\(id)/confirm", [], idempotencyKey: idempotencyKey))
    }

    public func cancel(intentID: String, idempotencyKey: String) async throws(PaymentProviderError) {
        let id = try checked(intentID)
        let reply = try await post("/v1/payment_intents/\(id)/cancel", [], idempotencyKey: idempotencyKey)
        guard !(200..<300).contains(reply.status) else { return }
        // Cancelling twice is what the caller wanted anyway.
        if let error = StripeWire.error(in: reply.body), error.code == "payment_intent_unexpected_state", error.paymentIntent?.status == "canceled" {
            return
        }
        throw failure(reply)
    }

    public func refund(intentID: String, amount: Int, idempotencyKey: String) async throws(PaymentProviderError) -> RefundOutcome {
        guard amount > 0 else { throw .invalidRequest("the refund amount must be a positive number of minor units") }
        let id = try checked(intentID)
        let reply = try await post("/v1/refunds", [("payment_intent", id), ("amount", String(amount))], idempotencyKey: idempotencyKey)
        guard (200..<300).contains(reply.status) else { throw failure(reply) }
        guard let refund = try? JSONDecoder().decode(StripeWire.Refund.self, from: Data(reply.body)) else {
            throw .unavailable("Stripe's reply to a refund could not be read (HTTP \(reply.status))")
        }
        return RefundOutcome(refundID: refund.id, amount: refund.amount, status: refund.status ?? "pending")
    }

    // MARK: Replies

    /// A PaymentIntent reply as an outcome. A card declined while confirming is HTTP 402
    /// with a `card_error` that carries the intent: an outcome, not an error.
    func intentOutcome(_ reply: CurlHTTPTransfer.Response) throws(PaymentProviderError) -> PaymentOutcome {
        guard (200..<300).contains(reply.status) else {
            if reply.status == 402, let error = StripeWire.error(in: reply.body), error.type == "card_error" {
                return PaymentOutcome(
                    intentID: error.paymentIntent?.id ?? "", status: .declined,
                    declineCode: error.declineCode ?? error.code, message: error.message.map(redacted))
            }
            throw failure(reply)
        }
        guard let intent = try? JSONDecoder().decode(StripeWire.Intent.self, from: Data(reply.body)) else {
            throw .unavailable("Stripe's reply could not be read as a PaymentIntent (HTTP \(reply.status))")
        }
        switch intent.status {
        case "succeeded":
            return PaymentOutcome(intentID: intent.id, status: .succeeded)
        case "requires_action", "requires_confirmation":
            return PaymentOutcome(intentID: intent.id, status: .requiresAction)
        case "requires_payment_method":
            // Confirmation failed and the intent wants another method: a decline.
            let error = intent.lastPaymentError
            return PaymentOutcome(
                intentID: intent.id, status: .declined,
                declineCode: error?.declineCode ?? error?.code, message: error?.message.map(redacted))
        case "canceled":
            return PaymentOutcome(intentID: intent.id, status: .declined, message: "The payment was cancelled.")
        default:
            // processing, requires_capture, or a state this API version does not have yet:
            // not settled here; the webhook brings the final word.
            return PaymentOutcome(intentID: intent.id, status: .processing)
        }
    }

    /// An unsuccessful reply as an error, by Stripe's documented status codes.
    func failure(_ reply: CurlHTTPTransfer.Response) -> PaymentProviderError {
        let error = StripeWire.error(in: reply.body)
        var text = error?.message ?? "HTTP \(reply.status)"
        if let code = error?.code { text += " (\(code))" }
        text = redacted(text)
        switch reply.status {
        case 401, 403: return .authentication(text)
        case 429, 500...: return .unavailable(text)
        case 400..<500: return .invalidRequest(text)
        default: return .unavailable("unexpected HTTP \(reply.status) from Stripe")
        }
    }

    // MARK: Transport

    /// One POST; a transfer that never got an HTTP reply (DNS, connection, TLS, timeout)
    /// is `.unavailable`, safe to retry under the same key.
    func post(_ path: String, _ fields: [(String, String)], idempotencyKey: String) async throws(PaymentProviderError) -> CurlHTTPTransfer.Response {
        if let problem = PaymentRequestRules.idempotencyKeyProblem(idempotencyKey) { throw .invalidRequest(problem) }
        let base = configuration.apiBase.hasSuffix("/") ? String(configuration.apiBase.dropLast()) : configuration.apiBase
        let request = CurlHTTPTransfer.Request(
            url: base + path,
            headers: [
                "Authorization: Bearer \(configuration.apiKey.value)",
                "Content-Type: application/x-www-form-urlencoded",
                "Accept: application/json",
                "Idempotency-Key: \(idempotencyKey)",
                "Stripe-Version: \(Self.apiVersion)",
                "User-Agent: MarketMate",
            ],
            body: Array(StripeWire.formEncode(fields).utf8),
            timeout: configuration.timeout, caFile: nil)
        let reply = await CurlEasy.run(threadName: "marketmate-stripe") { cancel in CurlHTTPTransfer.post(request, cancel: cancel) }
        guard reply.outcome.succeeded, reply.status > 0 else {
            throw .unavailable(redacted("cannot reach Stripe: \(reply.outcome.detail) (curl error \(reply.outcome.curlCode))"))
        }
        return reply
    }

    private func checked(_ intentID: String) throws(PaymentProviderError) -> String {
        guard intentID.hasPrefix("pi_"), PaymentMethodID.isStripeID(intentID) else { throw .invalidRequest("no such PaymentIntent") }
        return intentID
    }

    private func redacted(_ text: String) -> String {
        let key = configuration.apiKey.value
        return key.count >= 8 ? text.replacingOccurrences(of: key, with: "<redacted>") : text
    }
}

/// The JSON Stripe answers with, as far as the provider reads it, and its form encoding.
enum StripeWire {
    struct Intent: Decodable {
        var id: String
        var status: String
        var lastPaymentError: StripeError?

        enum CodingKeys: String, CodingKey {
            case id, status
            case lastPaymentError = "last_payment_error"
        }
    }

    struct Refund: Decodable {
        var id: String
        var amount: Int
        var status: String?
    }

    private struct Envelope: Decodable { var error: StripeError }

    static func error(in body: [UInt8]) -> StripeError? {
        try? JSONDecoder().decode(Envelope.self, from: Data(body)).error
    }

    /// `application/x-www-form-urlencoded`: everything but RFC 3986's unreserved
    /// characters percent-encoded, except the brackets of nested keys (`metadata[k]`),
    /// which Stripe's own libraries send as they are.
    static func formEncode(_ fields: [(String, String)]) -> String {
        fields.map { "\(encode($0.0, keepBrackets: true))=\(encode($0.1, keepBrackets: false))" }.joined(separator: "&")
    }

    private static func encode(_ text: String, keepBrackets: Bool) -> String {
        var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        if keepBrackets { allowed.insert(charactersIn: "[]") }
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
