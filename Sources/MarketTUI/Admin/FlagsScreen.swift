import MarketClient
import MarketModels
import TerminalKit

/// The admin app's Flags tab: every feature flag in force (`GET /admin/flags`), switched on
/// and off and rolled out from here (`PUT /admin/flags/:key`, which applies at once on
/// every server).
struct FlagsModel {
    /// The records as the server sent them. Saving sends a record's definition back with
    /// only the edited field changed, so they are never altered for display: the rows
    /// (`rows`) are sanitized copies of what is drawn.
    var records: [FlagRecord] = []
    var table = TableState(columns: [
        TableColumn("Key", width: .fill(weight: 3, min: 12)),
        TableColumn("Type", width: .fixed(7)),
        TableColumn("State", width: .fixed(5)),
        TableColumn("Rules", width: .fixed(5), alignment: .right),
        TableColumn("Rollout", width: .fixed(9), alignment: .right),
        TableColumn("Source", width: .fixed(8)),
    ])
    var isLoading = false
    var errorMessage: String?
    /// Bumped by every reload; an older reply is dropped.
    var generation = 0
    /// Flags with a save on the way: they take no second change until it is answered.
    var saving: Set<String> = []
    /// The rollout percentage being typed, if the dialog is open.
    var editor: RolloutEditor?

    struct RolloutEditor: Equatable {
        var key: String
        var field: TextFieldState
        var error: String?
    }

    var isBusy: Bool { isLoading || !saving.isEmpty }
    var isTextEntry: Bool { editor != nil }

    var selectedRecord: FlagRecord? {
        guard let index = table.selected, records.indices.contains(index) else { return nil }
        return records[index]
    }

    /// Key, type, on/off, rules, rollout, source: what the table shows, control characters
    /// stripped (keys are validated by the server, but this is still server text).
    var rows: [[String]] {
        records.map { record in
            let definition = record.definition
            return [
                TerminalText.sanitize(record.key), definition.type.rawValue,
                saving.contains(record.key) ? "…" : (definition.enabled ? "on" : "off"),
                String(definition.rules.count), FlagRollout.label(definition), TerminalText.sanitize(record.source),
            ]
        }
    }
}

public enum FlagsAction: Sendable {
    case appear
    case refresh
    case loaded(generation: Int, Result<FlagRecordList, any Error>)
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// Typing in the rollout dialog.
    case edit(InputEvent)
    case toggle
    case editRollout
    case cancelEdit
    case saved(key: String, message: String, Result<FlagRecord, any Error>)
    /// A request failed; the app signs out when the session is gone.
    case failed(any Error)
    /// The app shows a toast.
    case toast(String, ToastKind)
}

