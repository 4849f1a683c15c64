/// The selection and scroll position of a list (or a table's rows), kept in the app's
/// model. The offset follows the selection: moving never leaves the selected row out of
/// view. Page sizes come from `viewportHeight`, which `handle(_:area:)` keeps up to date
/// from the area the list is drawn in.
public struct ListState: Hashable, Sendable {
    public private(set) var count: Int
    /// The selected index; nil exactly when the list is empty.
    public private(set) var selected: Int?
    /// The first visible row.
    public private(set) var offset: Int
    /// Rows the list shows; pages move by this much.
    public var viewportHeight: Int {
        didSet { keepSelectionVisible() }
    }
    /// Rows one wheel notch scrolls.
    public var wheelStep = 3

    public init(count: Int = 0, selected: Int = 0, viewportHeight: Int = 10) {
        self.count = max(0, count)
        self.selected = count > 0 ? min(max(0, selected), count - 1) : nil
        self.offset = 0
        self.viewportHeight = max(1, viewportHeight)
        keepSelectionVisible()
    }

    /// Call when the items change (a page loaded, a filter applied). The selection stays
    /// on the same index when it still exists, else on the last item.
    public mutating func setCount(_ newCount: Int) {
        count = max(0, newCount)
        if count == 0 {
            selected = nil
        } else {
            selected = min(selected ?? 0, count - 1)
        }
        keepSelectionVisible()
    }

    public mutating func select(_ index: Int) {
        guard count > 0 else { return }
        selected = min(max(0, index), count - 1)
        keepSelectionVisible()
    }

    public mutating func move(by delta: Int) {
        guard let selected else { return }
        select(selected + delta)
    }

    public mutating func selectFirst() { select(0) }
    public mutating func selectLast() { select(count - 1) }

    /// Moves the selection and the view down a page together, so the selected row stays
    /// where it was on screen (as `less` and vim's ctrl-f do).
    public mutating func pageDown() {
        guard let selected else { return }
        let page = max(1, viewportHeight)
        offset = min(maxOffset, offset + page)
        select(selected + page)
    }

    public mutating func pageUp() {
        guard let selected else { return }
        let page = max(1, viewportHeight)
        offset = max(0, offset - page)
        select(selected - page)
    }

    /// Scrolls the view without asking for a new selection (the mouse wheel); the
    /// selection is dragged along only as far as needed to stay visible.
    public mutating func scroll(by delta: Int) {
        guard let selected else { return }
        offset = min(max(0, offset + delta), maxOffset)
        let last = offset + max(1, viewportHeight) - 1
        self.selected = min(max(selected, offset), min(last, count - 1))
    }

    /// True when the selection or the bottom of the view is within `threshold` rows of
    /// the last item: time to fetch the next page for infinite scrolling. An empty list
    /// is at its end.
    public func isNearEnd(threshold: Int = 5) -> Bool {
        guard let selected else { return true }
        let lastVisible = min(count - 1, offset + max(1, viewportHeight) - 1)
        return count - 1 - max(selected, lastVisible) <= max(0, threshold)
    }

    /// The item indices a view `height` rows tall shows. Drawing uses this rather than
    /// `offset` directly so that a stale `viewportHeight` (the terminal was resized, the
    /// app has not told the state yet) still shows the selection.
    public func visibleRange(height: Int) -> Range<Int> {
        guard height > 0, count > 0 else { return 0..<0 }
        var first = min(offset, max(0, count - height))
        if let selected {
            if selected < first { first = selected }
            if selected >= first + height { first = selected - height + 1 }
        }
        return first..<min(count, first + height)
    }

    /// Keys (through `keymap`) and the mouse wheel. Returns true when the event was the
    /// list's. Clicks need to know where the list is: use `handle(_:area:keymap:)`.
    public mutating func handle(_ event: InputEvent, keymap: Keymap = .navigation) -> Bool {
        switch event {
        case .key(let press):
            guard let action = keymap.navigationAction(for: press) else { return false }
            switch action {
            case .up: move(by: -1)
            case .down: move(by: 1)
            case .pageUp: pageUp()
            case .pageDown: pageDown()
            case .first: selectFirst()
            case .last: selectLast()
            case .sortNext, .sortReverse: return false
            }
            return true
        case .mouse(let mouse):
            switch mouse.kind {
            case .wheelUp: scroll(by: -wheelStep)
            case .wheelDown: scroll(by: wheelStep)
            default: return false
            }
            return true
        default:
            return false
        }
    }

    /// Like `handle(_:keymap:)`, for a list drawn in `area`: pages are `area.height` rows,
    /// a click selects the row under it, and the wheel only counts over the list.
    public mutating func handle(_ event: InputEvent, area: Rect, keymap: Keymap = .navigation) -> Bool {
        viewportHeight = max(1, area.height)
        guard case .mouse(let mouse) = event else { return handle(event, keymap: keymap) }
        guard area.contains(x: mouse.x, y: mouse.y) else { return false }
        if mouse.isPrimaryPress {
            let index = visibleRange(height: area.height).lowerBound + (mouse.y - area.y)
            if index < count { select(index) }
            return true
        }
        return handle(event, keymap: keymap)
    }

    private var maxOffset: Int { max(0, count - max(1, viewportHeight)) }

    private mutating func keepSelectionVisible() {
        let height = max(1, viewportHeight)
        if let selected {
            if selected < offset { offset = selected }
            if selected >= offset + height { offset = selected - height + 1 }
        }
        offset = min(max(0, offset), maxOffset)
    }
}
