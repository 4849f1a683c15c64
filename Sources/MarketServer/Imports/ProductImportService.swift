import FluentKit
import Foundation
import MarketModels
import NIOCore

/// Accepts product CSV uploads and answers where they stand.
struct ProductImportService: Sendable {
    let shops: ShopService
    let jobs: JobQueue
    let spool: UploadSpool
    let database: @Sendable () -> any Database
    let clock: any AppClock

    /// Streams `body` to disk, then records the upload and enqueues its job in one
    /// transaction: a job exists exactly when its upload row does. The shop's owner only,
    /// as for creating one product.
    func accept<Body: AsyncSequence>(_ body: Body, shopID rawShopID: String?, principal: Principal) async throws -> JobID
    where Body.Element == ByteBuffer {
        guard let rawShopID, !rawShopID.isEmpty else {
            throw AppError.validation(field: "shopId", code: "required", "shopId names the shop to import into.")
        }
        guard ShopID(rawValue: rawShopID) != nil else {
            throw AppError.validation(field: "shopId", code: "invalid_value", "shopId must be a shop id (shp_…).")
        }
        let shop = try await shops.find(rawShopID, principal: principal)
        guard shop.ownerID == principal.userID.rawValue else {
            throw AppError(.forbidden, .forbidden, "Only the shop's owner can import products into it.")
        }
        let shopID = ShopID(rawValue: shop.id!)!
        let now = clock.now()
        let stored: UploadSpool.File
        do {
            stored = try await spool.store(body, name: ULIDGenerator.shared.next(at: now).description.lowercased())
        } catch let error as UploadSpool.Error {
            throw error.appError
        }
        guard stored.size > 0 else {
            spool.remove(stored.path)
            throw AppError.validation(field: "body", code: "required", "The file is empty: the first row must name the columns.")
        }
        do {
            let job = try await database().transaction { tx in
                let job = try await jobs.enqueue(ProductImportJobHandler.self, payload: .init(shopId: shopID), on: tx)
                try await ProductImportModel(
                    id: job.id, userID: principal.userID, shopID: shopID, fileName: (stored.path as NSString).lastPathComponent,
                    fileSize: stored.size, now: now
                ).create(on: tx)
                return job
            }
            return JobID(rawValue: job.id)!
        } catch {
            spool.remove(stored.path)
            throw error
        }
    }

    /// `GET /jobs/:id/status`: the uploader's and admins' view of an upload; anyone else,
    /// and ids that are not uploads, get 404.
    func status(_ rawID: String, principal: Principal) async throws -> UploadJobStatusDTO {
        guard let id = JobID(rawValue: rawID), let upload = try await ProductImportModel.find(id.rawValue, on: database()),
              upload.userID == principal.userID.rawValue || principal.role == .admin
        else { throw AppError(.notFound, .notFound, "No such job.") }
        let job = try await jobs.job(id: id.rawValue)
        return Self.status(of: upload, job: job)
    }

    /// Folds the upload row (final states, results) and the job row (running, progress,
    /// a job that gave up) into the contract's four states.
    static func status(of upload: ProductImportModel, job: JobRecord?) -> UploadJobStatusDTO {
        let id = JobID(rawValue: upload.id!)!
        let progress = JobProgressDTO(done: job?.progress?.done ?? 0, total: job?.progress?.total)
        switch upload.stateValue {
        case .done:
            let summary = upload.summary ?? ProductImportSummary()
            return UploadJobStatusDTO(
                id: id, state: .done, progress: JobProgressDTO(done: summary.rows, total: summary.rows),
                errors: summary.errors.map { RowErrorDTO(row: $0.row, message: $0.message) },
                result: ImportResultDTO(created: summary.inserted, updated: summary.alreadyImported, rejected: summary.failedRows),
                createdAt: upload.createdAt, updatedAt: upload.updatedAt)
        case .failed:
            return UploadJobStatusDTO(
                id: id, state: .failed, progress: progress, errors: [], failure: upload.failure,
                createdAt: upload.createdAt, updatedAt: upload.updatedAt)
        case .uploaded, .processing:
            let updated = max(upload.updatedAt, job?.updatedAt ?? upload.updatedAt)
            switch job?.state {
            case .dead?, nil:
                // The job gave up (its attempts ran out on errors of the server, not the
                // file). Its error text is for operators; the uploader gets a sentence.
                return UploadJobStatusDTO(
                    id: id, state: .failed, progress: progress, errors: [],
                    failure: "The import could not be completed because of a server problem; an administrator can retry it.",
                    createdAt: upload.createdAt, updatedAt: updated)
            case .pending? where (job?.attempts ?? 0) == 0:
                return UploadJobStatusDTO(id: id, state: .uploaded, progress: progress, errors: [], createdAt: upload.createdAt, updatedAt: updated)
            default:
                // Running, waiting to retry, or finished a moment before the row settled.
                return UploadJobStatusDTO(id: id, state: .processing, progress: progress, errors: [], createdAt: upload.createdAt, updatedAt: updated)
            }
        }
    }
}
