import Crypto
import FluentKit
import Foundation
import HTTPTypes
import Hummingbird
import MarketModels
import SQLKit

/// `Idempotency-Key` for writes that must not happen twice (checkout, payment confirmation,
/// refunds), after Stripe's design: the first request with a key claims it; the same key
/// with the same body gets the first answer; with another body, 409 `idempotency_conflict`.
///
/// A claim is a row committed before the work starts, so concurrent duplicates (a double
/// Enter, a client retrying a request still running) find it and wait for the answer
/// instead of doing the work again. The work stores its answer in the same transaction
/// that commits its effects where it can; a claim whose process died (still in progress
/// long after) may be taken over, with the id of what it made (`resourceID`), so the new
/// owner finishes that work instead of starting another.
struct IdempotencyKeys: Sendable {
    let database: @Sendable () -> any Database
    let clock: any AppClock
    /// An in-progress claim older than this is presumed dead.
    var staleAfter: TimeInterval = 60
    /// How long a duplicate waits for the first request's answer.
    var waitLimit: Duration = .seconds(30)

    struct StoredResponse: Sendable, Equatable {
        var status: Int
        var body: String
    }

    enum Claim: Sendable {
        /// Go ahead; `resourceID` is what an earlier, dead owner had already made.
        case claimed(id: String, resourceID: String?)
        /// The answer of the first request with this key.
        case replay(StoredResponse)
    }

    /// The header's value, checked: 1 to 255 visible ASCII characters.
    static func key(from request: Request, required: Bool) throws -> String? {
        guard let raw = request.headers[HTTPField.Name("Idempotency-Key")!] else {
            if required { throw AppError.validation(field: "Idempotency-Key", code: "required", "Send an Idempotency-Key header (a random string per attempt).") }
            return nil
        }
        guard (1...255).contains(raw.utf8.count), raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw AppError.validation(field: "Idempotency-Key", code: "invalid_format", "An Idempotency-Key is 1 to 255 visible ASCII characters.")
        }
        return raw
    }

    /// A fingerprint of a decoded request (keys sorted, so spacing and order do not matter).
    static func hash(_ body: some Encodable) throws -> String {
        let data = try JSONEncoder.sortedKeys.encode(body)
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private struct Row: Decodable {
        let id: String
        let request_hash: String
        let state: String
        let resource_id: String?
        let response_status: Int?
        let response_body: String?
        let locked_at: Date
    }

    func claim(user: UserID, scope: String, key: String, hash: String) async throws -> Claim {
        let sql = database() as! any SQLDatabase
        let deadline = ContinuousClock.now + waitLimit
        while true {
            let now = clock.now()
            let inserted = try await sql.raw("""
                INSERT INTO idempotency_keys (id, user_id, scope, key, request_hash, state, locked_at, created_at)
                VALUES (\(bind: "idk_" + ULIDGenerator.shared.next(at: now).description), \(bind: user.rawValue), \(bind: scope), \(bind: key),
                        \(bind: hash), 'in_progress', \(bind: now), \(bind: now))
                ON CONFLICT (user_id, scope, key) DO NOTHING
                RETURNING id
                """).first()
            if let inserted { return .claimed(id: try inserted.decode(column: "id", as: String.self), resourceID: nil) }
            guard let row = try await sql.raw("""
                SELECT id, request_hash, state, resource_id, response_status, response_body, locked_at FROM idempotency_keys
                WHERE user_id = \(bind: user.rawValue) AND scope = \(bind: scope) AND key = \(bind: key)
                """).first(decoding: Row.self) else { continue }  // purged between the two statements
            guard row.request_hash == hash else {
                throw AppError(.conflict, .idempotencyConflict, "This Idempotency-Key was used with a different request. Use a new key for a new request.")
            }
            if row.state == "completed", let status = row.response_status, let body = row.response_body {
                return .replay(StoredResponse(status: status, body: body))
            }
            if row.locked_at < now.addingTimeInterval(-staleAfter) {
                let taken = try await sql.raw("""
                    UPDATE idempotency_keys SET locked_at = \(bind: now)
                    WHERE id = \(bind: row.id) AND state = 'in_progress' AND locked_at = \(bind: row.locked_at) RETURNING id
                    """).all()
                if !taken.isEmpty { return .claimed(id: row.id, resourceID: row.resource_id) }
            }
            guard ContinuousClock.now < deadline else {
                throw AppError(.conflict, .conflict, "A request with this Idempotency-Key is still being processed; try again in a moment.")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Records what the request made, in the transaction that made it.
    func attach(resourceID: String, to id: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE idempotency_keys SET resource_id = \(bind: resourceID) WHERE id = \(bind: id)").run()
    }

    /// Stores the answer; later requests with the key get it. False when the key already
    /// had one (the first stored answer stays).
    @discardableResult
    func complete(_ id: String, status: Int, body: String, on db: any Database) async throws -> Bool {
        try await (db as! any SQLDatabase).raw("""
            UPDATE idempotency_keys SET state = 'completed', response_status = \(bind: status), response_body = \(bind: body)
            WHERE id = \(bind: id) AND state = 'in_progress' RETURNING id
            """).first() != nil
    }

    /// Forgets a claim whose request failed before doing anything (a bad body, a bug), so a
    /// retry with the same key runs again instead of waiting for a claim nobody holds.
    func release(_ id: String) async {
        _ = try? await (database() as! any SQLDatabase).raw(
            "DELETE FROM idempotency_keys WHERE id = \(bind: id) AND state = 'in_progress' AND resource_id IS NULL").run()
    }

    /// Deletes finished keys older than `hours` (the purge job).
    func purge(olderThanHours hours: Int) async throws -> Int {
        let cutoff = clock.now().addingTimeInterval(-Double(hours) * 3600)
        return try await (database() as! any SQLDatabase).raw(
            "DELETE FROM idempotency_keys WHERE created_at < \(bind: cutoff) AND state = 'completed' RETURNING id").all().count
    }
}

extension IdempotencyKeys.StoredResponse {
    /// The stored answer again: a success as it was sent, an error rethrown, so the envelope
    /// carries this request's id.
    func replay() throws -> Response {
        if status >= 400, let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: Data(body.utf8)) {
            throw AppError(.init(code: status), APIErrorCode(rawValue: envelope.error.code) ?? .conflict, envelope.error.message,
                           details: envelope.error.details, headers: [HTTPField.Name("Idempotent-Replayed")!: "true"])
        }
        return Response(status: .init(code: status), headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(body.utf8.count),
                                                             HTTPField.Name("Idempotent-Replayed")!: "true"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func success(_ value: some Encodable, status: Int) throws -> Self {
        Self(status: status, body: String(decoding: try MarketJSON.makeEncoder().encode(value), as: UTF8.self))
    }

    static func failure(_ error: AppError) -> Self {
        let envelope = ErrorEnvelope(error: APIErrorBody(code: error.code.rawValue, message: error.message, details: error.details))
        return Self(status: Int(error.status.code), body: String(decoding: (try? JSONEncoder.sortedKeys.encode(envelope)) ?? Data(), as: UTF8.self))
    }
}
