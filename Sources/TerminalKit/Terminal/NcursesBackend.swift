import CNcurses
import Foundation

/// A real terminal through ncurses. ncurses only draws: input is read from the input file
/// descriptor with `read()` and decoded by `InputDecoder`, so keys, mouse and pastes work
/// the same on every terminal and the wait can also watch a wake pipe (effects finishing)
/// and a signal pipe (resize, suspend, termination).
///
/// Everything except `wake()` must be called on one thread (the runtime's). One backend
/// per process at a time: signals and terminal modes are process-wide.
public final class NcursesBackend: WakeableBackend {
    public private(set) var size: Size
    public let colorDepth: ColorDepth
    /// How long an incomplete escape sequence may wait for its next byte.
    public let escapeTimeout: Duration
    /// Ctrl-Z suspends the program (as in a shell). When false, or when the program was
    /// started without job control, Ctrl-Z is delivered as a key.
    public var suspendsOnControlZ: Bool

    let inputFD: Int32
    let outputFD: Int32
    let screen: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    let wakePipe: (read: Int32, write: Int32)
    let signalPipe: (read: Int32, write: Int32)

    var decoder = InputDecoder()
    /// When the decoder's pending bytes last grew (the Esc timeout runs from there).
    var pendingSince: ContinuousClock.Instant?
    /// When paste bytes last arrived (an unterminated paste is given up after a while).
    var lastPasteByte: ContinuousClock.Instant?
    var inputClosed = false
    var isShutDown = false

    /// The frame on screen, nil when it must be redrawn in full.
    private var previous: CellBuffer?
    private var cursorShown: Bool?
    private var mapping: NcursesColorMapping
    private var pairs: ColorPairTable
    private var styleCache: [Style: (attributes: attr_t, pair: Int32)] = [:]

    /// Stops the process for a suspend; tests replace it to check what happens around it.
    /// Stops the whole process group, as the terminal driver does for Ctrl-Z, so a job
    /// started through a script stops (and is reported) as one. kill(0, ...) is process-
    /// directed: any thread that does not block SIGTSTP takes it, whichever thread runs
    /// the UI.
    var stopProcess: () -> Void = { _ = kill(0, SIGTSTP) }

