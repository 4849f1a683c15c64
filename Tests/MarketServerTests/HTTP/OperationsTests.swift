import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The Operations section of API.md: health, readiness, metrics, the signing keys and the
/// OpenAPI document, which must describe exactly the routes the router serves.
@Suite("Operations endpoints")
struct OperationsTests {
    @Test("/healthz is 200 {\"status\":\"ok\"}, not cached")
    func healthz() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/healthz")
            #expect(response.status == .ok)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            #expect(response.header("Cache-Control") == "no-store")
            let body = try response.jsonObject()
            #expect(body.count == 1)
            #expect(body["status"] as? String == "ok")
        }
    }

    @Test("/ready is 200 when the database is migrated", arguments: TestDatabase.enabled)
    func ready(database: TestDatabase) async throws {
        try await TestApp.run(database) { _, client in
            let response = try await client.request(.get, "/ready")
            #expect(response.status == .ok)
            #expect(response.header("Cache-Control") == "no-store")
            #expect(try response.jsonObject()["status"] as? String == "ready")
        }
    }

    @Test("/metrics is Prometheus text with request counts by route pattern and status")
    func metrics() async throws {
        try await TestApp.run(.sqlite) { _, client in
            for _ in 0..<3 { #expect(try await client.request(.get, "/healthz").status == .ok) }
            #expect(try await client.request(.get, "/this/is/not/a/route").status == .notFound)
            #expect(try await client.request(.get, "/api/v1/users/me").status == .unauthorized)

            let response = try await client.request(.get, "/metrics")
            #expect(response.status == .ok)
            let contentType = try #require(response.header("Content-Type"))
            #expect(contentType.hasPrefix("text/plain"))
            let lines = response.text.split(separator: "\n").map(String.init)

            func sample(_ name: String, _ labels: [String]) -> [String] {
                lines.filter { line in line.hasPrefix(name + "{") && labels.allSatisfy { line.contains($0) } }
            }
            let healthz = sample("marketmate_http_requests_total", [#"route="/healthz""#, #"status="200""#, #"method="GET""#])
            #expect(healthz.count == 1, "\(healthz)")
            #expect(healthz.first.map { $0.hasSuffix(" 3") } == true, "\(healthz)")

            let notFound = sample("marketmate_http_requests_total", [#"route="NotFound""#, #"status="404""#])
            #expect(notFound.count == 1, "\(notFound)")
            #expect(notFound.first.map { $0.hasSuffix(" 1") } == true, "\(notFound)")
            // The raw path never becomes a label.
            #expect(!response.text.contains("/this/is/not/a/route"))

            let me = sample("marketmate_http_requests_total", [#"route="/api/v1/users/me""#, #"status="401""#])
            #expect(me.count == 1, "\(me)")

            let buckets = sample("marketmate_http_request_duration_seconds_bucket", [#"route="/healthz""#, #"status="200""#])
            #expect(!buckets.isEmpty)
            #expect(buckets.contains { $0.contains(#"le="+Inf""#) && $0.hasSuffix(" 3") }, "\(buckets)")
            #expect(lines.contains { $0.hasPrefix("# TYPE marketmate_http_requests_total counter") })
            #expect(lines.contains { $0.hasPrefix("# TYPE marketmate_http_request_duration_seconds histogram") })
        }
    }

    @Test("the JWKS has one Ed25519 key whose kid is the kid of issued access tokens")
    func jwks() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/.well-known/jwks.json")
            #expect(response.status == .ok)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let keys = try #require(try response.jsonObject()["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            let key = try #require(keys.first)
            #expect(key["kty"] as? String == "OKP")
            #expect(key["crv"] as? String == "Ed25519")
            #expect(key["alg"] as? String == "EdDSA")
            #expect(key["use"] as? String == "sig")
            #expect(key["d"] == nil, "the private part must never be published")
            let kid = try #require(key["kid"] as? String)
            #expect(!kid.isEmpty)
            let x = try #require(key["x"] as? String)
            #expect(try Base64URL.decode(x).count == 32)

            let auth = try await client.register("jwks@example.com")
            let header = try Base64URL.jsonPart(auth.accessToken, 0)
            #expect(header["kid"] as? String == kid)
            #expect(header["alg"] as? String == "EdDSA")
        }
    }

    @Test("/api/v1/openapi.json is an OpenAPI 3.1.0 document")
    func openAPIDocument() async throws {
        try await TestApp.run(.sqlite) { _, client in
            let response = try await client.request(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
            let doc = try response.jsonObject()
            #expect(doc["openapi"] as? String == "3.1.0")
            let info = try #require(doc["info"] as? [String: Any])
            #expect(info["title"] as? String == "MarketMate API")
            let paths = try #require(doc["paths"] as? [String: Any])
            #expect(!paths.isEmpty)
            // Every $ref points at a schema (or a response header) that exists.
            let components = try #require(doc["components"] as? [String: Any])
            var refs: Set<String> = []
            func collect(_ value: Any) {
                if let object = value as? [String: Any] {
                    if let ref = object["$ref"] as? String { refs.insert(ref) }
                    object.values.forEach(collect)
                } else if let array = value as? [Any] {
                    array.forEach(collect)
                }
            }
            collect(doc)
            #expect(!refs.isEmpty)
            for ref in refs {
                let parts = ref.split(separator: "/").map(String.init)
                #expect(parts.count == 4 && parts[0] == "#" && parts[1] == "components" && ["schemas", "headers"].contains(parts[2]), "\(ref)")
                guard parts.count == 4 else { continue }
                #expect((components[parts[2]] as? [String: Any])?[parts[3]] != nil, "dangling $ref \(ref)")
            }
            // Limited routes document the RateLimit headers and their 429; operations routes do not.
            let me = try #require((paths["/api/v1/users/me"] as? [String: Any])?["get"] as? [String: Any])
            let meResponses = try #require(me["responses"] as? [String: Any])
            let ok = try #require(meResponses["200"] as? [String: Any])
            #expect(Set(((ok["headers"] as? [String: Any]) ?? [:]).keys) == ["RateLimit-Policy", "RateLimit"])
            let tooMany = try #require(meResponses["429"] as? [String: Any])
            #expect(Set(((tooMany["headers"] as? [String: Any]) ?? [:]).keys) == ["RateLimit-Policy", "RateLimit", "Retry-After"])
            let health = try #require(((paths["/healthz"] as? [String: Any])?["get"] as? [String: Any])?["responses"] as? [String: Any])
            #expect(health["429"] == nil)
            #expect((health["200"] as? [String: Any])?["headers"] == nil)
        }
    }

    @Test("every registered route is documented, and every documented operation is registered")
    func openAPICoversRouter() async throws {
        try await TestApp.run(.sqlite) { app, client in
            let router = buildRouter(environment: app.environment)
            let registered = Set(router.routes.compactMap { route -> String? in
                guard route.method != .head, route.method != .options else { return nil }
                return "\(route.method.rawValue.lowercased()) \(Self.normalize(route.path.description))"
            })
            #expect(registered.count >= 10)
            #expect(registered.contains("get /api/v1/users/me"))

            let doc = try await client.request(.get, "/api/v1/openapi.json").jsonObject()
            let paths = try #require(doc["paths"] as? [String: Any])
            let methods: Set<String> = ["get", "put", "post", "delete", "patch", "options", "head", "trace"]
            var documented: Set<String> = []
            for (path, item) in paths {
                let operations = try #require(item as? [String: Any], "\(path)")
                for method in operations.keys where methods.contains(method) {
                    documented.insert("\(method) \(Self.normalize(path))")
                }
            }

            let undocumented = registered.subtracting(documented).sorted()
            let phantom = documented.subtracting(registered).sorted()
            #expect(undocumented.isEmpty, "routes missing from openapi.json: \(undocumented)")
            #expect(phantom.isEmpty, "documented but not served: \(phantom)")
        }
    }

    /// `/shops/:id` and `/shops/{shopId}` compare equal: parameter names do not matter.
    static func normalize(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { segment -> String in
            (segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}"))) ? "{}" : String(segment)
        }
        return "/" + segments.joined(separator: "/")
    }
}
