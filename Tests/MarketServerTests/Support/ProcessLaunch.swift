import Foundation

/// Foundation's `Process.run()` on Linux is not safe to call from two threads at once
/// (seen here: a crash in memcpy inside it while two suites launched servers in
/// parallel), so every test that launches a process goes through this lock.
enum ProcessLaunch {
    private static let lock = NSLock()

    static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