enum FlagsScreen {
    static func update(_ model: inout FlagsModel, _ action: FlagsAction, env: TUIEnvironment) -> Effect<FlagsAction> {
        switch action {
        case .appear, .refresh:
            // Every visit reloads: flags change from other admins, servers and the flags file.
            return load(&model, env: env)

        case .loaded(let generation, let result):
            guard generation == model.generation else { return .none }
            model.isLoading = false
            switch result {
            case .success(let list):
                let selectedKey = model.selectedRecord?.key
                model.records = list.flags
                model.errorMessage = nil
                model.table.setRowCount(list.flags.count)
                if let selectedKey, let index = list.flags.firstIndex(where: { $0.key == selectedKey }) { model.table.rows.select(index) }
                return .none
            case .failure(let error):
                model.errorMessage = ErrorText.sentence(for: error)
                return emit(.failed(error))
            }

        case .key(let press):
            _ = model.table.handle(.key(press), keymap: .navigation)
            return .none

        case .mouse(let mouse, let body):
            _ = model.table.handle(.mouse(mouse), area: FlagsView.layout(body).table, keymap: .navigation)
            return .none

        case .toggle:
            guard let record = model.selectedRecord, !model.saving.contains(record.key) else { return .none }
            var definition = record.definition
            definition.enabled.toggle()
            let key = TerminalText.sanitize(record.key)
            var message = "\(key) is now \(definition.enabled ? "on" : "off")"
            if !definition.enabled { message += ": everyone gets its default" }
            return save(&model, record: record, definition: definition, message: message, env: env)

        case .editRollout:
            guard let record = model.selectedRecord, !model.saving.contains(record.key) else { return .none }
            guard FlagRollout.setting(0, in: record.definition) != nil else {
                let key = TerminalText.sanitize(record.key)
                // Only a boolean flag has an obvious value to roll out (the one that is not the default).
                return emit(.toast("No percentage rule to edit: add one with PUT /admin/flags/\(key).", .info))
            }
            let current = FlagRollout.ruleIndex(record.definition).flatMap { record.definition.rules[$0].percentage }.map(FlagRollout.format) ?? ""
            model.editor = FlagsModel.RolloutEditor(key: record.key, field: TextFieldState(text: current, maxLength: 8), error: nil)
            return .none

        case .cancelEdit:
            model.editor = nil
            return .none

        case .edit(let event):
            guard var editor = model.editor else { return .none }
            if case .key(let press) = event, press.modifiers.isEmpty {
                switch press.key {
                case .escape:
                    model.editor = nil
                    return .none
                case .enter:
                    switch FlagRollout.parse(editor.field.text) {
                    case .failure(let problem):
                        editor.error = problem.message
                        model.editor = editor
                        return .none
                    case .success(let percentage):
                        model.editor = nil
                        guard let record = model.records.first(where: { $0.key == editor.key }),
                              let definition = FlagRollout.setting(percentage, in: record.definition) else { return .none }
                        let message = "\(TerminalText.sanitize(record.key)) rolls out to \(FlagRollout.format(percentage)) % of signed-in users"
                        return save(&model, record: record, definition: definition, message: message, env: env)
                    }
                case .character(let c) where !(c.isASCIIDigit || c == "." || c == "%" || c == " "):
                    return .none  // only what a percentage is made of
                default:
                    break
                }
            }
            if case .paste(let text) = event, !text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "%" || $0 == " " }) { return .none }
            if editor.field.handle(event) {
                editor.error = nil
                model.editor = editor
            }
            return .none

        case .saved(let key, let message, .success(let record)):
            model.saving.remove(key)
            if let index = model.records.firstIndex(where: { $0.key == key }) { model.records[index] = record }
            return emit(.toast(message + ".", .success))
        case .saved(let key, _, .failure(let error)):
            model.saving.remove(key)
            return emit(.failed(error), .toast("\(TerminalText.sanitize(key)) was not changed: \(ErrorText.sentence(for: error))", .error))

        case .failed, .toast:
            return .none
        }
    }

    static func load(_ model: inout FlagsModel, env: TUIEnvironment) -> Effect<FlagsAction> {
        model.generation += 1
        model.isLoading = true
        let generation = model.generation, client = env.client
        return .run { send in
            do {
                send(.loaded(generation: generation, .success(try await client.adminFlags())))
            } catch {
                send(.loaded(generation: generation, .failure(error)))
            }
        }
    }

    /// PUT the whole definition, as the admin API takes it; the reply replaces the row.
    static func save(_ model: inout FlagsModel, record: FlagRecord, definition: FlagDefinition, message: String, env: TUIEnvironment) -> Effect<FlagsAction> {
        model.saving.insert(record.key)
        // A flag from the flags file becomes a database definition, which wins over the file.
        let message = record.source == "file" ? message + " (now set in the database, over the flags file)" : message
        let client = env.client, key = record.key
        return .run { send in
            do {
                send(.saved(key: key, message: message, .success(try await client.putFlag(key, definition))))
            } catch {
                send(.saved(key: key, message: message, .failure(error)))
            }
        }
    }

    static func emit(_ actions: FlagsAction...) -> Effect<FlagsAction> { .sending(actions) }

    // MARK: Commands

    static func commands(_ model: FlagsModel) -> [Command<FlagsAction>] {
        if model.editor != nil {
            return [Command("back", "Close without changing the rollout", .cancelEdit, footer: "cancel")]
        }
        var commands: [Command<FlagsAction>] = []
        if let record = model.selectedRecord {
            commands += [
                Command("toggle", record.definition.enabled ? "Switch the selected flag off" : "Switch the selected flag on", .toggle, footer: "on/off"),
                Command("edit", "Edit the selected flag's rollout percentage", .editRollout, footer: "rollout"),
            ]
        }
        commands.append(Command("refresh", "Reload the flags", .refresh, footer: "reload"))
        return commands
    }
}
