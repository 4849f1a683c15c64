import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

@Suite("Rate limiting")
struct RateLimitTests {
    // MARK: The algorithm

    @Test("GCRA: a whole quota as a burst, then one request per interval; no double burst at a window edge")
    func gcra() {
        let policy = RateLimitPolicy(name: "default", limit: 100, windowSeconds: 60)
        let store = InMemoryRateLimitStore(maxKeys: 1000)
        let start: Int64 = 1_000_000_000_000
        var allowed = 0
        for _ in 0..<150 where store.decide(key: "k", policy: policy, now: start).allowed { allowed += 1 }
        #expect(allowed == 100)
        let rejected = store.decide(key: "k", policy: policy, now: start)
        #expect(!rejected.allowed)
        #expect(rejected.remaining == 0)
        #expect(rejected.retryAfterSeconds == 1)  // 0.6 s, rounded up
        #expect(rejected.resetSeconds == 60)
        // A fixed window would hand out another 100 just after its edge; GCRA refills evenly.
        #expect(!store.decide(key: "k", policy: policy, now: start + 300_000).allowed)
        let refilled = store.decide(key: "k", policy: policy, now: start + 600_000)
        #expect(refilled.allowed && refilled.remaining == 0)
        var later = 0
        for _ in 0..<150 where store.decide(key: "k", policy: policy, now: start + 30_600_000).allowed { later += 1 }
        #expect(later == 50)  // half a window later, half a quota
        // Keys and policies count apart.
        #expect(store.decide(key: "other", policy: policy, now: start).remaining == 99)
    }

    @Test("a quota finer than 1 µs a request is clamped, not a division by zero")
    func hugeQuota() {
        let policy = RateLimitPolicy(name: "default", limit: 1_000_000_000, windowSeconds: 60)
        let store = InMemoryRateLimitStore(maxKeys: 1000)
        let decision = store.decide(key: "k", policy: policy, now: 1_000_000)
        #expect(decision.allowed)
        #expect(decision.remaining == 59_999_999)
    }

    @Test("the in-memory store stays bounded: idle keys go first")
    func bounded() {
        let policy = RateLimitPolicy(name: "default", limit: 10, windowSeconds: 1)
        let store = InMemoryRateLimitStore(maxKeys: 1000)
        for i in 0..<20_000 { _ = store.decide(key: "ip:\(i)", policy: policy, now: Int64(i) * 1000) }
        #expect(store.count <= 1024)
        #expect(store.count > 0)
    }

