import FluentKit
import SQLKit

/// Product CSV imports (one row per upload; its id is the job's) and the in-app
/// notification feed.
struct M007CreateImportsAndNotifications: AsyncMigration {
    var name: String { "M007CreateImportsAndNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProductImportModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references(UserModel.schema, "id"))
            .field("shop_id", .string, .required, .references(ShopModel.schema, "id"))
            .field("file_name", .string, .required)
            .field("file_size", .int64, .required)
            // uploaded until the job settles it as done or failed; `processing` is read off the job.
            .field("state", .string, .required)
            .field("result", .string)
            .field("failure", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.index(on: ProductImportModel.schema, name: "product_imports_user_idx", columns: ["user_id", "id"])

        try await database.schema(NotificationModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references(UserModel.schema, "id"))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("data", .string, .required)
            .field("read_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        // The feed reads a user's newest first; the unread count reads the same index.
        try await database.index(on: NotificationModel.schema, name: "notifications_user_idx", columns: ["user_id", "id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationModel.schema).delete()
        try await database.schema(ProductImportModel.schema).delete()
    }
}
