import Testing
import TerminalKit

@Suite("TableState and Table")
struct TableTests {
    static let columns = [
        TableColumn("Product", width: .fill(min: 8), sortable: true),
        TableColumn("Price", width: .fixed(8), alignment: .right, sortable: true),
        TableColumn("Qty", width: .fixed(4), alignment: .right, sortable: true),
    ]
    static let rows = [
        ["Blue mug", "$12.00", "5"],
        ["陶器のマグカップ大", "$9.50", "12"],
        ["Tea 🍵 set", "$1,250", "0"],
        ["Café crème bowl", "$30.00", "3"],
    ]

    static func sortedTable(by sort: TableSort, selecting row: Int) -> (TableState, [[String]]) {
        var state = TableState(columns: columns, rowCount: rows.count, sort: sort)
        state.rows.select(row)
        return (state, state.sorted(rows))
    }

    @Test("sorted by price: ▲ in the header, numbers compared as numbers, CJK clipped with …")
    func snapshot() {
        let (state, rows) = Self.sortedTable(by: TableSort(column: 1), selecting: 2)
        let buffer = Snapshot.render(Table(rows: rows, state: state), width: 32, height: 5)
        #expect(buffer.text == """
              Product           Price ▲  Qty
              陶器のマグカッ…     $9.50   12
              Blue mug           $12.00    5
            ▸ Café crème bowl    $30.00    3
              Tea 🍵 set         $1,250    0
            """)
        #expect(Snapshot.marks(buffer, .tableHeader) == String(repeating: "^", count: 32) + "\n\n\n\n")
        #expect(Snapshot.marks(buffer, .selection) == "\n\n\n" + String(repeating: "^", count: 32) + "\n")
        #expect(buffer.lines.allSatisfy { DisplayWidth.of($0) == 32 })
    }

    @Test("narrow: the fill column keeps its minimum, later columns give way, cells clip")
    func narrow() {
        let (state, rows) = Self.sortedTable(by: TableSort(column: 1), selecting: 2)
        let buffer = Snapshot.render(Table(rows: rows, state: state), width: 20, height: 5)
        #expect(buffer.text == """
              Product   Price ▲
              陶器の…     $9.50
              Blue mug   $12.00
            ▸ Café cr…   $30.00
              Tea 🍵…    $1,250
            """)
    }

    @Test("at 80x24: descending with ▼, the fill column takes the width")
    func wide80x24() {
        let (state, rows) = Self.sortedTable(by: TableSort(column: 1, direction: .descending), selecting: 2)
        let buffer = Snapshot.render(Table(rows: rows, state: state), width: 80, height: 24)
        let expected = [
            "  Product                                                           Price ▼  Qty",
            "  Tea 🍵 set                                                         $1,250    0",
            "  Café crème bowl                                                    $30.00    3",
            "▸ Blue mug                                                           $12.00    5",
            "  陶器のマグカップ大                                                  $9.50   12",
        ] + [String](repeating: "", count: 19)
        #expect(buffer.text == expected.joined(separator: "\n"))
    }

    @Test("an empty table keeps its header and says so; a one-row area shows just the header")
    func empty() {
        let state = TableState(columns: Self.columns)
        #expect(Snapshot.render(Table(rows: [], state: state, emptyText: "No orders yet"), width: 32, height: 3).text == """
              Product             Price  Qty
              No orders yet

            """)
        #expect(Snapshot.render(Table(rows: Self.rows, state: state), width: 32, height: 1).text == "  Product             Price  Qty")
    }

    @Test("s cycles the sortable columns then back to unsorted; S flips the direction")
    func sortKeys() {
        var state = TableState(columns: Self.columns + [TableColumn("Note")], rowCount: 4)
        var orders: [TableSort?] = []
        for _ in 0..<5 {
            _ = state.handle(.char("s"))
            orders.append(state.sort)
        }
        #expect(orders == [TableSort(column: 0), TableSort(column: 1), TableSort(column: 2), nil, TableSort(column: 0)])
        _ = state.handle(.char("S"))
        #expect(state.sort == TableSort(column: 0, direction: .descending))
        _ = state.handle(.char("S"))
        #expect(state.sort == TableSort(column: 0, direction: .ascending))
        var unsorted = TableState(columns: Self.columns)
        _ = unsorted.handle(.char("S"))
        #expect(unsorted.sort == TableSort(column: 0, direction: .descending))
    }

    @Test("sort order: numeric cells by value, text case-insensitively, ties stable")
    func sortOrder() {
        var state = TableState(columns: Self.columns, rowCount: 4)
        state.sort(by: 1)
        #expect(state.sortedIndices(Self.rows) == [1, 0, 3, 2])
        state.sort(by: 1, direction: .descending)
        #expect(state.sortedIndices(Self.rows) == [2, 3, 0, 1])
        state.sort(by: 0)
        #expect(state.sorted(Self.rows).map { $0[0] } == ["Blue mug", "Café crème bowl", "Tea 🍵 set", "陶器のマグカップ大"])
        state.sort(by: 2)
        #expect(state.sortedIndices(Self.rows) == [2, 3, 0, 1])
        let ties = [["b", "1"], ["a", "1"], ["c", "0"]]
        state.sort(by: 1)
        #expect(state.sortedIndices(ties) == [2, 0, 1])
        #expect(TableState.compare("Mug 2", "Mug 10") == .orderedAscending)
        #expect(TableState.compare("$1,200.00", "$950") == .orderedDescending)
        #expect(TableState.compare("-3", "2") == .orderedAscending)
        #expect(TableState.compare("apple", "Apple") == .orderedSame)
    }

    @Test("only sortable columns sort; a new sort puts the selection back on top")
    func sortingResetsSelection() {
        var state = TableState(columns: [TableColumn("Name"), TableColumn("Price", sortable: true)], rowCount: 10)
        state.rows.select(6)
        state.sort(by: 0)
        #expect(state.sort == nil)
        #expect(state.selected == 6)
        _ = state.handle(.char("s"))
        #expect(state.sort == TableSort(column: 1))
        #expect(state.selected == 0)
    }

    @Test("clicking a header sorts by it, clicking it again flips; clicking a row selects it")
    func clicks() {
        var state = TableState(columns: Self.columns, rowCount: 4)
        let area = Rect(x: 0, y: 3, width: 32, height: 5)
        // Price spans columns 19...26, Qty 28...31, Product 2...17.
        _ = state.handle(.click(x: 22, y: 3), area: area)
        #expect(state.sort == TableSort(column: 1))
        _ = state.handle(.click(x: 26, y: 3), area: area)
        #expect(state.sort == TableSort(column: 1, direction: .descending))
        _ = state.handle(.click(x: 5, y: 3), area: area)
        #expect(state.sort == TableSort(column: 0))
        let consumed = state.handle(.click(x: 18, y: 3), area: area)  // the gap between columns
        #expect(consumed)
        #expect(state.sort == TableSort(column: 0))
        _ = state.handle(.click(x: 10, y: 6), area: area)
        #expect(state.selected == 2)
        _ = state.handle(.press(.down), area: area)
        #expect(state.selected == 3)
        #expect(state.rows.viewportHeight == 4)
    }
}
