import TerminalKit

/// How the vendor and admin tables sort from the keyboard: `s` steps through each sortable
/// column ascending, then the same column descending, then the next column, and after the
/// last one back to the server's order. One key reaches every order, so no second key
/// ("reverse") has to be learned.
extension TableState {
    mutating func stepSort() {
        let sortable = columns.indices.filter { columns[$0].isSortable }
        guard let first = sortable.first else { return }
        guard let sort, let position = sortable.firstIndex(of: sort.column) else {
            self.sort(by: first)
            return
        }
        if sort.direction == .ascending {
            self.sort(by: sort.column, direction: .descending)
        } else if position + 1 < sortable.count {
            self.sort(by: sortable[position + 1])
        } else {
            self.sort(by: nil)
        }
    }

    /// "sorted by Stock ▲", or nil in the server's order.
    var sortLabel: String? {
        guard let sort, columns.indices.contains(sort.column) else { return nil }
        return "sorted by \(columns[sort.column].title) \(sort.direction.marker)"
    }
}
