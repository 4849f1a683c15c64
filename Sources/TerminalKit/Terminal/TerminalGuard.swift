import CNcurses
import Foundation

/// The process-wide side of owning a terminal: signal handlers that restore it on a
/// crash or `exit()`, and that forward resize, job-control and termination signals to a
/// pipe the UI thread polls. Signals and termios are per process, so only one backend can
/// own the terminal at a time.
///
/// This is the only Swift file that calls the `mm_guard_*` C functions: their state is a
/// static inside static inline functions, of which every object file gets its own copy
/// (see shim.h).
enum TerminalGuard {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var owned = false

    /// Claims the terminal for one backend; false if another one has it.
    static func acquire() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if owned { return false }
        owned = true
        return true
    }

    static func release() {
        lock.lock()
        owned = false
        lock.unlock()
    }

    /// Saves `tty`'s termios (before ncurses changes it) and installs every handler.
    /// Must run before `newterm`, which only installs its own handlers for signals still
    /// at their defaults.
    static func begin(tty: Int32, signalPipe: Int32) throws(TerminalError) {
        guard mm_guard_begin(tty, signalPipe) == 0 else {
            let code = errno
            mm_guard_end()
            throw .system(call: "sigaction", errno: code)
        }
    }

    /// Puts back the handlers that were there before `begin`.
    static func end() { mm_guard_end() }

    /// Puts back the termios saved at `begin` (or at the last `resume`).
    static func restoreTermios() { _ = mm_guard_restore_termios() }

    /// Takes the terminal's current termios as the one to restore (after a suspend the
    /// user may have changed settings with `stty`).
    static func saveTermios() { mm_guard_save_termios() }

    /// Before stopping: SIGTSTP at its default, no crash reset while the shell owns the
    /// terminal.
    static func suspend() { mm_guard_suspend() }

    /// After `fg`: our SIGTSTP handler back, crash reset armed again.
    static func resume() { mm_guard_resume() }

    /// False when the process was started with SIGTSTP ignored (no job-control shell).
    static var jobControl: Bool { mm_guard_job_control() != 0 }
}
