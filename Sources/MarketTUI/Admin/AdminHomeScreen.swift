import MarketClient
import MarketModels
import TerminalKit

/// The admin home: users and shops.
struct AdminHomeModel {
    var isBusy = false
    var isTextEntry: Bool { false }
}

public enum AdminHomeAction: Sendable {
    case appear
    case edit(InputEvent)
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// A request failed; the app signs out when the session is gone.
    case failed(any Error)
    /// The app shows a toast.
    case toast(String, ToastKind)
}

enum AdminHomeScreen {
    static func update(_ model: inout AdminHomeModel, _ action: AdminHomeAction, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        switch action {
        case .appear:
            return .none
        default:
            return .none
        }
    }

    static func commands(_ model: AdminHomeModel) -> [Command<AdminHomeAction>] { [] }

    static func draw(_ model: AdminHomeModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        buffer.write("Users and shops", in: area, row: 1, column: 2, style: theme[.title])
        return nil
    }
}
