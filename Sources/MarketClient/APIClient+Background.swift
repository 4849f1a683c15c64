import Foundation
import MarketModels

/// Background work as the client sees it: uploads that become jobs, the status of those
/// jobs, and the in-app notification feed that says when they are done.
extension APIClient {
    // MARK: Uploads and jobs

    /// Sends a product CSV for `shopID` (the caller's own shop) and returns the job that
    /// will import it. The file is streamed from disk, never read into memory; a missing or
    /// unreadable file is `.unreadableFile` before anything is sent. Past the server's size
    /// limit the answer is 413 (`payloadTooLarge`); another vendor's shop is 404.
    public func uploadProductsCSV(shopID: ShopID, fileURL: URL) async throws(ClientError) -> UploadAcceptedDTO {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: fileURL.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              FileManager.default.isReadableFile(atPath: fileURL.path)
        else { throw .unreadableFile(path: fileURL.path) }
        var call = Call(method: "POST", path: "uploads/products.csv", query: [("shopId", shopID.rawValue)], auth: .required)
        call.bodyFile = fileURL
        call.headers["Content-Type"] = "text/csv"
        return try Self.decode(UploadAcceptedDTO.self, from: try await perform(call))
    }

    /// Where an upload job stands (its uploader or an admin; anyone else gets 404).
    public func jobStatus(id: JobID) async throws(ClientError) -> UploadJobStatusDTO {
        try Self.decode(UploadJobStatusDTO.self, from: try await perform(Call(method: "GET", path: "jobs/\(id.rawValue)/status", auth: .required)))
    }

    // MARK: Notifications

    /// A page of the signed-in user's notifications, newest first, with the number unread
    /// in all (so one small request also refreshes a badge).
    public func notifications(cursor: String? = nil, limit: Int? = nil, unreadOnly: Bool = false) async throws(ClientError) -> NotificationPageDTO {
        let query = Self.pageItems(limit: limit, cursor: cursor, ["unread": unreadOnly ? "true" : nil])
        return try Self.decode(NotificationPageDTO.self, from: try await perform(Call(method: "GET", path: "notifications", query: query, auth: .required)))
    }

    /// Marks one notification read and returns it as it is now (marking twice is harmless).
    public func markNotificationRead(id: NotificationID) async throws(ClientError) -> NotificationDTO {
        try Self.decode(NotificationDTO.self, from: try await perform(Call(method: "POST", path: "notifications/\(id.rawValue)/read", auth: .required)))
    }

    /// Marks every notification of the user read.
    public func markAllNotificationsRead() async throws(ClientError) {
        _ = try await perform(Call(method: "POST", path: "notifications/read-all", auth: .required))
    }
}
