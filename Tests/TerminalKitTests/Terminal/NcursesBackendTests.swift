import Foundation
import Testing
@testable import TerminalKit

/// The real ncurses backend on a pseudo-terminal: what it writes and what it reads, with
/// no real terminal involved (the tests run without one in CI). Serialized: signals and
/// ncurses' screen are per process, so only one backend can exist at a time.
@Suite("ncurses backend on a pty", .serialized)
struct NcursesBackendTests {
    @Test("a frame with ASCII, CJK and emoji reaches the terminal; an identical frame sends almost nothing")
    func presentsText() throws {
        let pty = try PseudoTerminal(width: 40, height: 8)
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        #expect(backend.size == Size(width: 40, height: 8))
        _ = pty.takeOutput()

        var frame = CellBuffer(width: 40, height: 8)
        frame.write("Hello, market", x: 0, y: 0, style: Style(foreground: .green, bold: true))
        frame.write("陶器 mug", x: 2, y: 2)
        frame.write("☕ coffee 👍🏽", x: 0, y: 4, style: Style(foreground: .rgb(250, 128, 114)))
        backend.present(frame, cursor: nil)
        let first = String(decoding: pty.takeOutput(), as: UTF8.self)
        #expect(first.contains("Hello, market"))
        #expect(first.contains("陶器 mug"))
        #expect(first.contains("☕ coffee"))

        backend.present(frame, cursor: nil)
        let again = pty.takeOutput()
        print("identical frame: \(again.count) bytes")
        #expect(again.count <= 8)
    }

    @Test("moving a highlighted row rewrites only the two rows")
    func selectionMove() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        func frame(selected: Int) -> CellBuffer {
            var buffer = CellBuffer(width: 80, height: 24)
            buffer.write(" MarketMate  Browse  Cart (2)  Orders", x: 0, y: 0, style: Style(foreground: .brightWhite, background: .blue))
            for row in 0..<20 {
                let line = String(format: " %-40@ %8@  %@", "Handmade ceramic mug no. \(row)" as NSString, "$\(12 + row).50" as NSString, "★★★★☆" as NSString)
                let style = row == selected ? Style(foreground: .black, background: .cyan, bold: true) : Style.plain
                buffer.fill(Rect(x: 0, y: 2 + row, width: 80, height: 1), style: style)
                buffer.write(line, x: 0, y: 2 + row, style: style)
            }
            return buffer
        }
        backend.present(frame(selected: 3), cursor: nil)
        let full = pty.takeOutput().count
        backend.present(frame(selected: 4), cursor: nil)
        let moved = pty.takeOutput().count
        print("full frame: \(full) bytes, selection move: \(moved) bytes")
        #expect(moved > 0)
        #expect(moved < 400)
    }

    @Test("keys, Alt chords, mouse and pastes typed into the terminal come back as events")
    func input() throws {
        let pty = try PseudoTerminal()
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }

        pty.send("\u{1B}[A")
        #expect(collect(backend, count: 1) == [.key(KeyPress(.up))])
        pty.send("\u{1B}x")
        #expect(collect(backend, count: 1) == [.key(.alt("x"))])
        pty.send("\u{1B}[<0;5;3M")
        #expect(collect(backend, count: 1) == [.mouse(MouseEvent(kind: .press(button: 0), x: 4, y: 2))])
        pty.send("\u{1B}[200~two\r\nlines \u{1B}[B\u{1B}[201~")
        #expect(collect(backend, count: 1) == [.paste("two\nlines \u{1B}[B")])
        pty.send("q\r\u{03}")
        #expect(collect(backend, count: 3) == [.key(.char("q")), .key(KeyPress(.enter)), .key(.ctrl("c"))])
    }

    @Test("a lone Esc arrives after the short Esc timeout")
    func loneEscape() throws {
        let pty = try PseudoTerminal()
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        let start = ContinuousClock.now
        pty.send([0x1B])
        let events = collect(backend, count: 1)
        let elapsed = ContinuousClock.now - start
        print("lone Esc delivered after \(elapsed)")
        #expect(events == [.key(KeyPress(.escape))])
        // Well under ncurses' own one-second ESCDELAY, with room for a loaded machine
        // (the backend's timeout is 25 ms).
        #expect(elapsed < .milliseconds(700))
    }

    @Test("wake() from another thread ends a long poll")
    func wake() throws {
        let pty = try PseudoTerminal()
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        let box = UncheckedBox(backend)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            box.value.wake()
        }
        let start = ContinuousClock.now
        #expect(backend.poll(timeout: 5_000).isEmpty)
        #expect(ContinuousClock.now - start < .seconds(4))  // the poll's own limit is 5 s
    }

    @Test("a window resize becomes a resize event with the new size")
    func resize() throws {
        let pty = try PseudoTerminal(width: 80, height: 24)
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        try pty.resize(width: 100, height: 30)
        #expect(collect(backend, count: 1) == [.resize(Size(width: 100, height: 30))])
        #expect(backend.size == Size(width: 100, height: 30))
        // Frames of the new size draw without trouble, up to the last row and column
        // (ncurses switches auto-wrap off around the very last cell, so it is left out of
        // the text compared).
        var frame = CellBuffer(width: 100, height: 30)
        frame.write("bottom right", x: 88, y: 29)
        backend.present(frame, cursor: Point(x: 3, y: 3))
        #expect(String(decoding: pty.takeOutput(), as: UTF8.self).contains("bottom righ"))
    }

    @Test("SIGHUP and SIGTERM become .terminate", arguments: [SIGHUP, SIGTERM, SIGINT])
    func terminate(signal: Int32) throws {
        let pty = try PseudoTerminal()
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        // Safe in process: while the backend lives, its handler only writes to a pipe.
        raiseOnThreadOfItsOwn(signal)
        #expect(collect(backend, count: 1) == [.terminate])
    }

    @Test("shutdown restores the terminal's settings and modes")
    func shutdownRestores() throws {
        let pty = try PseudoTerminal()
        let before = try termios(of: pty.slave)
        let backend = try pty.makeBackend()
        let during = try termios(of: pty.slave)
        #expect(!same(before, during), "ncurses should have set raw mode")
        _ = pty.takeOutput()
        backend.shutdown()
        backend.shutdown()  // idempotent
        #expect(same(before, try termios(of: pty.slave)))
        let output = String(decoding: pty.takeOutput(), as: UTF8.self)
        #expect(output.contains("\u{1B}[?1000l") && output.contains("\u{1B}[?2004l"))
        #expect(output.contains("\u{1B}[?1049l"), "alternate screen left")
        // The terminal can be taken again.
        let second = try pty.makeBackend()
        second.shutdown()
    }

    @Test("Ctrl-Z gives the terminal back while stopped and redraws after")
    func suspend() throws {
        let pty = try PseudoTerminal()
        let original = try termios(of: pty.slave)
        let backend = try pty.makeBackend()
        defer { backend.shutdown() }
        backend.suspendsOnControlZ = true
        _ = pty.takeOutput()
        nonisolated(unsafe) var whileStopped: (restored: Bool, output: String)?
        backend.stopProcess = {
            whileStopped = (same(original, (try? termios(of: pty.slave)) ?? original) , String(decoding: pty.takeOutput(), as: UTF8.self))
        }
        pty.send([0x1A])
        #expect(collect(backend, count: 1) == [.resize(backend.size)])
        #expect(whileStopped?.restored == true)
        #expect(whileStopped?.output.contains("\u{1B}[?1000l") == true)
        #expect(!same(original, try termios(of: pty.slave)), "raw mode again after resuming")
        #expect(String(decoding: pty.takeOutput(), as: UTF8.self).contains("\u{1B}[?1000h"))
    }

    @Test("one backend at a time; not a terminal is an error")
    func refusals() throws {
        let pty = try PseudoTerminal()
        let backend = try pty.makeBackend()
        #expect(throws: TerminalError.busy) { try pty.makeBackend() }
        backend.shutdown()
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(throws: TerminalError.notATerminal(fd: fds[1])) { try NcursesBackend(input: fds[0], output: fds[1]) }
    }

    @Test("unknown terminal types are an error, not an exit")
    func unknownTerminal() throws {
        let pty = try PseudoTerminal()
        #expect(throws: TerminalError.unknownTerminal("no-such-terminal-mm")) {
            try pty.makeBackend(environment: ["TERM": "no-such-terminal-mm"])
        }
        // And nothing was left half-installed.
        try pty.makeBackend().shutdown()
    }

    @Test("colour depth follows terminfo and the environment", arguments: [
        ([:], ColorDepth.indexed256), (["NO_COLOR": "1"], .none),
        (["COLORTERM": "truecolor"], .indexed256), (["TERM": "xterm"], .ansi8),
    ] as [([String: String], ColorDepth)])
    func colourDepth(environment: [String: String], expected: ColorDepth) throws {
        let pty = try PseudoTerminal()
        let backend = try pty.makeBackend(environment: environment)
        defer { backend.shutdown() }
        #expect(backend.colorDepth == expected)
        var frame = CellBuffer(width: 80, height: 24)
        frame.write("colour", x: 0, y: 0, style: Style(foreground: .rgb(10, 200, 30), background: .indexed(236)))
        backend.present(frame, cursor: nil)
        let output = String(decoding: pty.takeOutput(), as: UTF8.self)
        #expect(output.contains("colour"))
        if expected == .none { #expect(!output.contains("[38;5;") && !output.contains("[32m")) }
    }
}

