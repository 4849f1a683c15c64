import Foundation
@testable import MarketServerCLI
import Testing

/// `marketmate demo` data directories left behind by a process that died without
/// cleaning up (SIGKILL, a crash) are removed by the next start; others are kept.
@Suite("Demo directory sweep")
struct DemoDirectorySweepTests {
    @Test("abandoned directories go; live, foreign and unmarked ones stay")
    func sweep() throws {
        let base = NSTemporaryDirectory() + "sweep-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        func make(_ name: String, owner: String?) throws -> String {
            let path = base + "/" + name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            if let owner { try owner.write(toFile: path + "/" + EmbeddedServer.ownerFileName, atomically: true, encoding: .utf8) }
            return path
        }
        // A pid no process can have: pids stay below the kernel's pid_max. (Not a spawned
        // child: Process.run() is unsafe beside other suites launching processes.)
        let pidMax = Int((try String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 4_194_304
        let deadPID = String(pidMax)
        let dead = try make("marketmate-demo-dead01", owner: deadPID)
        let alive = try make("marketmate-demo-alive1", owner: String(getpid()))
        let unmarked = try make("marketmate-demo-nofile", owner: nil)
        let other = try make("something-else-dead01", owner: deadPID)
        let current = try make("marketmate-demo-mine01", owner: deadPID)

        EmbeddedServer.sweepAbandonedDirectories(in: base, prefix: "marketmate-demo", except: current)

        let exists = { (path: String) in FileManager.default.fileExists(atPath: path) }
        #expect(!exists(dead))
        #expect(exists(alive))
        #expect(exists(unmarked))
        #expect(exists(other))
        #expect(exists(current))
    }
}
