import MarketModels
import TerminalKit

/// How the catalog shows products: the table of rows, or a grid of cards. The server's
/// `catalog-layout` feature flag chooses (fetched at start and on every sign-in, the last
/// answer cached for a start without the server); anything else, a missing flag, a value
/// this build does not know or one of another type, gives the list.
public enum CatalogLayout: String, CaseIterable, Sendable {
    case list
    case grid

    public static let flagKey = "catalog-layout"

    public init(flags: EvaluatedFlags) {
        self = CatalogLayout(rawValue: flags.string(Self.flagKey, default: CatalogLayout.list.rawValue)) ?? .list
    }
}

/// The grid's geometry in an area: as many cards of at least `minimumCardWidth` columns
/// as fit side by side, each `cardHeight` lines (the title on up to two, shop, price and
/// stock) with a blank line under it. Update (keys, clicks) and view use the same numbers.
struct CatalogGrid: Equatable {
    static let minimumCardWidth = 24
    static let cardHeight = 4
    /// Lines from one card row to the next (the card and a blank line).
    static let rowPitch = cardHeight + 1

    let area: Rect
    let columns: Int
    let cardWidth: Int
    /// Card rows that fit (at least one).
    let rows: Int

    init(area: Rect) {
        self.area = area
        columns = max(1, (area.width + 1) / (Self.minimumCardWidth + 1))
        cardWidth = max(1, (area.width - (columns - 1)) / columns)
        rows = max(1, (area.height + 1) / Self.rowPitch)
    }

    /// Cards on one screen: pages move by this many.
    var cardsPerPage: Int { columns * rows }

    /// The first card row shown: the list state's scroll position, moved just enough to
    /// show the selected card.
    func firstRow(_ state: ListState) -> Int {
        let first = state.visibleRange(height: cardsPerPage).lowerBound
        var row = first / columns
        if let selected = state.selected {
            let selectedRow = selected / columns
            if selectedRow < row { row = selectedRow }
            if selectedRow >= row + rows { row = selectedRow - rows + 1 }
        }
        return max(0, row)
    }

    /// Where card `index` goes, given the first row shown (nil when it is off screen).
    func cardArea(_ index: Int, firstRow: Int) -> Rect? {
        let row = index / columns - firstRow
        guard row >= 0, row < rows else { return nil }
        let column = index % columns
        let height = min(Self.cardHeight, area.height - row * Self.rowPitch)
        guard height > 0 else { return nil }
        return Rect(x: area.x + column * (cardWidth + 1), y: area.y + row * Self.rowPitch, width: cardWidth, height: height)
    }

    /// The card under a point, if any.
    func index(x: Int, y: Int, firstRow: Int, count: Int) -> Int? {
        guard area.contains(x: x, y: y) else { return nil }
        let row = (y - area.y) / Self.rowPitch
        let column = (x - area.x) / (cardWidth + 1)
        guard column < columns, (y - area.y) % Self.rowPitch < Self.cardHeight, (x - area.x) % (cardWidth + 1) < cardWidth else { return nil }
        let index = (firstRow + row) * columns + column
        return index < count ? index : nil
    }

    /// The selection one card row up or down (`rows` of -1 or 1), or nil at the edge. Down
    /// from a row above the last, where the card below is missing, goes to the last card.
    static func vertical(from selected: Int, rows delta: Int, columns: Int, count: Int) -> Int? {
        let target = selected + delta * columns
        if target >= 0, target < count { return target }
        if delta > 0, (count - 1) / columns > selected / columns { return count - 1 }
        return nil
    }
}

extension CatalogModel {
    /// Sizes the list state for the area the products are drawn in: rows under the table
    /// header for the list, cards for the grid (pages move by a screen of cards).
    mutating func fit(to listArea: Rect) {
        switch layout {
        case .list:
            list.viewportHeight = max(1, listArea.height - 1)
        case .grid:
            let grid = CatalogGrid(area: listArea)
            gridColumns = grid.columns
            list.viewportHeight = grid.cardsPerPage
        }
    }
}
