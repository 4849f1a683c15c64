import CNcurses
import Foundation

/// A pseudo-terminal for running a real `NcursesBackend` without a real terminal: tests
/// and benchmarks give the program side (`slave`) to the backend, then read what it drew
/// and type into it through the emulator side (`master`).
///
/// A background thread keeps reading the master side, so the backend never blocks on a
/// full pty buffer however large a frame is. `takeOutput()` returns exactly the bytes
/// written so far: it writes a marker through the slave after them and waits for it.
public final class PseudoTerminal: @unchecked Sendable {
    /// The emulator side: what the program writes comes out here; bytes written here are
    /// the program's input.
    public let master: Int32
    /// The program side, a terminal device: `NcursesBackend(input: slave, output: slave)`.
    public let slave: Int32
    public private(set) var size: Size

    /// The environment for a backend on this pty: a terminfo entry every Debian has.
    public static let environment = ["TERM": "xterm-256color"]

    private let output = OutputCollector()
    private let stopPipe: (read: Int32, write: Int32)
    private var markerCount = 0
    private var closed = false

    public init(width: Int = 80, height: Int = 24) throws(TerminalError) {
        var master: Int32 = -1, slave: Int32 = -1
        guard mm_openpty(&master, &slave, Int32(height), Int32(width)) == 0 else { throw .system(call: "openpty", errno: errno) }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            let code = errno
            Glibc.close(master)
            Glibc.close(slave)
            throw .system(call: "pipe", errno: code)
        }
        for fd in [master, slave, fds[0], fds[1]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        self.master = master
        self.slave = slave
        stopPipe = (fds[0], fds[1])
        size = Size(width: width, height: height)
        // The thread holds the collector, not self, so dropping the pty still closes it.
        let output = self.output, masterFD = master, stopRead = fds[0]
        let thread = Thread { output.readLoop(master: masterFD, stop: stopRead) }
        thread.name = "PseudoTerminal reader"
        thread.start()
    }

    deinit { close() }

    /// A backend drawing on this pty (TERM=xterm-256color plus `environment`).
    public func makeBackend(environment: [String: String] = [:]) throws(TerminalError) -> NcursesBackend {
        try NcursesBackend(input: slave, output: slave, environment: Self.environment.merging(environment) { $1 })
    }

    /// Types `bytes` into the program (they arrive on the slave side's input).
    public func send(_ bytes: some Sequence<UInt8>) {
        var remaining = Array(bytes)[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            remaining = remaining.dropFirst(written)
        }
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Everything the program wrote since the last call. Call it when the program is not
    /// writing (after `present` returned): the bytes still in the kernel are waited for.
    public func takeOutput(timeout: Duration = .seconds(5)) -> [UInt8] {
        markerCount += 1
        let marker = Array("\u{1B}P+mm-sync-\(markerCount)\u{1B}\\".utf8)
        // The marker goes through the same queue as the program's output, so once it is
        // read everything written before it has been read too.
        var remaining = marker[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(slave, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { break }
            remaining = remaining.dropFirst(written)
        }
        let deadline = Date().addingTimeInterval(Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        return output.take(upTo: marker, deadline: deadline)
    }

    /// Changes the terminal's size as a window resize would. The kernel only signals the
    /// slave's session, which the current process is not, so SIGWINCH is raised here
    /// (harmless without a handler: its default is to be ignored).
    public func resize(width: Int, height: Int) throws(TerminalError) {
        guard mm_set_winsize(master, Int32(height), Int32(width)) == 0 else { throw .system(call: "ioctl(TIOCSWINSZ)", errno: errno) }
        size = Size(width: width, height: height)
        kill(getpid(), SIGWINCH)
    }

    /// Stops the reader and closes both sides. Called by deinit too.
    public func close() {
        if closed { return }
        closed = true
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        output.waitUntilDone()
        for fd in [master, slave, stopPipe.read, stopPipe.write] { Glibc.close(fd) }
    }

}

/// The master side's bytes as the reader thread collects them.
private final class OutputCollector: @unchecked Sendable {
    private let condition = NSCondition()
    private var collected: [UInt8] = []
    private var done = false

    /// Everything up to `marker` (which is dropped); everything so far when the marker
    /// does not come by `deadline`.
    func take(upTo marker: [UInt8], deadline: Date) -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let range = Self.find(marker, in: collected) {
                let output = Array(collected[..<range.lowerBound])
                collected.removeSubrange(..<range.upperBound)
                return output
            }
            if done || !condition.wait(until: deadline) { break }
        }
        let output = collected
        collected.removeAll()
        return output
    }

    func waitUntilDone() {
        condition.lock()
        while !done { condition.wait() }
        condition.unlock()
    }

    func readLoop(master: Int32, stop: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0), pollfd(fd: stop, events: Int16(POLLIN), revents: 0)]
            let ready = Glibc.poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            if fds[0].revents != 0 {
                let count = read(master, &buffer, buffer.count)
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                guard count > 0 else { break loop }
                condition.lock()
                collected += buffer[..<count]
                condition.broadcast()
                condition.unlock()
            }
        }
        condition.lock()
        done = true
        condition.broadcast()
        condition.unlock()
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count, let first = needle.first else { return nil }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) {
                return index..<index + needle.count
            }
            index += 1
        }
        return nil
    }
}
