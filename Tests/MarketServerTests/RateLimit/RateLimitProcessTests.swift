import Foundation
import Testing
@testable import MarketServer

/// Two `marketmate-server serve` processes on one PostgreSQL database share one quota.
@Suite("Rate limiting across processes", .serialized)
struct RateLimitProcessTests {
    /// Starts `serve` on a free port and returns it with its port (from the listening line).
    static func serve(databaseURL: String, dataDirectory: String) throws -> (Process, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ServerProcessTests.binary)
        process.arguments = ["serve", "--port", "0", "--data-dir", dataDirectory, "--database-url", databaseURL, "--no-jobs", "--log-format", "json"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MARKETMATE_") }
            .merging(["MARKETMATE_RATE_LIMIT_DEFAULT": "4/1m", "MARKETMATE_RATE_LIMITS": "on"]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        var log = ""
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            log += String(decoding: chunk, as: UTF8.self)
            if let range = log.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression), let port = Int(log[range].split(separator: ":").last!) {
                return (process, port)
            }
        }
        process.terminate()
        throw TestSetupError("no listening line in: \(log)")
    }

    /// Status line and RateLimit header of one anonymous GET.
    static func get(port: Int, _ path: String) throws -> (status: String, rateLimit: String?) {
        let socket = try RawHTTPConnection(port: port)
        try socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        let raw = socket.receiveAll()
        let lines = raw.components(separatedBy: "\r\n")
        let header = lines.first { $0.lowercased().hasPrefix("ratelimit:") }.map { String($0.dropFirst("ratelimit:".count)).trimmingCharacters(in: .whitespaces) }
        return (String(lines.first?.split(separator: " ").dropFirst().first ?? ""), header)
    }

    @Test("two server processes on one PostgreSQL database share the limit", .enabled(if: TestDatabase.enabled.contains(.postgres)))
    func sharedLimit() async throws {
        let directory = ServerProcessTests.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let url = try #require(try await TestDatabase.postgres.makeURL(directory: directory))
        let (first, firstPort) = try Self.serve(databaseURL: url, dataDirectory: directory + "/a")
        defer { first.terminate(); first.waitUntilExit() }
        // The second starts once the first has migrated the database.
        let (second, secondPort) = try Self.serve(databaseURL: url, dataDirectory: directory + "/b")
        defer { second.terminate(); second.waitUntilExit() }

        var results: [(status: String, rateLimit: String?)] = []
        for i in 0..<6 { results.append(try Self.get(port: i.isMultiple(of: 2) ? firstPort : secondPort, "/api/v1/products")) }
        #expect(results.map(\.status) == ["200", "200", "200", "200", "429", "429"])
        // The remaining count falls across both processes: one quota, not one per process.
        #expect(results.prefix(4).map { $0.rateLimit?.components(separatedBy: ";")[1] } == ["r=3", "r=2", "r=1", "r=0"])
        first.terminate()
        second.terminate()
        first.waitUntilExit()
        second.waitUntilExit()
        await TestDatabase.postgres.dispose(url: url)
    }
}
