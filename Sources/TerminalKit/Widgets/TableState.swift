import Foundation

public enum SortDirection: Hashable, Sendable {
    case ascending, descending

    public var reversed: SortDirection { self == .ascending ? .descending : .ascending }
    /// The header marker: ▲ ascending, ▼ descending.
    public var marker: String { self == .ascending ? "▲" : "▼" }
}

public struct TableSort: Hashable, Sendable {
    public var column: Int
    public var direction: SortDirection

    public init(column: Int, direction: SortDirection = .ascending) {
        self.column = column
        self.direction = direction
    }
}

/// One column of a `Table`: its header, how wide it is (a layout constraint: fixed, fill
/// with a minimum, or a percentage), how its cells align, and whether it can be sorted.
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment
    public var isSortable: Bool

    public init(_ title: String, width: Constraint = .fill, alignment: Alignment = .left, sortable: Bool = false) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.isSortable = sortable
    }
}

/// A table's columns, sort order and row selection, kept in the app's model. The state
/// only says how to sort; the app orders its rows (or asks the server to), for example
/// with `sorted(_:)`. Changing the sort moves the selection to the top.
public struct TableState: Hashable, Sendable {
    public var columns: [TableColumn]
    public private(set) var sort: TableSort?
    /// Selection and scrolling of the rows (the header is not a row).
    public var rows: ListState

    /// Columns a marker precedes: the selected row's `▸ `.
    static let markerWidth = 2

    public init(columns: [TableColumn], rowCount: Int = 0, sort: TableSort? = nil) {
        self.columns = columns
        self.sort = sort
        rows = ListState(count: rowCount)
    }

    public var selected: Int? { rows.selected }

    public mutating func setRowCount(_ count: Int) { rows.setCount(count) }

    /// Sorts by `column` (ignored unless it is sortable); nil clears the sort.
    public mutating func sort(by column: Int?, direction: SortDirection = .ascending) {
        guard let column else {
            sort = nil
            rows.selectFirst()
            return
        }
        guard columns.indices.contains(column), columns[column].isSortable else { return }
        sort = TableSort(column: column, direction: direction)
        rows.selectFirst()
    }

    /// The next sortable column, ascending; after the last one, back to unsorted (the
    /// order the data came in, such as search relevance).
    public mutating func cycleSortColumn() {
        let sortable = columns.indices.filter { columns[$0].isSortable }
        guard !sortable.isEmpty else { return }
        if let current = sort?.column, let position = sortable.firstIndex(of: current) {
            sort(by: position + 1 < sortable.count ? sortable[position + 1] : nil)
        } else {
            sort(by: sortable[0])
        }
    }

    /// Flips the direction; with no sort yet, sorts the first sortable column descending.
    public mutating func reverseSort() {
        if let sort {
            self.sort(by: sort.column, direction: sort.direction.reversed)
        } else if let first = columns.indices.first(where: { columns[$0].isSortable }) {
            sort(by: first, direction: .descending)
        }
    }

    /// A click on a header: the sorted column flips, another sortable one becomes the
    /// sort column (ascending).
    public mutating func selectHeader(_ column: Int) {
        if sort?.column == column { reverseSort() } else { sort(by: column) }
    }

    /// Row movement and `s`/`S` sorting (through `keymap`), and the wheel.
    public mutating func handle(_ event: InputEvent, keymap: Keymap = .table) -> Bool {
        if case .key(let press) = event, let action = keymap.navigationAction(for: press) {
            switch action {
            case .sortNext: cycleSortColumn(); return true
            case .sortReverse: reverseSort(); return true
            default: break
            }
        }
        return rows.handle(event, keymap: keymap)
    }

    /// Like `handle(_:keymap:)` for a table drawn in `area`: clicking a header sorts by
    /// it, clicking a row selects it.
    public mutating func handle(_ event: InputEvent, area: Rect, keymap: Keymap = .table) -> Bool {
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if case .mouse(let mouse) = event, mouse.isPrimaryPress, area.height > 0, mouse.y == area.y,
           area.contains(x: mouse.x, y: mouse.y) {
            if let column = columnRects(in: area).firstIndex(where: { $0.contains(x: mouse.x, y: mouse.y) }) {
                selectHeader(column)
            }
            return true
        }
        if case .key = event { rows.viewportHeight = max(1, body.height); return handle(event, keymap: keymap) }
        return rows.handle(event, area: body, keymap: keymap)
    }

    /// Where each column goes in a table drawn in `area` (full height; the header is the
    /// first row). One space separates columns.
    public func columnRects(in area: Rect) -> [Rect] {
        Layout.columns(columns.map(\.width), in: area.droppingLeft(Self.markerWidth), spacing: 1)
    }

    /// The order to show `rows` in: indices into `rows`, stable for equal cells.
    public func sortedIndices(_ rows: [[String]]) -> [Int] {
        guard let sort else { return Array(rows.indices) }
        let column = sort.column
        return rows.indices.sorted { a, b in
            let left = column < rows[a].count ? rows[a][column] : ""
            let right = column < rows[b].count ? rows[b][column] : ""
            switch Self.compare(left, right) {
            case .orderedSame: return a < b
            case .orderedAscending: return sort.direction == .ascending
            case .orderedDescending: return sort.direction == .descending
            }
        }
    }

    public func sorted(_ rows: [[String]]) -> [[String]] { sortedIndices(rows).map { rows[$0] } }

    /// How two cells order: as numbers when both read as one ("$1,200.00", "-3", "15%"),
    /// else as text, case-insensitively with digit runs compared as numbers ("Mug 2" <
    /// "Mug 10").
    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        if let x = numericValue(a), let y = numericValue(b) {
            return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        }
        return a.compare(b, options: [.caseInsensitive, .numeric])
    }

    /// A number with currency signs, grouping commas, spaces and a percent sign ignored.
    static func numericValue(_ text: String) -> Double? {
        let kept = text.unicodeScalars.filter { scalar in
            !(scalar.properties.generalCategory == .currencySymbol || scalar == "," || scalar == "%"
                || scalar.properties.isWhitespace)
        }
        let digits = String(String.UnicodeScalarView(kept))
        guard digits.contains(where: \.isNumber) else { return nil }
        return Double(digits)
    }
}
