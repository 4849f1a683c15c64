import Foundation
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore

/// A stand-in for api.stripe.com on loopback, for the Stripe provider's tests: a Hummingbird
/// app that records every request (method, path, headers, raw form body) and answers in
/// Stripe's shapes. What it answers depends on the payment method or intent id, so one
/// server covers every case:
/// - `pm_card_visa` succeeds (`pi_visa`), `pm_card_authenticationRequired` needs action
///   (`pi_3ds`), `pm_card_chargeDeclined` is a 402 card error about `pi_declined`,
///   `pm_card_boom` a 500, `pm_card_busy` a 429, `pm_card_slow` answers after 10 s;
/// - confirming any intent succeeds; cancelling `pi_done` is refused (it succeeded),
///   `pi_gone` was cancelled already, anything else is cancelled;
/// - refunds of up to 1000 succeed, larger ones are refused.
/// A request without `Bearer sk_test_fake` gets Stripe's 401, whose message quotes the key.
struct FakeStripeServer {
    static let apiKey = "sk_test_fake"

    struct Recorded: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String

        /// The form fields, decoded.
        var form: [String: String] {
            var fields: [String: String] = [:]
            for pair in body.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "<bad encoding>" }
                fields[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return fields
        }
    }

    final class Log: Sendable {
        private let box = NIOLockedValueBox<[Recorded]>([])
        func append(_ request: Recorded) { box.withLockedValue { $0.append(request) } }
        var requests: [Recorded] { box.withLockedValue { $0 } }
    }

    /// Runs `body` with the server's base URL and its request log.
    static func run(_ body: @Sendable (_ baseURL: String, _ log: Log) async throws -> Void) async throws {
        let log = Log()
        let router = Router()
        router.post("/v1/payment_intents") { request, context in try await answer(request, context, log) }
        router.post("/v1/payment_intents/:id/:action") { request, context in try await answer(request, context, log) }
        router.post("/v1/refunds") { request, context in try await answer(request, context, log) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port!)", log)
        }
    }

    private static func answer(_ request: Request, _ context: BasicRequestContext, _ log: Log) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = Recorded(method: request.method.rawValue, path: request.uri.path, headers: headers, body: String(buffer: buffer))
        log.append(recorded)

        guard headers["authorization"] == "Bearer \(apiKey)" else {
            let shown = headers["authorization"]?.replacingOccurrences(of: "Bearer ", with: "") ?? ""
            return json(401, #"{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: \#(shown)"}}"#)
        }
        let form = recorded.form
        switch (context.parameters.get("id"), context.parameters.get("action")) {
        case (let id?, "confirm"?):
            return json(200, intent(id, "succeeded"))
        case ("pi_done"?, "cancel"?):
            return json(400, #"{"error":{"type":"invalid_request_error","code":"payment_intent_unexpected_state","message":"You cannot cancel this PaymentIntent because it has a status of succeeded.","payment_intent":\#(intent("pi_done", "succeeded"))}}"#)
        case ("pi_gone"?, "cancel"?):
            return json(400, #"{"error":{"type":"invalid_request_error","code":"payment_intent_unexpected_state","message":"You cannot cancel this PaymentIntent because it has a status of canceled.","payment_intent":\#(intent("pi_gone", "canceled"))}}"#)
        case (let id?, "cancel"?):
            return json(200, intent(id, "canceled"))
        case (_?, _):
            return json(404, #"{"error":{"type":"invalid_request_error","message":"Unrecognized request URL"}}"#)
        case (nil, _) where recorded.path == "/v1/refunds":
            let amount = Int(form["amount"] ?? "") ?? 0
            guard amount <= 1000 else {
                return json(400, #"{"error":{"type":"invalid_request_error","code":"amount_too_large","message":"Refund amount ($\#(amount)) is greater than charge amount ($1000)"}}"#)
            }
            return json(200, #"{"id":"re_fake1","object":"refund","amount":\#(amount),"payment_intent":"\#(form["payment_intent"] ?? "")","status":"succeeded"}"#)
        case (nil, _):
            break
        }
        switch form["payment_method"] {
        case "pm_card_visa":
            return json(200, intent("pi_visa", "succeeded"))
        case "pm_card_authenticationRequired":
            return json(200, intent("pi_3ds", "requires_action", extra: #","next_action":{"type":"use_stripe_sdk","use_stripe_sdk":{}}"#))
        case "pm_card_chargeDeclined":
            let failed = intent("pi_declined", "requires_payment_method")
            return json(402, #"{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","payment_intent":\#(failed)}}"#)
        case "pm_card_boom":
            return json(500, #"{"error":{"type":"api_error","message":"Something went wrong on Stripe's end."}}"#)
        case "pm_card_busy":
            return json(429, #"{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}"#)
        case "pm_card_slow":
            try await Task.sleep(for: .seconds(10))
            return json(200, intent("pi_slow", "succeeded"))
        default:
            return json(400, #"{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such PaymentMethod"}}"#)
        }
    }

    private static func intent(_ id: String, _ status: String, extra: String = "") -> String {
        #"{"id":"\#(id)","object":"payment_intent","amount":2500,"currency":"usd","status":"\#(status)","metadata":{}\#(extra)}"#
    }

    private static func json(_ status: Int, _ text: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
