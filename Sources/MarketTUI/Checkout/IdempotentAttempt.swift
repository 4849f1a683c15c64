/// The `Idempotency-Key` of one attempt at a write that must not happen twice (placing an
/// order, confirming a payment, a refund).
///
/// The key is made when the attempt is first sent and kept while the body stays the same,
/// so sending again after a lost connection, a timeout, a 5xx or a second Enter is the same
/// attempt to the server, which answers with the first result instead of charging twice.
/// A new key comes only when the server has given its final word (`finish`) or when what
/// is sent changes (another body under an old key would be refused as a conflict).
struct IdempotentAttempt<Body: Equatable> {
    private(set) var key: String?
    private(set) var body: Body?

    /// The key to send `body` with: the kept one when `body` is what it was made for, a new
    /// one from `make` otherwise.
    mutating func key(for body: Body, make: () -> String) -> String {
        if let key, self.body == body { return key }
        let fresh = make()
        key = fresh
        self.body = body
        return fresh
    }

    /// The server answered for good (done, or refused for a reason a retry cannot change):
    /// the next send is a new attempt.
    mutating func finish() {
        key = nil
        body = nil
    }
}
