import TerminalKit

/// What a screen tells the app rather than handling itself: a request failed (the app signs
/// out when the session is gone), or a toast to show. The cart and orders screens carry it
/// as one case, `.report`, so the app handles both screens in one place.
public enum ScreenReport: Sendable {
    case failed(any Error)
    case toast(String, ToastKind)
}
