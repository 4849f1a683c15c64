import CNcurses
import Foundation

/// Input, signals and job control: one `poll()` over the terminal, the wake pipe and the
/// signal pipe, so a key, a finished effect and a resize all end the wait at once.
extension NcursesBackend {
    /// Longest silence inside a bracketed paste before it is taken as complete (its end
    /// marker lost), so the keyboard cannot stay captured by a broken paste.
    static let pasteTimeout: Duration = .seconds(1)

    /// Thread-safe: makes a waiting `poll` return now.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    public func poll(timeout milliseconds: Int) -> [InputEvent] {
        guard !isShutDown else { return [] }
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(max(0, milliseconds))
        var events: [InputEvent] = []
        while true {
            var wait = deadline - clock.now
            if decoder.hasPending, let since = pendingSince { wait = min(wait, since + escapeTimeout - clock.now) }
            if decoder.isPasting, let since = lastPasteByte { wait = min(wait, since + Self.pasteTimeout - clock.now) }
            var fds = [
                pollfd(fd: inputClosed ? -1 : inputFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalPipe.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = Glibc.poll(&fds, nfds_t(fds.count), Self.milliseconds(rounding: wait))
            if ready < 0, errno != EINTR { return events }
            var woken = false
            if ready > 0 {
                if fds[2].revents != 0 { events += handleSignals() }
                if fds[1].revents != 0 { Self.drain(wakePipe.read); woken = true }
                if fds[0].revents != 0, !inputClosed { events += readInput(clock: clock) }
            }
            // Only now, after reading whatever had arrived, is a pending Esc really alone.
            let now = clock.now
            if decoder.hasPending, let since = pendingSince, now - since >= escapeTimeout {
                events += decoder.flushPending()
                pendingSince = nil
            }
            if decoder.isPasting, let since = lastPasteByte, now - since >= Self.pasteTimeout {
                events += decoder.finishPaste()
                lastPasteByte = nil
            }
            events = handleSuspendKey(in: events)
            if !events.isEmpty || woken || now >= deadline || isShutDown { return events }
        }
    }

    private func readInput(clock: ContinuousClock) -> [InputEvent] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(inputFD, &buffer, buffer.count)
        if count > 0 {
            let events = decoder.feed(buffer[..<count])
            let now = clock.now
            pendingSince = decoder.hasPending ? now : nil
            lastPasteByte = decoder.isPasting ? now : nil
            return events
        }
        if count < 0, errno == EINTR || errno == EAGAIN { return [] }
        // End of input or an error: the terminal is gone (hung up, pty closed).
        inputClosed = true
        return [.terminate]
    }

    // MARK: - Signals

    private func handleSignals() -> [InputEvent] {
        var queue = Self.drain(signalPipe.read)
        var events: [InputEvent] = []
        var resized = false
        while !queue.isEmpty {
            let signal = Int32(queue.removeFirst())
            switch signal {
            case SIGWINCH:
                if refreshSize() { resized = true }
            case SIGTERM, SIGHUP, SIGINT:
                if !events.contains(.terminate) { events.append(.terminate) }
            case SIGTSTP:
                events.append(suspend())
                resized = false
                // The SIGCONT that woke us belongs to this suspend; anything else that
                // arrived while stopped is handled next.
                queue += Self.drain(signalPipe.read).filter { Int32($0) != SIGCONT && Int32($0) != SIGTSTP }
            case SIGCONT:
                // Continued after an outside SIGSTOP: the shell may have changed the
                // terminal's modes and screen meanwhile.
                reset_prog_mode()
                events.append(reenter())
                resized = false
            default:
                break
            }
        }
        if resized { events.append(.resize(size)) }
        return events
    }

    /// Ctrl-Z as in a shell: give the terminal back, stop, and come back redrawn on `fg`.
    private func handleSuspendKey(in events: [InputEvent]) -> [InputEvent] {
        let controlZ = InputEvent.key(.ctrl("z"))
        guard suspendsOnControlZ, events.contains(controlZ) else { return events }
        return events.map { $0 == controlZ ? suspend() : $0 }
    }

    /// Restores the terminal, stops the process with SIGTSTP's default action, and on
    /// return (after `fg`) takes the terminal again. Returns the resize event that makes
    /// the runtime redraw everything.
    func suspend() -> InputEvent {
        writeOut(Self.modesOff)
        endwin()
        TerminalGuard.restoreTermios()
        TerminalGuard.suspend()
        stopProcess()
        TerminalGuard.resume()
        // What the shell left is the state to restore at the end (a `stty` in between).
        TerminalGuard.saveTermios()
        return reenter()
    }

    /// Back into program mode (ncurses re-applies raw mode and the alternate screen on
    /// the first refresh after endwin), everything repainted, modes back on.
    private func reenter() -> InputEvent {
        refreshSize()
        invalidate()
        wnoutrefresh(mm_stdscr())
        doupdate()
        writeOut(Self.modesOn)
        return .resize(size)
    }

    // MARK: - Helpers

    /// Reads a non-blocking pipe empty.
    @discardableResult
    static func drain(_ fd: Int32) -> [UInt8] {
        var all: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 { all += buffer[..<count]; continue }
            if count < 0, errno == EINTR { continue }
            return all
        }
    }

    /// poll's timeout: rounded up, so a wait never ends a hair before its deadline and
    /// spins once more for nothing.
    static func milliseconds(rounding duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: millis)
    }
}