/// Polls until `count` events came (or a second passed).
/// Events until `count` have come, or 10 s: every caller expects events, so the wait ends
/// as soon as they arrive; the long limit is for a machine loaded by the parallel suites
/// (one second was missed once in CI, with the signal on its way).
private func collect(_ backend: NcursesBackend, count: Int, within limit: Duration = .seconds(10)) -> [InputEvent] {
    var events: [InputEvent] = []
    let deadline = ContinuousClock.now + limit
    while events.count < count, ContinuousClock.now < deadline {
        events += backend.poll(timeout: 100)
    }
    return events
}

/// Raises `signal` on a new thread that does not block it, and returns once its handler ran.
/// The whole suite shares one process: its pool threads block termination signals (libdispatch
/// does), so a process-directed signal may wait for, or be taken by, a thread of another suite;
/// a signal sent to a thread, to itself, with the signal unblocked, runs the handler there.
private func raiseOnThreadOfItsOwn(_ signal: Int32) {
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        pthread_kill(pthread_self(), signal)
        done.signal()
    }
    done.wait()
}

private struct TermiosError: Error {}

private func termios(of fd: Int32) throws -> Glibc.termios {
    var settings = Glibc.termios()
    guard tcgetattr(fd, &settings) == 0 else { throw TermiosError() }
    return settings
}

private func same(_ a: Glibc.termios, _ b: Glibc.termios) -> Bool {
    withUnsafeBytes(of: a) { left in withUnsafeBytes(of: b) { right in left.elementsEqual(right) } }
}

private final class UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
