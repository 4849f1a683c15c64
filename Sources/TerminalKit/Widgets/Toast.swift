public enum ToastKind: Hashable, Sendable {
    case info, success, error

    var icon: String {
        switch self {
        case .info: "i"
        case .success: "✓"
        case .error: "✗"
        }
    }
}

/// A short message that goes away by itself.
public struct Toast<Instant: InstantProtocol>: Hashable, Sendable, Identifiable {
    public let id: Int
    public var message: String
    public var kind: ToastKind
    public var expiresAt: Instant
}

/// The toasts on screen, oldest first. Time comes from the caller's clock (any
/// `InstantProtocol`: `ContinuousClock.Instant` in the app, a test clock's in tests), so
/// expiry is a pure function of the `now` the update passes in.
public struct ToastState<Instant: InstantProtocol>: Hashable, Sendable {
    public private(set) var toasts: [Toast<Instant>] = []
    /// How many are drawn at once; older ones wait off-screen until newer ones expire.
    public var maxVisible: Int
    private var nextID = 1

    public init(maxVisible: Int = 3) {
        self.maxVisible = maxVisible
    }

    /// Shows `message` until `expiresAt`. The same message again (same kind) is not
    /// stacked twice: it moves to the newest place with the later expiry.
    @discardableResult
    public mutating func show(_ message: String, kind: ToastKind = .info, until expiresAt: Instant) -> Int {
        if let existing = toasts.firstIndex(where: { $0.message == message && $0.kind == kind }) {
            var toast = toasts.remove(at: existing)
            toast.expiresAt = max(toast.expiresAt, expiresAt)
            toasts.append(toast)
            return toast.id
        }
        let toast = Toast(id: nextID, message: message, kind: kind, expiresAt: expiresAt)
        nextID += 1
        toasts.append(toast)
        return toast.id
    }

    /// Shows `message` for `duration` from `now`.
    @discardableResult
    public mutating func show(_ message: String, kind: ToastKind = .info, now: Instant, for duration: Instant.Duration) -> Int {
        show(message, kind: kind, until: now.advanced(by: duration))
    }

    /// Drops the toasts whose time has come. True when any went (the screen needs a redraw).
    @discardableResult
    public mutating func expire(now: Instant) -> Bool {
        let before = toasts.count
        toasts.removeAll { $0.expiresAt <= now }
        return toasts.count != before
    }

    public mutating func dismiss(id: Int) { toasts.removeAll { $0.id == id } }
    public mutating func dismissAll() { toasts.removeAll() }

    public var isEmpty: Bool { toasts.isEmpty }
    /// The newest `maxVisible`, oldest first (drawn top to bottom).
    public var visible: [Toast<Instant>] { Array(toasts.suffix(max(0, maxVisible))) }
    /// When the next one expires: apps keep ticking until then.
    public var nextExpiry: Instant? { toasts.map(\.expiresAt).min() }
}

/// Draws the visible toasts stacked in the bottom-right corner of `area` (pass the screen
/// above the footer), newest at the bottom, each a padded bar: ` ✓ Added to cart `.
/// Long messages wrap onto up to three lines.
public struct ToastView<Instant: InstantProtocol>: Widget, Hashable, Sendable {
    public var state: ToastState<Instant>
    /// The widest a toast gets, in columns.
    public var maxWidth: Int
    static var maxLines: Int { 3 }

    public init(state: ToastState<Instant>, maxWidth: Int = 44) {
        self.state = state
        self.maxWidth = maxWidth
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let width = min(maxWidth, area.width - 1)  // a column of air at the right edge
        guard width >= 5, area.height > 0 else { return }
        var bottom = area.maxY
        for toast in state.visible.reversed() {
            let textWidth = width - 4  // " ✓ " before, " " after
            var lines = TextLayout.wrap(toast.message, width: textWidth)
            if lines.count > Self.maxLines {
                lines = Array(lines.prefix(Self.maxLines))
                lines[Self.maxLines - 1] = TextLayout.truncate(lines[Self.maxLines - 1] + " …", to: textWidth)
            }
            let used = lines.map { DisplayWidth.of($0) }.max() ?? 0
            let barWidth = used + 4
            let top = bottom - lines.count
            guard top >= area.y else { return }
            let style = toast.kind == .error ? theme[.toastError] : theme[.toast]
            let x = area.maxX - 1 - barWidth
            for (i, line) in lines.enumerated() {
                let prefix = i == 0 ? " \(toast.kind.icon) " : "   "
                let bar = Rect(x: x, y: top + i, width: barWidth, height: 1)
                buffer.fill(bar, style: style)
                buffer.write(prefix + line, in: bar, style: style)
            }
            bottom = top - 1  // a blank row between toasts
        }
    }
}
