import FluentKit
import Foundation
import MarketModels

/// Runs a product CSV upload (`catalog.import`): counts the rows for a progress total,
/// imports through `ProductImporter`, then settles the upload as `done` (row errors kept)
/// or `failed` (the file itself is unusable) and tells the uploader with a notification,
/// both in one transaction.
///
/// Idempotent: the importer skips products an earlier attempt committed, a settled upload
/// is not run again, and the notification's id comes from the job's, so a second run
/// cannot write a second one. Errors of the database or the disk are thrown: the queue
/// retries the whole file. The spooled file is removed once the upload is settled.
struct ProductImportJobHandler: JobHandler {
    struct Payload: Codable, Sendable {
        var shopId: ShopID
    }

    static let type = "catalog.import"
    /// One import at a time per worker: it is one long stream of batched writes, and two
    /// would only queue behind each other on SQLite's single writer.
    static let settings = JobSettings(maxAttempts: 3, backoff: .init(base: 5, cap: 300), timeout: .seconds(3600), concurrency: 1)

    let importer: ProductImporter
    let notifications: NotificationService
    let spool: UploadSpool

    func run(_ payload: Payload, context: JobContext) async throws {
        let db = context.database
        guard let upload = try await ProductImportModel.find(context.jobID, on: db) else {
            throw PermanentJobError("no upload row for \(context.jobID)")
        }
        guard upload.stateValue == .uploaded else { return }   // settled by an earlier run
        let path = spool.path(of: upload.fileName)

        let outcome: Outcome
        do {
            let total = try await ProductImporter.countRows(CSVReader(path: path))
            try await context.progress(done: 0, total: total)
            let summary = try await importer.run(
                CSVReader(path: path), shopID: payload.shopId, importID: context.jobID, startedAt: upload.createdAt, totalRows: total
            ) { done, total in
                try? await context.progress(done: done, total: total ?? done)
            }
            outcome = .done(summary)
        } catch let error as ProductImportError {
            outcome = .failed(error.description)
        } catch let error as CSVError {
            outcome = .failed("The file is not a readable CSV file: \(error).")
        }
        try await settle(upload, outcome, context: context)
        spool.remove(path)
    }

    enum Outcome {
        case done(ProductImportSummary)
        case failed(String)
    }

    private func settle(_ upload: ProductImportModel, _ outcome: Outcome, context: JobContext) async throws {
        let now = context.clock.now()
        let draft: NotificationDraft
        switch outcome {
        case .done(let summary):
            upload.state = UploadJobState.done.rawValue
            upload.result = String(decoding: try JSONEncoder.sortedKeys.encode(summary), as: UTF8.self)
            let imported = summary.inserted + summary.alreadyImported
            let rejected = summary.failedRows == 0 ? "" : " \(summary.failedRows) \(summary.failedRows == 1 ? "row was" : "rows were") rejected."
            draft = NotificationDraft(
                userID: UserID(rawValue: upload.userID)!, kind: .importFinished, title: "Import finished",
                body: "\(imported) \(imported == 1 ? "product" : "products") imported.\(rejected)",
                data: ["jobId": upload.id!, "shopId": upload.shopID])
        case .failed(let message):
            upload.state = UploadJobState.failed.rawValue
            upload.failure = message
            draft = NotificationDraft(
                userID: UserID(rawValue: upload.userID)!, kind: .importFailed, title: "Import failed", body: message,
                data: ["jobId": upload.id!, "shopId": upload.shopID])
        }
        upload.updatedAt = now
        let notificationID = Self.notificationID(forJob: upload.id!)
        let created = try await context.database.transaction { tx in
            try await upload.update(on: tx)
            return try await notifications.create(draft, id: notificationID, on: tx)
        }
        if let created { await notifications.published(created) }
    }

    /// The notification of a job: same time and randomness, another prefix. One per job.
    static func notificationID(forJob jobID: String) -> NotificationID {
        NotificationID(ulid: JobID(rawValue: jobID)?.ulid ?? ULIDGenerator.shared.next(at: Date()))
    }
}
