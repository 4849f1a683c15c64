import Foundation
import MarketModels

/// What `+`/`-` and "set stock" change: a product's own stock, or one variant's.
struct StockKey: Hashable {
    var productID: ProductID
    var variantID: VariantID?
}

/// Optimistic stock: every `+` goes to the server at once and shows at once, and the
/// server's answers are folded back in as they come, in whatever order they come.
///
/// Per key it keeps the newest server answer (`confirmed`) and the changes still under
/// way. The number shown is the confirmed one plus the changes sent after it. "Newest" is
/// the server's order, not ours: each answer carries the product's `updatedAt`, stamped
/// under the row lock that serialises stock moves, so the answer with the latest stamp
/// is the latest state even when two answers overtake each other on the way back (our
/// request number breaks ties). A failed change is simply dropped, which puts the number
/// back where the server has it.
struct StockBook {
    struct Stamp: Comparable {
        var updatedAt: Date
        var sequence: Int

        static func < (a: Stamp, b: Stamp) -> Bool {
            (a.updatedAt, a.sequence) < (b.updatedAt, b.sequence)
        }
    }

    struct Track {
        var confirmed: Int?
        var confirmedStamp: Stamp?
        /// Request number → delta, for requests not answered yet.
        var pending: [Int: Int] = [:]

        /// Changes the confirmed answer does not include yet: those sent after the request
        /// it answered (earlier ones reached the server first, so they are in it).
        var unconfirmedDelta: Int {
            let after = confirmedStamp?.sequence ?? 0
            return pending.filter { $0.key > after }.values.reduce(0, +)
        }
    }

    private(set) var tracks: [StockKey: Track] = [:]
    private var lastSequence = 0

    var hasPending: Bool { tracks.values.contains { !$0.pending.isEmpty } }

    func isPending(_ key: StockKey) -> Bool { !(tracks[key]?.pending.isEmpty ?? true) }

    /// The number to show for `key`, given what the loaded product says.
    func display(_ key: StockKey, loaded: Int) -> Int {
        guard let track = tracks[key] else { return loaded }
        return (track.confirmed ?? loaded) + track.unconfirmedDelta
    }

    /// Records a change about to be sent; returns its request number.
    mutating func begin(_ key: StockKey, delta: Int) -> Int {
        lastSequence += 1
        tracks[key, default: Track()].pending[lastSequence] = delta
        return lastSequence
    }

    /// Folds in the server's answer to request `sequence`: `value` is the key's stock after
    /// it, as of `updatedAt`. Returns true when the answer is the newest seen for the key.
    @discardableResult
    mutating func answered(_ key: StockKey, sequence: Int, value: Int, updatedAt: Date) -> Bool {
        guard var track = tracks[key] else { return false }
        track.pending[sequence] = nil
        let stamp = Stamp(updatedAt: updatedAt, sequence: sequence)
        let isNewest = track.confirmedStamp.map { stamp > $0 } ?? true
        if isNewest {
            track.confirmed = value
            track.confirmedStamp = stamp
        }
        tracks[key] = track
        return isNewest
    }

    /// Drops a change the server refused.
    mutating func failed(_ key: StockKey, sequence: Int) {
        tracks[key]?.pending[sequence] = nil
    }

    /// Forgets keys with nothing under way. The caller has put the newest answers into its
    /// loaded products by then, so those are the truth again.
    mutating func dropSettled() {
        tracks = tracks.filter { !$0.value.pending.isEmpty }
    }

    /// After a reload: the fresh list is newer than any answer already in, so only keys
    /// with changes under way are kept, and their stale confirmed values are dropped.
    mutating func reloaded() {
        tracks = tracks.compactMapValues { track in
            guard !track.pending.isEmpty else { return nil }
            var kept = track
            kept.confirmed = nil
            kept.confirmedStamp = nil
            return kept
        }
    }
}
