import MarketClient
import MarketModels
import TerminalKit

/// The vendor's side: my shops, their products, the product editor and stock.
struct VendorModel {
    var ownerID: UserID?
    var isBusy = false
    var isTextEntry: Bool { false }
}

public enum VendorAction: Sendable {
    case appear(ownerID: UserID)
    case edit(InputEvent)
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// A request failed; the app signs out when the session is gone.
    case failed(any Error)
    /// The app shows a toast.
    case toast(String, ToastKind)
}

enum VendorScreen {
    static func update(_ model: inout VendorModel, _ action: VendorAction, env: TUIEnvironment) -> Effect<VendorAction> {
        switch action {
        case .appear(let ownerID):
            model.ownerID = ownerID
            return .none
        default:
            return .none
        }
    }

    static func commands(_ model: VendorModel) -> [Command<VendorAction>] { [] }

    static func draw(_ model: VendorModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        buffer.write("My shops", in: area, row: 1, column: 2, style: theme[.title])
        return nil
    }
}
