import Foundation
import Hummingbird
import MarketModels

/// `GET /notifications`, `POST /notifications/:id/read`, `POST /notifications/read-all`:
/// the caller's own feed only.
struct NotificationsController {
    let notifications: NotificationService

    func addRoutes(to authenticated: RouterGroup<AppRequestContext>) {
        authenticated.get("notifications") { request, context in
            let principal = try context.requirePrincipal()
            let page = try PageRequest(request)
            let unreadOnly: Bool
            switch request.uri.queryParameters["unread"].map(String.init) {
            case nil, "false": unreadOnly = false
            case "true": unreadOnly = true
            default: throw AppError.validation(field: "unread", code: "invalid_value", "unread must be true or false.")
            }
            let feed = try await notifications.list(for: principal.userID, page: page, unreadOnly: unreadOnly)
            return try Response.json(feed, headers: [.cacheControl: "no-store"])
        }
        authenticated.post("notifications/read-all") { _, context in
            try await notifications.markAllRead(user: try context.requirePrincipal().userID)
            return Response.noContent()
        }
        authenticated.post("notifications/:id/read") { _, context in
            let principal = try context.requirePrincipal()
            let entry = try await notifications.markRead(try context.parameters.require("id"), user: principal.userID)
            return try Response.json(entry, headers: [.cacheControl: "no-store"])
        }
    }
}

extension OpenAPIBuilder {
    mutating func addNotificationPaths() {
        schema("Notification", Self.object([
            ("id", Self.string(pattern: "^ntf_")),
            ("kind", Self.enumeration(["import.finished", "import.failed", "order.update", "system"])),
            ("title", Self.string()), ("body", Self.string()),
            ("data", ["type": "object", "additionalProperties": ["type": "string"]]),
            ("read", ["type": "boolean"]), ("readAt", Self.string(format: "date-time", nullable: true)),
            ("createdAt", Self.string(format: "date-time")),
        ], required: ["id", "kind", "title", "body", "data", "read", "createdAt"]))
        schema("NotificationPage", Self.object([
            ("items", ["type": "array", "items": Self.ref("Notification")]),
            ("nextCursor", Self.string(nullable: true)),
            ("unreadCount", ["type": "integer", "minimum": 0]),
        ], required: ["items", "nextCursor", "unreadCount"]))
        add(Operation(
            method: "get", path: "/api/v1/notifications", tag: "notifications", summary: "The caller's in-app feed, newest first",
            description: "unreadCount counts the whole feed, not just this page.",
            secured: true, responses: [("200", "A page of notifications", Self.ref("NotificationPage"))],
            parameters: Self.pagingParameters + [
                ["name": "unread", "in": "query", "required": false, "schema": ["type": "string", "enum": ["true", "false"]]],
            ]))
        add(Operation(
            method: "post", path: "/api/v1/notifications/{id}/read", tag: "notifications", summary: "Mark one notification read",
            description: "Marking an entry read twice keeps the first readAt. Another user's entry is 404.",
            secured: true, responses: [("200", "The notification, read", Self.ref("Notification")), ("404", "No such notification", nil)],
            parameters: [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]]))
        add(Operation(
            method: "post", path: "/api/v1/notifications/read-all", tag: "notifications", summary: "Mark every notification of the caller read",
            secured: true, responses: [("204", "Done", nil)]))
    }
}
