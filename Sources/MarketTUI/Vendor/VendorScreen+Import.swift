import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// Importing products from a CSV file: the path field, the upload, polling the job's
/// status until it finishes (or the vendor leaves), and the result.
extension VendorScreen {
    static func importAction(_ model: inout VendorModel, _ action: VendorAction, env: TUIEnvironment) -> Effect<VendorAction> {
        switch action {
        case .openImport:
            guard let shop = model.importer?.shop ?? model.products?.shop ?? model.selectedShop else { return .none }
            model.importer = ImportModel(shop: shop, path: model.lastImportPath)
            return .none

        case .startImport:
            guard var importer = model.importer, importer.isChoosing else { return .none }
            model.lastImportPath = importer.path.text
            importer.problem = nil
            importer.phase = .uploading
            importer.pollGeneration += 1
            model.importer = importer
            let client = env.client, typed = importer.path.text, shopID = importer.shop.id
            return .run { send in
                switch ImportFile.resolve(typed) {
                case .failure(let problem):
                    send(.importUploaded(.failure(problem)))
                case .success(let url):
                    do { send(.importUploaded(.success(try await client.uploadProductsCSV(shopID: shopID, fileURL: url)))) } catch {
                        send(.importUploaded(.failure(error)))
                    }
                }
            }

        case .importUploaded(.success(let accepted)):
            guard var importer = model.importer, case .uploading = importer.phase else { return .none }
            importer.phase = .running(accepted.jobId, status: nil)
            importer.pollDelay = ImportModel.fastestPoll
            model.importer = importer
            return pollStatus(importer, env: env)
        case .importUploaded(.failure(let error)):
            guard var importer = model.importer, case .uploading = importer.phase else { return .none }
            // Back to the field, with the path kept, so the vendor can fix it.
            importer.phase = .choosing
            importer.problem = (error as? ImportFile.Problem)?.message ?? ErrorText.sentence(for: error)
            model.importer = importer
            return error is ImportFile.Problem ? .none : emit(.failed(error))

        case .pollImport(let generation):
            guard let importer = model.importer, generation == importer.pollGeneration, !importer.isPaused,
                  case .running = importer.phase
            else { return .none }
            return pollStatus(importer, env: env)

        case .importStatus(let generation, let result):
            guard var importer = model.importer, generation == importer.pollGeneration, let id = importer.jobID else { return .none }
            switch result {
            case .success(let answer):
                let status = UploadJobStatusDTO.sanitizedForTerminal(answer)
                guard status.state.isFinished else {
                    let delay = importer.nextPollDelay(after: importer.status, now: status)
                    importer.phase = .running(id, status: status)
                    importer.problem = nil
                    model.importer = importer
                    return .after(milliseconds: delay, .pollImport(generation: generation))
                }
                // No toast: the screen says it all, and polling only runs while it is shown.
                importer.phase = .finished(status)
                importer.problem = nil
                importer.errors = ListState(count: status.errors.count)
                model.importer = importer
                // The shop's products underneath now include the new ones.
                guard model.products?.shop.id == importer.shop.id, status.state == .done else { return .none }
                return loadProducts(&model, env: env)
            case .failure(let error):
                importer.phase = .stalled(id, status: importer.status)
                importer.problem = ErrorText.sentence(for: error)
                model.importer = importer
                return emit(.failed(error))
            }

        case .disappear:
            // Nobody is watching: stop asking until the tab is back (the notification
            // feed says when the job is done).
            guard var importer = model.importer, case .running = importer.phase else { return .none }
            importer.isPaused = true
            importer.pollGeneration += 1
            model.importer = importer
            return .none

        default:
            return .none
        }
    }

    /// Asks for the status again: after the tab comes back, or ctrl-r after a failed request.
    static func resumeImport(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var importer = model.importer, let id = importer.jobID else { return .none }
        switch importer.phase {
        case .running where importer.isPaused, .stalled:
            importer.isPaused = false
            importer.pollGeneration += 1
            importer.pollDelay = ImportModel.fastestPoll
            importer.phase = .running(id, status: importer.status)
            model.importer = importer
            return pollStatus(importer, env: env)
        default:
            return .none
        }
    }

    static func pollStatus(_ importer: ImportModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard let id = importer.jobID else { return .none }
        let client = env.client, generation = importer.pollGeneration
        return .run { send in
            do { send(.importStatus(generation: generation, .success(try await client.jobStatus(id: id)))) } catch {
                send(.importStatus(generation: generation, .failure(error)))
            }
        }
    }

    /// Keys while the path field has the keyboard: enter or save uploads, esc closes.
    static func importInput(_ model: inout VendorModel, _ event: InputEvent, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var importer = model.importer, importer.isChoosing else { return .none }
        if case .key(let press) = event {
            if press == KeyPress(.enter) || env.keymap.matches(press, "save") { return importAction(&model, .startImport, env: env) }
            if press == KeyPress(.escape) { return back(&model) }
        }
        if importer.path.handle(event) {
            importer.problem = nil
            model.importer = importer
        }
        return .none
    }

    static func importCommands(_ importer: ImportModel) -> [Command<VendorAction>] {
        switch importer.phase {
        case .choosing:
            return [
                Command("save", "Upload the file and import it", .startImport, footer: "upload"),
                Command("back", "Close the import", .back, footer: "cancel"),
            ]
        case .uploading:
            return []
        case .running:
            return [Command("back", "Close (the import goes on on the server)", .back, footer: "close")]
        case .stalled:
            return [
                Command("refresh", "Ask for the import's status again", .refresh, footer: "retry"),
                Command("back", "Close (the import goes on on the server)", .back, footer: "close"),
            ]
        case .finished:
            return [
                Command("import", "Import another file into \(importer.shop.name)", .openImport, footer: "import another"),
                Command("back", "Close the import", .back, footer: "close"),
            ]
        }
    }
}
