import FluentKit
import Foundation
import MarketModels

/// One product CSV upload. Its id is its job's id, so `GET /jobs/:id/status` finds both.
/// `state` is `uploaded` until the job settles it as `done` or `failed`; while the job
/// runs, the status reads `processing` and the progress off the job row.
final class ProductImportModel: Model, @unchecked Sendable {
    static let schema = "product_imports"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: String
    @Field(key: "shop_id") var shopID: String
    /// The spooled file's name inside `<data dir>/uploads` (never a path from outside).
    @Field(key: "file_name") var fileName: String
    @Field(key: "file_size") var fileSize: Int64
    @Field(key: "state") var state: String
    /// `ProductImportSummary` as JSON once done.
    @OptionalField(key: "result") var result: String?
    /// Why the file could not be imported, once failed.
    @OptionalField(key: "failure") var failure: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: String, userID: UserID, shopID: ShopID, fileName: String, fileSize: Int, now: Date) {
        self.id = id
        self.userID = userID.rawValue
        self.shopID = shopID.rawValue
        self.fileName = fileName
        self.fileSize = Int64(fileSize)
        self.state = UploadJobState.uploaded.rawValue
        self.createdAt = now
        self.updatedAt = now
    }

    var stateValue: UploadJobState { UploadJobState(rawValue: state) ?? .uploaded }

    var summary: ProductImportSummary? {
        result.flatMap { try? JSONDecoder().decode(ProductImportSummary.self, from: Data($0.utf8)) }
    }
}