    static let modesOn = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h\u{1B}[?2004h"
    static let modesOff = "\u{1B}[?2004l\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l"

    /// Takes over the terminal on `output` (and reads keys from `input`): alternate
    /// screen, raw mode, mouse reporting and bracketed paste. `environment` supplies TERM
    /// (the terminfo entry), NO_COLOR and COLORTERM. Call `shutdown()` to give the
    /// terminal back; a crash, a fatal signal or `exit()` restores it too.
    public init(
        input: Int32 = 0, output: Int32 = 1,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        escapeTimeout: Duration = .milliseconds(25)
    ) throws(TerminalError) {
        guard isatty(output) == 1 else { throw .notATerminal(fd: output) }
        guard TerminalGuard.acquire() else { throw .busy }
        var cleanup: [() -> Void] = [{ TerminalGuard.release() }]
        func fail(_ error: TerminalError) -> TerminalError {
            for step in cleanup.reversed() { step() }
            return error
        }

        Self.chooseUTF8Locale()
        guard let wake = Self.makePipe(), let signals = Self.makePipe() else { throw fail(.system(call: "pipe", errno: errno)) }
        cleanup.append { for fd in [wake.read, wake.write, signals.read, signals.write] { close(fd) } }

        // Handlers first: newterm only installs its own for signals still at the default.
        do { try TerminalGuard.begin(tty: output, signalPipe: signals.write) } catch { throw fail(error) }
        cleanup.append { TerminalGuard.end() }

        // ncurses gets its own descriptors, so closing its FILEs leaves the caller's open.
        guard let outFile = fdopen(dup(output), "w") else { throw fail(.system(call: "fdopen", errno: errno)) }
        cleanup.append { fclose(outFile) }
        guard let inFile = fdopen(dup(input), "r") else { throw fail(.system(call: "fdopen", errno: errno)) }
        cleanup.append { fclose(inFile) }
        // The size comes from the terminal (ioctl), not from stale LINES/COLUMNS.
        use_env(true)
        use_tioctl(true)
        let type = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        guard let screen = newterm(type, outFile, inFile) else {
            throw fail(.unknownTerminal(type ?? ProcessInfo.processInfo.environment["TERM"] ?? ""))
        }

        inputFD = input
        outputFD = output
        self.screen = screen
        inputFile = inFile
        outputFile = outFile
        wakePipe = wake
        signalPipe = signals
        self.escapeTimeout = escapeTimeout
        suspendsOnControlZ = TerminalGuard.jobControl

        // Ctrl-C and Ctrl-Z arrive as bytes (the program decides), no echo, no CR/LF
        // translation, and no keypad decoding: input never goes through ncurses.
        raw()
        noecho()
        nonl()
        keypad(mm_stdscr(), false)
        // Without this ncurses stops a refresh half-way when input is waiting.
        typeahead(-1)

        let colours = Self.setUpColours(environment: environment)
        colorDepth = colours.depth
        mapping = colours.mapping
        pairs = ColorPairTable(capacity: colours.pairs, mapping: colours.mapping)

        var rows: Int32 = 0, columns: Int32 = 0
        mm_getmaxyx(mm_stdscr(), &rows, &columns)
        size = Size(width: Int(columns), height: Int(rows))
        curs_set(0)
        cursorShown = false
        wnoutrefresh(mm_stdscr())
        doupdate()
        writeOut(Self.modesOn)
    }

    deinit {
        shutdown()
        // Closed only now, not at shutdown: an effect still running may call wake(), and
        // a closed descriptor number could by then belong to some other file.
        close(wakePipe.read)
        close(wakePipe.write)
    }

    /// Gives the terminal back: modes off, ncurses ended, the original termios and signal
    /// handlers restored. Safe to call more than once. Call it on the UI thread when the
    /// runtime returns; deinit only does it as a fallback, and effects still holding the
    /// backend could make that happen on another thread.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        writeOut(Self.modesOff)
        curs_set(1)
        endwin()
        delscreen(screen)
        fclose(inputFile)
        fclose(outputFile)
        // endwin restores what ncurses saw at newterm; this is what we saw before it.
        TerminalGuard.restoreTermios()
        TerminalGuard.end()
        close(signalPipe.read)
        close(signalPipe.write)
        TerminalGuard.release()
    }

    // MARK: - Output

    public func present(_ frame: CellBuffer, cursor: Point?) {
        guard !isShutDown else { return }
        let window = mm_stdscr()
        let rows = min(frame.height, size.height), columns = min(frame.width, size.width)
        let old = previous.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
        for y in 0..<rows {
            for x in 0..<columns {
                let cell = frame[x, y]
                if let old, old[x, y] == cell { continue }
                if cell.isContinuation, x > 0, !frame[x - 1, y].isContinuation {
                    // The right half of a wide character: drawn with its left half (a
                    // right half without one is drawn as a blank below).
                    continue
                }
                draw(cell, x: x, y: y, wide: x + 1 < columns && frame[x + 1, y].isContinuation, in: window)
            }
        }
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < size.width, cursor.y < size.height {
            if cursorShown != true { curs_set(1); cursorShown = true }
            leaveok(window, false)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            if cursorShown != false { curs_set(0); cursorShown = false }
            // With the cursor hidden ncurses need not move it back anywhere: fewer bytes.
            leaveok(window, true)
        }
        wnoutrefresh(window)
        doupdate()
        previous = frame
    }

    public func invalidate() {
        guard !isShutDown else { return }
        previous = nil
        cursorShown = nil
        clearok(mm_stdscr(), true)
    }

    /// Draws one cell (a wide one covers the next column too).
    private func draw(_ cell: Cell, x: Int, y: Int, wide: Bool, in window: UnsafeMutablePointer<WINDOW>?) {
        let limit = Int(CCHARW_MAX)
        var scalars = cell.isContinuation ? [] : Array(cell.text.unicodeScalars.prefix(limit))
        // Never hand the terminal a control character (it would act on it), and give a
        // lone combining mark a base so it cannot join the neighbouring cell.
        scalars.removeAll { $0.properties.generalCategory == .control }
        if scalars.isEmpty { scalars = [" "] }
        if DisplayWidth.of(scalar: scalars[0]) == 0 { scalars = [" "] + scalars.prefix(limit - 1) }
        // ncurses lays cells out by the C library's wcwidth; where it disagrees with ours
        // the grid would shift, so the cell is adjusted to keep every later column put.
        let systemWidth = mm_wcwidth(Int32(bitPattern: scalars[0].value))
        if systemWidth < 0 || (!wide && systemWidth == 2) { scalars = ["\u{FFFD}"] }
        let style = attributes(for: cell.style)
        put(scalars, style: style, x: x, y: y, in: window)
        if wide, systemWidth == 1 { put([" "], style: style, x: x + 1, y: y, in: window) }
    }

