import Foundation
import HTTPTypes
import Hummingbird
import MarketModels

/// `POST /uploads/products.csv?shopId=` (streamed, 202 with the job id) and
/// `GET /jobs/:id/status`.
struct UploadsController {
    let imports: ProductImportService

    /// Types a CSV arrives as from browsers, curl and spreadsheets; a missing type is
    /// taken as CSV (curl --data-binary sends none of these by default).
    static let csvMediaTypes: Set<String> = [
        "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream",
        "application/x-www-form-urlencoded",
    ]

    func addRoutes(to authenticated: RouterGroup<AppRequestContext>) {
        authenticated.post("uploads/products.csv") { request, context in
            let principal = try context.requirePrincipal()
            if let type = request.headers[.contentType] {
                let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
                guard Self.csvMediaTypes.contains(mediaType) else {
                    throw AppError(.unsupportedMediaType, .unsupportedMediaType, "Send the file as text/csv.")
                }
            }
            let jobID = try await imports.accept(
                request.body, shopID: request.uri.queryParameters["shopId"].map(String.init), principal: principal)
            return try Response.json(
                UploadAcceptedDTO(jobId: jobID), status: .accepted,
                headers: [.location: "/api/v1/jobs/\(jobID.rawValue)/status", .cacheControl: "no-store"])
        }
        authenticated.get("jobs/:id/status") { _, context in
            let status = try await imports.status(try context.parameters.require("id"), principal: try context.requirePrincipal())
            return try Response.json(status, headers: [.cacheControl: "no-store"])
        }
    }
}

extension OpenAPIBuilder {
    mutating func addUploadPaths() {
        schema("UploadAccepted", Self.object([("jobId", Self.string(pattern: "^job_"))], required: ["jobId"]))
        schema("RowError", Self.object([("row", ["type": "integer", "minimum": 1]), ("message", Self.string())], required: ["row", "message"]))
        schema("UploadJobStatus", Self.object([
            ("id", Self.string(pattern: "^job_")),
            ("state", Self.enumeration(UploadJobState.allCases.map(\.rawValue))),
            ("progress", Self.object([("done", ["type": "integer"]), ("total", ["type": ["integer", "null"]])], required: ["done"])),
            ("errors", ["type": "array", "items": Self.ref("RowError")]),
            ("failure", Self.string(nullable: true)),
            ("result", ["type": ["object", "null"], "properties": [
                "created": ["type": "integer"], "updated": ["type": "integer"], "rejected": ["type": "integer"],
            ]]),
            ("createdAt", Self.string(format: "date-time")), ("updatedAt", Self.string(format: "date-time")),
        ], required: ["id", "state", "progress", "errors", "createdAt", "updatedAt"]))
        add(Operation(
            method: "post", path: "/api/v1/uploads/products.csv", tag: "uploads", summary: "Import products from a CSV file (the shop's owner)",
            description: """
                The body is the file itself, streamed to disk (limit: [uploads] csv_max_bytes, 413 past it). Columns: title and price \
                required; handle, description, inventory, category, tags, status, sku and option:<name> optional; rows sharing a \
                handle are one product's variants. The import runs in the background: poll GET /api/v1/jobs/{id}/status.
                """,
            secured: true,
            requestBody: ["required": true, "content": ["text/csv": ["schema": ["type": "string"]]]],
            responses: [
                ("202", "Stored; the job will import it", Self.ref("UploadAccepted")),
                ("400", "shopId missing or malformed, or an empty file", nil), ("403", "Not the shop's owner", nil),
                ("404", "No such shop", nil), ("413", "Larger than the limit", nil), ("415", "Not sent as CSV", nil),
            ],
            parameters: [["name": "shopId", "in": "query", "required": true, "schema": ["type": "string"]]]))
        add(Operation(
            method: "get", path: "/api/v1/jobs/{id}/status", tag: "uploads", summary: "Where an upload's job stands (the uploader and admins)",
            description: "uploaded → processing → done (rows that failed are listed in errors with their row number, the header being row 1) or failed (the file could not be read).",
            secured: true,
            responses: [("200", "The job's status", Self.ref("UploadJobStatus")), ("404", "No such upload job visible to the caller", nil)],
            parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]]))
    }
}
