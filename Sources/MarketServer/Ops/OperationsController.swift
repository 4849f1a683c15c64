import Hummingbird
import Logging

/// `/healthz`, `/ready` and `/metrics`: outside the API prefix, as orchestrators expect.
struct OperationsController {
    let storage: DatabaseSetup
    let metrics: AppMetrics
    let logger: Logger

    struct Health: Codable { var status: String }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in
            try Response.json(Health(status: "ok"), headers: [.cacheControl: "no-store"])
        }
        router.get("ready") { _, _ in
            if await storage.isReady(logger: logger) {
                return try Response.json(Health(status: "ready"), headers: [.cacheControl: "no-store"])
            }
            throw AppError(.serviceUnavailable, .serviceUnavailable, "The database is not reachable or migrations are pending.")
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: .init(string: metrics.exposition())))
        }
    }
}
