import MarketClient
import MarketModels
import TerminalKit

/// The in-app feed (the Inbox tab) and the unread count the header shows beside the cart.
/// The count lives here even when the tab is closed: the shell asks for it at start, after
/// every marking, and every `countInterval` from its tick.
struct NotificationsModel {
    static let pageSize = 50
    /// An idle app asks twice a minute, for a one-item page: cheap for the server, and soon
    /// enough that "your import finished" shows while the vendor still cares.
    static let countInterval: Duration = .seconds(30)

    /// Newest first, as the server sends them.
    var page = PagedItems<NotificationDTO>()
    var list = ListState()
    /// Unread in all, as the server last said; nil until it has.
    var unreadCount: Int?
    /// When the tick next asks for the count; nil until the first check has started.
    var nextCountCheck: ContinuousClock.Instant?
    /// Bumped by every count request and every marking, so a count that left before a
    /// marking landed cannot overwrite the newer number.
    var countGeneration = 0
    /// Notifications being marked read, and "mark all" under way.
    var marking: Set<NotificationID> = []
    var isMarkingAll = false

    /// Something the user asked for is on its way (the periodic count is not: it spins nothing).
    var isBusy: Bool { page.isBusy || !marking.isEmpty || isMarkingAll }

    var selected: NotificationDTO? {
        guard let index = list.selected, page.items.indices.contains(index) else { return nil }
        return page.items[index]
    }

    /// True when the tick should ask for the unread count now.
    func isCountDue(now: ContinuousClock.Instant) -> Bool {
        nextCountCheck.map { now >= $0 } ?? false
    }

    /// Puts the server's copy of one notification in place of the loaded one; the count
    /// goes down at once when it turned read here (the next count request confirms it).
    mutating func replace(_ notification: NotificationDTO) {
        guard let index = page.items.firstIndex(where: { $0.id == notification.id }) else { return }
        if !page.items[index].read, notification.read, let count = unreadCount { unreadCount = max(0, count - 1) }
        page.items[index] = notification
    }
}

public enum NotificationsAction: Sendable {
    case appear
    case refresh
    case loaded(cursor: String?, generation: Int, Result<NotificationPageDTO, any Error>)
    /// Movement keys (already turned into arrows, home, end, page keys).
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    case markRead
    case marked(NotificationID, Result<NotificationDTO, any Error>)
    case markAllRead
    case allMarked(Result<Void, any Error>)
    /// Asks the server for the unread count.
    case checkCount
    case counted(generation: Int, Result<Int, any Error>)
    /// A request failed; the app signs out when the session is gone.
    case failed(any Error)
    /// The app shows a toast.
    case toast(String, ToastKind)
}