    private func put(_ scalars: [Unicode.Scalar], style: (attributes: attr_t, pair: Int32), x: Int, y: Int, in window: UnsafeMutablePointer<WINDOW>?) {
        var characters = scalars.map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var cell = cchar_t()
        var pair = style.pair
        // The pair goes through `opts` so numbers past 32767 (extended pairs) work.
        setcchar(&cell, characters, style.attributes, Int16(clamping: pair), &pair)
        // At the bottom-right corner ncurses reports an error after drawing (the cursor
        // cannot advance); the cell is drawn all the same.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
    }

    private func attributes(for style: Style) -> (attributes: attr_t, pair: Int32) {
        if let cached = styleCache[style] { return cached }
        var attributes = mm_a_normal()
        if style.bold { attributes |= mm_a_bold() }
        if style.dim { attributes |= mm_a_dim() }
        if style.italic { attributes |= mm_a_italic() }
        if style.underline { attributes |= mm_a_underline() }
        if style.reverse { attributes |= mm_a_reverse() }
        var pair: Int32 = 0
        if colorDepth != .none {
            let key = ColorPairTable.Key(
                foreground: mapping.number(style.foreground, foreground: true),
                background: mapping.number(style.background, foreground: false)
            )
            let allocation = pairs.pair(for: key)
            pair = allocation.pair
            if allocation.isNew, init_extended_pair(pair, key.foreground, key.background) == ERR { pair = 0 }
        }
        styleCache[style] = (attributes, pair)
        return (attributes, pair)
    }

    // MARK: - Set-up helpers

    /// ncurses needs a UTF-8 locale to draw anything past ASCII. A process started with
    /// LANG unset (cron, some ssh setups) gets the C library's C.UTF-8 instead of a
    /// screen of escapes.
    private static func chooseUTF8Locale() {
        setlocale(LC_ALL, "")
        if mm_is_utf8_locale() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
    }

    private static func makePipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        // Non-blocking: a signal handler or wake() must never block on a full pipe.
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    private static func setUpColours(environment: [String: String]) -> (depth: ColorDepth, mapping: NcursesColorMapping, pairs: Int) {
        // COLORS is only set by start_color, which is not called at all under NO_COLOR:
        // the count comes from terminfo.
        let count = Int(tigetnum("colors"))
        guard has_colors(), count > 0 else {
            return (.none, NcursesColorMapping(depth: .none, direct: false, defaultColors: true), 1)
        }
        var depth = ColorDepth.detect(environment: environment, terminfoColors: count)
        let direct = count >= 1 << 24
        // COLORTERM may promise truecolor, but ncurses can only send RGB through a
        // direct-colour terminfo entry; otherwise the 256-colour palette is the best.
        if depth == .truecolor, !direct { depth = .indexed256 }
        guard depth != .none else {
            return (.none, NcursesColorMapping(depth: .none, direct: false, defaultColors: true), 1)
        }
        start_color()
        let defaults = use_default_colors() == OK
        return (depth, NcursesColorMapping(depth: depth, direct: direct, defaultColors: defaults), Int(mm_color_pairs()))
    }

    /// Writes straight to the terminal (mode switches ncurses knows nothing about).
    func writeOut(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(outputFD, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Rereads the terminal's size and tells ncurses; true when it changed.
    @discardableResult
    func refreshSize() -> Bool {
        var rows: Int32 = 0, columns: Int32 = 0
        guard mm_get_winsize(outputFD, &rows, &columns) == 0, rows > 0, columns > 0 else { return false }
        let new = Size(width: Int(columns), height: Int(rows))
        guard new != size else { return false }
        resizeterm(rows, columns)
        size = new
        previous = nil
        return true
    }
}
