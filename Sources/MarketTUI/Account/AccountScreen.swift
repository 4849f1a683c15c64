import MarketClient
import MarketModels
import TerminalKit

/// The signed-in user's profile, and the ways out: sign out here, sign out everywhere.
struct AccountModel {
    var user: UserDTO
    var isWorking = false
    var message: String?
    var confirm: Confirmation?
    var pendingAction: AccountAction?

    struct Confirmation {
        var title: String
        var message: String
        var buttons: ModalState
    }
}

public enum AccountAction: Sendable {
    case refresh
    case refreshed(Result<UserDTO, any Error>)
    case askLogout
    case askLogoutEverywhere
    case modal(InputEvent)
    case logoutEverywhere
    /// Handled by the app.
    case logout
    case signedOut
    case switchToDemoAccount
}

enum AccountScreen {
    static func update(_ model: inout AccountModel, _ action: AccountAction, env: TUIEnvironment) -> Effect<AccountAction> {
        switch action {
        case .refresh:
            model.isWorking = true
            let client = env.client
            return .run { send in
                do { send(.refreshed(.success(try await client.me()))) } catch { send(.refreshed(.failure(error))) }
            }
        case .refreshed(.success(let user)):
            model.isWorking = false
            model.user = UserDTO.sanitizedForTerminal(user)
            return .none
        case .refreshed(.failure(let error)):
            model.isWorking = false
            model.message = ErrorText.sentence(for: error)
            return .none
        case .askLogout:
            model.confirm = AccountModel.Confirmation(title: "Sign out", message: "Sign out of this terminal?", buttons: ModalState(buttons: ["Sign out", "Cancel"]))
            model.pendingAction = .logout
            return .none
        case .askLogoutEverywhere:
            model.confirm = AccountModel.Confirmation(
                title: "Sign out everywhere",
                message: "Sign out on every device? Every session of \(model.user.email) ends, including this one.",
                buttons: ModalState(buttons: ["Sign out everywhere", "Cancel"]))
            model.pendingAction = .logoutEverywhere
            return .none
        case .modal(let event):
            guard var confirm = model.confirm else { return .none }
            let outcome = confirm.buttons.handle(event)
            model.confirm = confirm
            switch outcome {
            case .chosen(0):
                model.confirm = nil
                let pending = model.pendingAction
                model.pendingAction = nil
                return pending.map { action in .run { send in send(action) } } ?? .none
            case .chosen, .cancelled:
                model.confirm = nil
                model.pendingAction = nil
            default:
                break
            }
            return .none
        case .logoutEverywhere:
            model.isWorking = true
            let client = env.client
            return .run { send in
                do {
                    try await client.logoutAll()
                    send(.signedOut)
                } catch {
                    send(.refreshed(.failure(error)))
                }
            }
        case .logout, .signedOut, .switchToDemoAccount:
            return .none
        }
    }

    static func commands(_ model: AccountModel, demoSwitchTitle: String?) -> [Command<AccountAction>] {
        if let confirm = model.confirm {
            // The shell hands the account screen keys only through its commands (it is no
            // text-entry screen), so while a confirmation is open its buttons are the
            // commands: they come first and win over the shell's own keys, and the footer
            // and help say what answers it. Moves are listed before choose and cancel, so
            // l and h (also bound to open and back) move between the buttons.
            let focused = confirm.buttons.buttons[confirm.buttons.focused]
            return [
                Command("right", "Next button", .modal(.key(KeyPress(.right)))),
                Command("left", "Previous button", .modal(.key(KeyPress(.left)))),
                Command("next-tab", "Next button", .modal(.key(KeyPress(.tab)))),
                Command("prev-tab", "Previous button", .modal(.key(KeyPress(.tab, .shift)))),
                Command("open", "Choose “\(focused)”", .modal(.key(KeyPress(.enter))), footer: focused.lowercased()),
                Command("back", "Cancel", .modal(.key(KeyPress(.escape))), footer: "cancel"),
            ]
        }
        var commands: [Command<AccountAction>] = [
            Command("logout", "Sign out", .askLogout, footer: "sign out"),
            Command("logout-all", "Sign out everywhere", .askLogoutEverywhere, footer: "sign out everywhere"),
            Command("refresh", "Reload the profile", .refresh),
        ]
        if let demoSwitchTitle {
            commands.append(Command("switch-account", demoSwitchTitle, .switchToDemoAccount, footer: "switch demo user"))
        }
        return commands
    }

    static func draw(_ model: AccountModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        let box = area.inset(horizontal: 2, vertical: 1)
        let user = model.user
        let rows: [(String, String)] = [
            ("Name", user.name), ("Email", user.email + (user.verified ? "  (verified)" : "  (not verified)")),
            ("Role", user.role.rawValue), ("Member since", String((RFC3339.string(from: user.createdAt) ?? "").prefix(10))),
        ]
        buffer.write("Your account", in: box, style: theme[.title])
        for (index, row) in rows.enumerated() {
            buffer.write(row.0, in: box, row: index + 2, style: theme[.muted])
            buffer.write(row.1, in: box, row: index + 2, column: 16, style: theme[.text])
        }
        if model.isWorking {
            buffer.write(Spinner(tick: tick).frame + " working…", in: box, row: rows.count + 3, style: theme[.info])
        } else if let message = model.message {
            buffer.write(message, in: box, row: rows.count + 3, style: theme[.error])
        }
        if let confirm = model.confirm {
            Modal(title: confirm.title, message: confirm.message, state: confirm.buttons).render(into: &buffer, area: area, theme: theme)
        }
    }
}