    @Test("quotas parse from \"N/window\"")
    func quotas() {
        #expect(RateLimitSettings.Quota(parsing: "100/1m") == .init(limit: 100, windowSeconds: 60))
        #expect(RateLimitSettings.Quota(parsing: "20/60s") == .init(limit: 20, windowSeconds: 60))
        #expect(RateLimitSettings.Quota(parsing: "20/60") == .init(limit: 20, windowSeconds: 60))
        #expect(RateLimitSettings.Quota(parsing: "1000/h") == .init(limit: 1000, windowSeconds: 3600))
        for bad in ["", "100", "0/1m", "x/1m", "10/-1m", "10/1d", "10/1m/2"] {
            #expect(RateLimitSettings.Quota(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("[rate_limits] loads from the file; MARKETMATE_RATE_LIMITS=off turns limiting off")
    func configuration() throws {
        let text = """
            [rate_limits]
            default = "50/1m"
            auth = "5/1m"
            auth_account = "3/10m"
            [rate_limits.groups]
            checkout = "10/1m"
            """
        let config = try ConfigFiles.load(text)
        #expect(config.rateLimits.enabled)
        #expect(config.rateLimits.defaultQuota == .init(limit: 50, windowSeconds: 60))
        #expect(config.rateLimits.auth == .init(limit: 5, windowSeconds: 60))
        #expect(config.rateLimits.authAccount == .init(limit: 3, windowSeconds: 600))
        #expect(config.rateLimits.groups == ["checkout": .init(limit: 10, windowSeconds: 60)])
        #expect(try ConfigFiles.load(text, environment: ["MARKETMATE_RATE_LIMITS": "off"]).rateLimits.enabled == false)
        #expect(try ConfigFiles.load("[rate_limits]\nenabled = false\n").rateLimits.enabled == false)
        #expect(ConfigFiles.error("[rate_limits]\ndefault = \"lots\"\n")?.description.contains("rate_limits.default") == true)
        #expect(ConfigFiles.error("[rate_limits]\nburst = 3\n") != nil)
        #expect(ConfigFiles.error("", environment: ["MARKETMATE_RATE_LIMITS": "maybe"]) != nil)
    }

    // MARK: Over HTTP

    static func limited(_ config: inout ServerConfiguration) {
        config.rateLimits.enabled = true
        config.rateLimits.defaultQuota = .init(limit: 3, windowSeconds: 60)
        config.rateLimits.auth = .init(limit: 4, windowSeconds: 60)
        config.rateLimits.authAccount = .init(limit: 2, windowSeconds: 60)
    }

    /// Registers a user with rate limits off for the setup, as the limits are per app.
    @Test("per user: headers on every response, 429 rate_limited with Retry-After past the quota, a fresh quota for others", arguments: TestDatabase.enabled)
    func perUser(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: Self.limited) { app, client in
            let alice = try await client.register("alice@example.com")
            for remaining in [2, 1, 0] {
                let response = try await client.request(.get, "/api/v1/users/me", token: alice.accessToken)
                #expect(response.status == .ok)
                #expect(response.headers[.rateLimitPolicy] == "\"default\";q=3;w=60")
                #expect(response.headers[.rateLimit]?.hasPrefix("\"default\";r=\(remaining);t=") == true)
            }
            let refused = try await client.request(.get, "/api/v1/users/me", token: alice.accessToken)
            #expect(refused.status == .tooManyRequests)
            #expect(try refused.errorBody.code == "rate_limited")
            #expect(refused.headers[.retryAfter] == "20")
            #expect(refused.headers[.rateLimit] == "\"default\";r=0;t=60")
            // Errors from the handler carry the headers too (a 404 still counted).
            let bob = try await client.register("bob@example.com")
            let missing = try await client.request(.get, "/api/v1/orders/ord_01ARZ3NDEKTSV4RRFFQ69G5FAV", token: bob.accessToken)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.rateLimit]?.hasPrefix("\"default\";r=2;") == true)
            // An API key has a quota of its own.
            app.clock.advance(by: 60)
            let key = try await client.request(.post, "/api/v1/api-keys", json: CreateAPIKeyRequest(name: "bot"), token: alice.accessToken).decode(CreatedAPIKey.self)
            let viaKey = try await client.request(.get, "/api/v1/users/me", headers: [.apiKey: key.key])
            #expect(viaKey.headers[.rateLimit]?.hasPrefix("\"default\";r=2;") == true)
            // Time gives the quota back: one request per 20 s.
            app.clock.advance(by: 20)
            #expect(try await client.request(.get, "/api/v1/users/me", token: alice.accessToken).status == .ok)
            // Operations routes are not limited.
            #expect(try await client.request(.get, "/healthz").headers[.rateLimit] == nil)
        }
    }

    @Test("anonymous callers count per client IP; /auth/* per IP and per email address", arguments: TestDatabase.enabled)
    func anonymousAndAuth(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: Self.limited) { app, client in
            for _ in 0..<3 { #expect(try await client.request(.get, "/api/v1/products").status == .ok) }
            let anonymous = try await client.request(.get, "/api/v1/products")
            #expect(anonymous.status == .tooManyRequests)

            let login = LoginRequest(email: "Nobody@Example.com", password: "wrong password 1")
            let first = try await client.request(.post, "/api/v1/auth/login", json: login)
            #expect(first.status == .unauthorized)
            #expect(first.headers[.rateLimitPolicy] == "\"auth\";q=4;w=60, \"auth_account\";q=2;w=60")
            #expect(first.headers[.rateLimit]?.hasPrefix("\"auth\";r=3;t=") == true)
            #expect(try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "nobody@example.com", password: "x")).status == .unauthorized)
            // The same account, spelled differently: its third attempt is refused.
            let third = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: " NOBODY@example.com", password: "x"))
            #expect(third.status == .tooManyRequests)
            #expect(try third.errorBody.code == "rate_limited")
            #expect(third.headers[.retryAfter] == "30")
            // Another account from the same address: the per-IP quota (4) runs out next.
            let other = try await client.request(.post, "/api/v1/auth/login", json: LoginRequest(email: "other@example.com", password: "x"))
            #expect(other.status == .unauthorized)
            #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: "rt_x")).status == .tooManyRequests)
            app.clock.advance(by: 60)
            #expect(try await client.request(.post, "/api/v1/auth/refresh", json: RefreshRequest(refreshToken: "rt_x")).status == .unauthorized)
        }
    }

    @Test("failed authentication is counted per client IP: past the anonymous quota wrong tokens and keys get 429, not 401", arguments: TestDatabase.enabled)
    func failedAuthentication(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: Self.limited) { app, client in
            let alice = try await client.register("alice@example.com")
            // A wrong bearer token, a wrong API key, no credentials at all: each a 401 with the
            // headers, counted against the address as an anonymous request.
            let badToken = try await client.request(.get, "/api/v1/users/me", token: "not-a-token")
            #expect(badToken.status == .unauthorized)
            #expect(badToken.headers[.rateLimitPolicy] == "\"default\";q=3;w=60")
            #expect(badToken.headers[.rateLimit]?.hasPrefix("\"default\";r=2;t=") == true)
            let badKey = try await client.request(.get, "/api/v1/cart", headers: [.apiKey: "mm_not_a_key"])
            #expect(badKey.status == .unauthorized)
            #expect(badKey.headers[.rateLimit]?.hasPrefix("\"default\";r=1;t=") == true)
            // The public catalog refuses a wrong key too, and counts it the same way.
            let publicBadKey = try await client.request(.get, "/api/v1/products", headers: [.apiKey: "mm_not_a_key"])
            #expect(publicBadKey.status == .unauthorized)
            #expect(publicBadKey.headers[.rateLimit]?.hasPrefix("\"default\";r=0;t=") == true)
            // Past the quota: 429 whatever is presented, and anonymous requests from the
            // address are out of quota as well (the same bucket).
            let refused = try await client.request(.get, "/api/v1/users/me")
            #expect(refused.status == .tooManyRequests)
            #expect(try refused.errorBody.code == "rate_limited")
            #expect(refused.headers[.retryAfter] == "20")
            #expect(refused.headers[.rateLimit] == "\"default\";r=0;t=60")
            #expect(try await client.request(.get, "/api/v1/users/me", token: "still-not-a-token").status == .tooManyRequests)
            #expect(try await client.request(.get, "/api/v1/products").status == .tooManyRequests)
            // A good token is its user's quota, untouched by the address's failures.
            let me = try await client.request(.get, "/api/v1/users/me", token: alice.accessToken)
            #expect(me.status == .ok)
            #expect(me.headers[.rateLimit]?.hasPrefix("\"default\";r=2;") == true)
            // Time gives the address its quota back, one request per 20 s.
            app.clock.advance(by: 20)
            #expect(try await client.request(.get, "/api/v1/users/me", token: "not-a-token").status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/users/me", token: "not-a-token").status == .tooManyRequests)
        }
    }

    @Test("a route group with its own quota counts apart from the default", arguments: TestDatabase.enabled)
    func groups(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: { config in
            Self.limited(&config)
            config.rateLimits.groups["cart"] = .init(limit: 1, windowSeconds: 60)
        }) { _, client in
            let alice = try await client.register("alice@example.com")
            let cart = try await client.request(.get, "/api/v1/cart", token: alice.accessToken)
            #expect(cart.headers[.rateLimitPolicy] == "\"cart\";q=1;w=60")
            #expect(try await client.request(.get, "/api/v1/cart", token: alice.accessToken).status == .tooManyRequests)
            #expect(try await client.request(.get, "/api/v1/users/me", token: alice.accessToken).headers[.rateLimit]?.hasPrefix("\"default\";r=2") == true)
        }
    }

    @Test("limits off: no headers, no refusals", arguments: TestDatabase.enabled)
    func off(database: TestDatabase) async throws {
        try await TestApp.run(database, configure: { config in
            Self.limited(&config)
            config.rateLimits.enabled = false
        }) { _, client in
            for _ in 0..<10 {
                let response = try await client.request(.get, "/api/v1/products")
                #expect(response.status == .ok)
                #expect(response.headers[.rateLimit] == nil)
            }
        }
    }

    @Test("fail-open: when the shared store cannot answer, the per-process limiter decides and a metric counts it")
    func failOpen() async throws {
        try await TestApp.run(.sqlite) { app, _ in
            // SQLite has no rate_limit_buckets table: every shared decision fails.
            let memory = InMemoryRateLimitStore(maxKeys: 1000)
            let failures = app.environment.metrics.counter("marketmate_rate_limit_store_failures_total")
            let store = PostgresRateLimitStore(
                database: { app.environment.database }, fallback: memory,
                failures: { failures.increment() }, logger: app.environment.logger)
            let policy = RateLimitPolicy(name: "default", limit: 2, windowSeconds: 60)
            let decisions = [
                await store.decide(key: "k", policy: policy, now: 1_000_000),
                await store.decide(key: "k", policy: policy, now: 1_000_000),
                await store.decide(key: "k", policy: policy, now: 1_000_000),
            ]
            #expect(decisions.map(\.allowed) == [true, true, false])
            #expect(app.environment.metrics.exposition().contains("marketmate_rate_limit_store_failures_total 3"))
        }
    }
}
