import Testing
import TerminalKit

/// A clock the test moves by hand: toasts take their time from the caller.
struct FakeInstant: InstantProtocol {
    var offset: Duration

    static func seconds(_ n: Int) -> FakeInstant { FakeInstant(offset: .seconds(n)) }
    func advanced(by duration: Duration) -> FakeInstant { FakeInstant(offset: offset + duration) }
    func duration(to other: FakeInstant) -> Duration { other.offset - offset }
    static func < (a: FakeInstant, b: FakeInstant) -> Bool { a.offset < b.offset }
}

@Suite("ToastState and ToastView")
struct ToastTests {
    static func sample() -> ToastState<FakeInstant> {
        var toasts = ToastState<FakeInstant>()
        toasts.show("Added 陶器のマグ to cart", kind: .success, until: .seconds(3))
        toasts.show("Payment failed: card declined by the bank, try another card", kind: .error, now: .seconds(1), for: .seconds(4))
        return toasts
    }

    @Test("toasts go when the caller's clock passes their expiry")
    func expiry() {
        var toasts = Self.sample()
        #expect(toasts.nextExpiry == .seconds(3))
        let expiredEarly = toasts.expire(now: .seconds(2))
        #expect(!expiredEarly)
        #expect(toasts.toasts.count == 2)
        let expiredFirst = toasts.expire(now: .seconds(3))
        #expect(expiredFirst)
        #expect(toasts.toasts.map(\.kind) == [.error])
        #expect(toasts.nextExpiry == .seconds(5))
        let expiredAll = toasts.expire(now: .seconds(9))
        #expect(expiredAll)
        #expect(toasts.isEmpty)
        #expect(toasts.nextExpiry == nil)
    }

    @Test("the same message again refreshes the toast instead of stacking a copy")
    func dedupe() {
        var toasts = Self.sample()
        let id = toasts.show("Added 陶器のマグ to cart", kind: .success, until: .seconds(8))
        #expect(toasts.toasts.count == 2)
        #expect(toasts.toasts.last?.id == id)
        #expect(toasts.toasts.last?.expiresAt == .seconds(8))
        toasts.show("Added 陶器のマグ to cart", kind: .info, until: .seconds(8))
        #expect(toasts.toasts.count == 3)
    }

    @Test("only the newest few show; dismissing removes one or all")
    func visibleAndDismiss() {
        var toasts = ToastState<FakeInstant>(maxVisible: 2)
        let first = toasts.show("one", until: .seconds(5))
        toasts.show("two", until: .seconds(5))
        toasts.show("three", until: .seconds(5))
        #expect(toasts.visible.map(\.message) == ["two", "three"])
        toasts.dismiss(id: first)
        #expect(toasts.toasts.map(\.message) == ["two", "three"])
        toasts.dismissAll()
        #expect(toasts.isEmpty)
    }

    @Test("drawn bottom-right, newest lowest, long messages wrapped")
    func snapshot40x8() {
        // The footer's row (7) is not part of the area.
        let buffer = Snapshot.render(ToastView(state: Self.sample()), width: 40, height: 8, area: Rect(x: 0, y: 0, width: 40, height: 7))
        #expect(buffer.text == """



                        ✓ Added 陶器のマグ to cart

                ✗ Payment failed: card declined by
                  the bank, try another card

            """)
        #expect(Snapshot.marks(buffer, .toastError).split(separator: "\n", omittingEmptySubsequences: false)[5] == "   " + String(repeating: "^", count: 36))
        #expect(Snapshot.marks(buffer, .toast).split(separator: "\n", omittingEmptySubsequences: false)[3] == String(repeating: " ", count: 11) + String(repeating: "^", count: 28))
    }

    @Test("at 80x24: above the footer, toasts no wider than their maximum")
    func snapshot80x24() {
        let buffer = Snapshot.render(ToastView(state: Self.sample()), width: 80, height: 24, area: Rect(x: 0, y: 0, width: 80, height: 23))
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[19] == String(repeating: " ", count: 51) + " ✓ Added 陶器のマグ to cart")
        #expect(lines[21] == String(repeating: " ", count: 39) + " ✗ Payment failed: card declined by the")
        #expect(lines[22] == String(repeating: " ", count: 39) + "   bank, try another card")
        #expect(lines.enumerated().allSatisfy { [19, 21, 22].contains($0.offset) || $0.element.isEmpty })
    }

    @Test("toasts that do not fit vertically are left out, and a very long one is cut at three lines")
    func overflow() {
        var toasts = ToastState<FakeInstant>()
        toasts.show("first", until: .seconds(1))
        toasts.show(String(repeating: "word ", count: 30), until: .seconds(1))
        let buffer = Snapshot.render(ToastView(state: toasts), width: 24, height: 3)
        #expect(buffer.text == """
             i word word word word
               word word word word
               word word word wor…
            """)
    }
}
