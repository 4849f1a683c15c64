import Foundation
import Hummingbird
import MarketModels

/// `GET /api/v1/admin/jobs` and `POST /api/v1/admin/jobs/:id/retry`: admins look at dead
/// (or waiting, running) jobs and put dead ones back in line once the cause is fixed.
struct JobsAdminController {
    let jobs: JobQueue

    /// A job as admins see it. The payload is shown raw: it is what the handler got.
    struct JobDTO: Codable, Sendable {
        var id: String
        var type: String
        var state: String
        var priority: Int
        var attempts: Int
        var maxAttempts: Int
        var runAt: Date
        var lastError: String?
        var uniqueKey: String?
        var progress: JobProgress?
        var payload: String
        var createdAt: Date
        var updatedAt: Date
        var finishedAt: Date?

        static let redacted = "(redacted: this job type carries secrets)"

        init(_ job: JobRecord, registry: JobRegistry) {
            id = job.id
            type = job.type
            state = job.state.rawValue
            priority = job.priority
            attempts = job.attempts
            maxAttempts = job.maxAttempts
            runAt = job.runAt
            lastError = job.lastError
            uniqueKey = job.uniqueKey
            progress = job.progress
            payload = registry.settings(for: job.type).payloadIsSecret ? Self.redacted : job.payload
            createdAt = job.createdAt
            updatedAt = job.updatedAt
            finishedAt = job.finishedAt
        }
    }

    func addRoutes(to admin: RouterGroup<AppRequestContext>) {
        let registry = jobs.registry
        admin.get("admin/jobs") { request, _ in
            let page = try PageRequest(request)
            let query = request.uri.queryParameters
            let rawState = query["state"].map(String.init) ?? JobState.dead.rawValue
            guard let state = JobState(rawValue: rawState) else {
                throw AppError.validation(field: "state", code: "invalid_value", "state must be pending, active, completed, failed or dead.")
            }
            let rows = try await jobs.jobs(in: state, type: query["type"].map(String.init), after: page.after, limit: page.limit + 1)
            return try Response.json(page.page(rows, key: \.id, map: { JobDTO($0, registry: registry) }), headers: [.cacheControl: "no-store"])
        }
        admin.post("admin/jobs/:id/retry") { _, context in
            let id = try context.parameters.require("id")
            guard let job = try await jobs.retry(id: id) else {
                guard try await jobs.job(id: id) != nil else { throw AppError.notFound }
                throw AppError(.conflict, .invalidTransition, "Only dead or failed jobs can be retried.")
            }
            return try Response.json(JobDTO(job, registry: registry), headers: [.cacheControl: "no-store"])
        }
    }
}

extension OpenAPIBuilder {
    mutating func addJobPaths() {
        schema("Job", Self.object([
            ("id", Self.string()), ("type", Self.string()),
            ("state", Self.enumeration(JobState.allCases.map(\.rawValue))),
            ("priority", ["type": "integer"]), ("attempts", ["type": "integer"]), ("maxAttempts", ["type": "integer"]),
            ("runAt", Self.string(format: "date-time")), ("lastError", Self.string(nullable: true)),
            ("uniqueKey", Self.string(nullable: true)),
            ("progress", ["type": ["object", "null"], "properties": ["done": ["type": "integer"], "total": ["type": "integer"]]]),
            ("payload", Self.string(description: "The payload as stored (JSON text).")),
            ("createdAt", Self.string(format: "date-time")), ("updatedAt", Self.string(format: "date-time")),
            ("finishedAt", Self.string(format: "date-time", nullable: true)),
        ], required: ["id", "type", "state", "priority", "attempts", "maxAttempts", "runAt", "payload", "createdAt", "updatedAt"]))
        add(Operation(
            method: "get", path: "/api/v1/admin/jobs", tag: "admin", summary: "List background jobs in one state, dead by default (admins only)",
            secured: true,
            responses: [("200", "A page of jobs", Self.listOf("Job"))],
            parameters: Self.pagingParameters + [
                ["name": "state", "in": "query", "required": false, "schema": Self.enumeration(JobState.allCases.map(\.rawValue))],
                ["name": "type", "in": "query", "required": false, "schema": ["type": "string"]],
            ]))
        add(Operation(
            method: "post", path: "/api/v1/admin/jobs/{id}/retry", tag: "admin", summary: "Put a dead or failed job back in line with fresh attempts (admins only)",
            secured: true,
            responses: [("200", "The job, pending again", Self.ref("Job")), ("404", "No such job", nil), ("409", "The job is not dead or failed", nil)],
            parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]]))
    }
}
