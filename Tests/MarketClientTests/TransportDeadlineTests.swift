import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import MarketClient

/// `URLSessionTransport.abandoning`: the guard that keeps a caller from waiting on an
/// exchange that never ends.
@Suite("Transport deadline")
struct TransportDeadlineTests {
    /// Work that ignores cancellation and would take a minute (suspended, not spinning:
    /// a busy loop would hold one of the few threads every test shares).
    @Sendable static func stubborn() async throws -> Int {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().asyncAfter(deadline: .now() + 60) { done.resume() }
        }
        return 1
    }

    @Test("an answer in time is returned as it is, errors too")
    func answers() async throws {
        #expect(try await URLSessionTransport.abandoning(after: 30) { 42 } == 42)
        await #expect(throws: URLError(.cannotConnectToHost)) {
            try await URLSessionTransport.abandoning(after: 30) { () async throws -> Int in throw URLError(.cannotConnectToHost) }
        }
    }

    @Test("work that never ends is given up at the deadline as a timeout")
    func givesUp() async throws {
        let started = ContinuousClock.now
        await #expect(throws: URLError(.timedOut)) { try await URLSessionTransport.abandoning(after: 0.2, Self.stubborn) }
        // Far less than the work's minute (a loose bound: the point is not waiting for it).
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("cancelling the caller ends the wait at once with CancellationError")
    func cancelled() async throws {
        let waiting = Task { try await URLSessionTransport.abandoning(after: 600, Self.stubborn) }
        try await Task.sleep(for: .milliseconds(100))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
