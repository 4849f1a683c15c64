import MarketModels

/// The cart as the buyer sees it: the server's lines with the buyer's edits on top, shown at
/// once and reconciled with the server as its answers come back, in whatever order.
///
/// Every request gets the next number of one counter, and every line remembers the number
/// of the answer its data came from. The rules:
/// - The newest edit of a line is what shows, from the keypress on (`wanted`).
/// - One edit per line is on the wire at a time (`inFlight`); edits made meanwhile wait and
///   only the newest of them is sent when the answer comes. A quantity is a "set", so the
///   server must see a line's edits in the order they were made, which concurrent requests
///   on separate connections do not promise.
/// - An answer updates a line only if it is newer than what the line shows already, and
///   never a line with an edit of its own under way (that edit's answer settles it). So a
///   late answer never overwrites a newer edit or a newer answer.
/// - A refused edit puts the line back where the server has it; the caller says why.
struct CartBook {
    /// The buyer's newest edit of a line, not yet confirmed.
    struct Edit: Equatable {
        var quantity: Int
        var sequence: Int
    }

    /// What to send for a line (nil when the newest edit is already on its way).
    struct Send: Equatable {
        var itemID: CartItemID
        var quantity: Int
        var sequence: Int
    }

    /// The server's lines, in the server's order, as last confirmed.
    private(set) var lines: [CartItemDTO] = []
    private(set) var shopNames: [ShopID: String] = [:]
    private(set) var wanted: [CartItemID: Edit] = [:]
    private(set) var inFlight: [CartItemID: Int] = [:]
    /// Per line, the number of the answer its data (or its removal) came from.
    private var applied: [CartItemID: Int] = [:]
    /// The number of the newest answer taken in (for shop names and the emptiness of a cart).
    private var newestAnswer = 0
    private var lastSequence = 0
    /// Units added from product pages and not answered yet, counted in the header at once.
    private(set) var pendingAdds = 0
    /// True once a cart has come from the server.
    private(set) var hasLoaded = false

    var isSyncing: Bool { !inFlight.isEmpty || pendingAdds > 0 }

    /// A new request number (loads and adds take one too).
    mutating func nextSequence() -> Int {
        lastSequence += 1
        return lastSequence
    }

    // MARK: What shows

    /// The lines with the buyer's edits applied (removed ones left out).
    var visibleLines: [CartItemDTO] {
        lines.compactMap { line in
            guard let edit = wanted[line.id] else { return line }
            guard edit.quantity > 0 else { return nil }
            var copy = line
            copy.quantity = edit.quantity
            return copy
        }
    }

    /// Units in the cart, edits and adds under way included: the header's count.
    var itemCount: Int { visibleLines.reduce(0) { $0 + $1.quantity } + pendingAdds }

    func isPending(_ id: CartItemID) -> Bool { wanted[id] != nil || inFlight[id] != nil }

    // MARK: Edits

    /// The buyer set a line's quantity (0 removes it). Returns what to send now, if anything.
    mutating func edit(_ id: CartItemID, quantity: Int) -> Send? {
        guard lines.contains(where: { $0.id == id }) else { return nil }
        let sequence = nextSequence()
        wanted[id] = Edit(quantity: quantity, sequence: sequence)
        guard inFlight[id] == nil else { return nil }  // sent when the current one answers
        inFlight[id] = sequence
        return Send(itemID: id, quantity: quantity, sequence: sequence)
    }

    /// The server's answer to edit `sequence` of line `id`: the whole cart after it. Returns
    /// the newer edit to send next, when the buyer made one meanwhile.
    mutating func editAnswered(_ id: CartItemID, sequence: Int, cart: CartDTO) -> Send? {
        take(cart, sequence: sequence, settling: id)
        if inFlight[id] == sequence { inFlight[id] = nil }
        if wanted[id]?.sequence == sequence { wanted[id] = nil }
        return sendWaiting(id)
    }

    /// The server refused edit `sequence` of line `id`: the line goes back to the server's
    /// value, later edits of it included (they were made on top of the refused one).
    mutating func editFailed(_ id: CartItemID, sequence: Int) {
        if inFlight[id] == sequence { inFlight[id] = nil }
        wanted[id] = nil
    }

    private mutating func sendWaiting(_ id: CartItemID) -> Send? {
        guard inFlight[id] == nil, let edit = wanted[id] else { return nil }
        inFlight[id] = edit.sequence
        return Send(itemID: id, quantity: edit.quantity, sequence: edit.sequence)
    }

    // MARK: Loads and adds

    /// Counts `quantity` units at once for an add on its way; returns the request number.
    mutating func beginAdd(quantity: Int) -> Int {
        pendingAdds += quantity
        return nextSequence()
    }

    mutating func addAnswered(quantity: Int, sequence: Int, cart: CartDTO?) {
        pendingAdds = max(0, pendingAdds - quantity)
        if let cart { take(cart, sequence: sequence, settling: nil) }
    }

    /// A whole cart from `GET /cart` (or any answer) numbered `sequence`.
    mutating func loaded(_ cart: CartDTO, sequence: Int) {
        take(cart, sequence: sequence, settling: nil)
    }

    /// After a checkout the server's cart is empty: forget everything, edits included.
    mutating func emptied() {
        let sequence = nextSequence()
        for line in lines { applied[line.id] = sequence }
        lines = []
        wanted = [:]
        inFlight = [:]
        newestAnswer = sequence
    }

    /// Folds an answer in by the rules above. `settling` is the line whose edit it answers:
    /// that line takes the answer even while a newer edit of it waits (the edit stays
    /// on top until its own answer).
    private mutating func take(_ cart: CartDTO, sequence: Int, settling: CartItemID?) {
        hasLoaded = true
        func mayUpdate(_ id: CartItemID) -> Bool {
            if id == settling { return true }
            if isPending(id) { return false }
            return sequence > applied[id, default: 0]
        }
        let incoming = Dictionary(cart.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Lines the answer has and may update; lines it lacks are gone as of it.
        var result: [CartItemDTO] = []
        for line in lines {
            if let fresh = incoming[line.id] {
                result.append(mayUpdate(line.id) ? fresh : line)
            } else if !mayUpdate(line.id) {
                result.append(line)
            }
        }
        let known = Set(lines.map(\.id))
        for line in cart.items where !known.contains(line.id) && sequence > applied[line.id, default: 0] {
            result.append(line)
        }
        for id in Set(incoming.keys).union(known) where mayUpdate(id) {
            applied[id] = max(applied[id, default: 0], sequence)
        }
        // A line the server no longer has cannot be edited any more.
        for id in wanted.keys where !result.contains(where: { $0.id == id }) { wanted[id] = nil }
        lines = result
        if sequence > newestAnswer {
            newestAnswer = sequence
            for shop in cart.shops { shopNames[shop.shopId] = shop.shopName }
        } else {
            for shop in cart.shops where shopNames[shop.shopId] == nil { shopNames[shop.shopId] = shop.shopName }
        }
    }
}
