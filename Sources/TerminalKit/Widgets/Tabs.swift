/// The header line of an app: its title, the screens as tabs with the active one in
/// `theme[.tabActive]`, and a right-aligned status (`Cart 3 · buyer@x`) that stays
/// visible when space runs short; tabs that do not fit are left out around the active
/// one, with "…" where they were.
///
///      MarketMate   Catalog   Cart   Orders             Cart 3 · buyer@x
public struct Tabs: Widget, Hashable, Sendable {
    public var title: String
    public var tabs: [String]
    public var selected: Int
    public var status: String

    public init(title: String = "", tabs: [String], selected: Int, status: String = "") {
        self.title = title
        self.tabs = tabs
        self.selected = selected
        self.status = status
    }

    /// What is drawn where: the title, the tabs shown (index, column, label), the status.
    struct Placement {
        var title = ""
        var tabs: [(index: Int, column: Int, label: String)] = []
        var leftEllipsis: Int?
        var rightEllipsis: Int?
        var status = ""
        var statusColumn = 0
    }

    func placement(width: Int) -> Placement {
        var placement = Placement()
        guard width > 0 else { return placement }
        placement.title = title.isEmpty ? "" : TextLayout.truncate(" " + TextLayout.sanitize(title) + " ", to: width)
        let titleWidth = DisplayWidth.of(placement.title)
        // The status may take what the title leaves, but tabs get at least a third of the
        // line when there is one: knowing where you are beats the e-mail address.
        let statusRoom = max(0, width - titleWidth - (tabs.isEmpty ? 0 : width / 3))
        placement.status = status.isEmpty ? "" : TextLayout.truncate(" " + TextLayout.sanitize(status) + " ", to: statusRoom)
        let statusWidth = DisplayWidth.of(placement.status)
        placement.statusColumn = width - statusWidth

        let labels = tabs.map { " " + TextLayout.sanitize($0) + " " }
        let widths = labels.map { DisplayWidth.of($0) }
        let start = titleWidth + (titleWidth > 0 ? 1 : 0)
        let room = max(0, placement.statusColumn - start)
        guard !tabs.isEmpty else { return placement }
        let active = min(max(0, selected), tabs.count - 1)
        // Grow a window of tabs around the active one, right first, leaving a column for
        // "…" on a side that has tabs cut off.
        var first = active, last = active
        func fits(_ a: Int, _ b: Int) -> Bool {
            let ellipses = (a > 0 ? 1 : 0) + (b < tabs.count - 1 ? 1 : 0)
            return widths[a...b].reduce(0, +) + ellipses <= room
        }
        var grew = true
        while grew {
            grew = false
            if last + 1 < tabs.count, fits(first, last + 1) { last += 1; grew = true }
            if first > 0, fits(first - 1, last) { first -= 1; grew = true }
        }
        var column = start
        if first > 0 { placement.leftEllipsis = column; column += 1 }
        for index in first...last {
            let label = TextLayout.truncate(labels[index], to: max(0, room - (column - start)))
            placement.tabs.append((index, column, label))
            column += DisplayWidth.of(label)
        }
        if last < tabs.count - 1, column < placement.statusColumn { placement.rightEllipsis = column }
        return placement
    }

    /// The tab under column `x` of a header drawn in `area` (for mouse clicks).
    public func tab(atColumn x: Int, in area: Rect) -> Int? {
        let column = x - area.x
        return placement(width: area.width).tabs.first { column >= $0.column && column < $0.column + DisplayWidth.of($0.label) }?.index
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        let header = theme[.header]
        buffer.fill(line, style: header)
        let placement = placement(width: line.width)
        buffer.write(placement.title, in: line, style: header.patched(with: theme[.title]))
        for tab in placement.tabs {
            let style = tab.index == selected ? theme[.tabActive] : header.patched(with: theme[.tab])
            buffer.write(tab.label, in: line, column: tab.column, style: style)
        }
        for column in [placement.leftEllipsis, placement.rightEllipsis].compactMap({ $0 }) {
            buffer.write("…", in: line, column: column, style: header)
        }
        buffer.write(placement.status, in: line, column: placement.statusColumn, style: header)
    }
}
