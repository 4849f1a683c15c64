import Foundation
import Glibc
import HTTPTypes
import MarketModels
import Testing

/// The real `marketmate-server` binary: commands, flags, logs and graceful shutdown.
@Suite("Server process", .serialized)
struct ServerProcessTests {
    static var binary: String {
        get throws {
            let testBinary = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
            var dir = testBinary.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = dir.appendingPathComponent("marketmate-server").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
            throw TestSetupError("marketmate-server binary not found next to \(testBinary.path); run `swift build --build-tests` first")
        }
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MARKETMATE_") }.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try ProcessLaunch.run(process)
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    static func tempDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mm-proc-\(UUID().uuidString)").path
    }

    @Test("--help on every command")
    func help() throws {
        let root = try Self.run(["--help"])
        #expect(root.status == 0)
        for command in ["serve", "migrate", "create-admin", "seed"] {
            #expect(root.stdout.contains(command))
            let sub = try Self.run([command, "--help"])
            #expect(sub.status == 0, "\(command)")
            #expect(sub.stdout.contains("--data-dir") && sub.stdout.contains("--database-url"), "\(command)")
        }
    }

    @Test("a bad config file is a one-line error naming file and line")
    func badConfig() throws {
        let dir = Self.tempDirectory()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = (dir as NSString).appendingPathComponent("server.toml")
        try "port = [\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Self.run(["migrate", "--config", file, "--data-dir", dir])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file): line "))
    }

    @Test("create-admin, seed --demo and migrate work on a fresh data dir")
    func commands() throws {
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let admin = try Self.run(["create-admin", "--data-dir", dir, "--email", "Boss@Example.com", "--password-stdin"], stdin: "boss password 1\n")
        #expect(admin.status == 0, "\(admin.stderr)")
        #expect(admin.stdout.contains("boss@example.com"))
        let weak = try Self.run(["create-admin", "--data-dir", dir, "--email", "weak@example.com", "--password", "short"])
        #expect(weak.status != 0)
        #expect(weak.stderr.contains("password"))
        let seed = try Self.run(["seed", "--demo", "--data-dir", dir])
        #expect(seed.status == 0, "\(seed.stderr)")
        #expect(seed.stdout.contains("buyer@demo.marketmate.test"))
        #expect(try Self.run(["seed", "--demo", "--data-dir", dir]).status == 0)  // idempotent
        #expect(try Self.run(["migrate", "--data-dir", dir]).status == 0)
    }

    @Test("serve answers, logs JSON without secrets, and drains in-flight requests on SIGTERM")
    func serveAndShutdown() async throws {
        let dir = Self.tempDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Self.run(["create-admin", "--data-dir", dir, "--email", "ops@example.com"], environment: ["MARKETMATE_ADMIN_PASSWORD": "ops password 1"]).status == 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary)
        process.arguments = ["serve", "--port", "0", "--data-dir", dir, "--log-format", "json"]
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MARKETMATE_") }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        defer { if process.isRunning { process.terminate() } }

        // The port comes from the "server listening" log line.
        var logText = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(30)
        while port == nil, Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            logText += String(decoding: chunk, as: UTF8.self)
            if let range = logText.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(logText[range].split(separator: ":").last!)
            }
        }
        let serverPort = try #require(port, "no listening line in: \(logText)")

        // A login whose body arrives in two halves, with SIGTERM in between: the request is
        // in flight for certain, and a graceful shutdown must still answer it.
        let body = String(decoding: try MarketJSON.makeEncoder().encode(LoginRequest(email: "ops@example.com", password: "ops password 1")), as: UTF8.self)
        let socket = try RawHTTPConnection(port: serverPort)
        let half = body.index(body.startIndex, offsetBy: body.count / 2)
        try socket.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body[..<half])
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGTERM)
        try await Task.sleep(for: .milliseconds(300))
        try socket.send(String(body[half...]))
        let raw = socket.receiveAll()
        #expect(raw.hasPrefix("HTTP/1.1 200"), "\(raw.prefix(200))")
        let json = raw.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let auth = try MarketJSON.makeDecoder().decode(AuthResponse.self, from: Data(json.utf8))

        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        logText += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = logText.split(separator: "\n")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }, "every log line is JSON")
        #expect(lines.contains { $0.contains("\"route\":\"/api/v1/auth/login\"") && $0.contains("\"status\":200") })
        #expect(lines.contains { $0.contains("closing the database") })
        for secret in ["ops password 1", auth.accessToken, auth.refreshToken] {
            #expect(!logText.contains(secret))
        }
    }
}

/// A bare TCP client, for sending a request in pieces (no HTTP library lets us pause mid-body).
final class RawHTTPConnection {
    private let fd: Int32

    init(port: Int) throws {
        fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, result == 0 else { throw TestSetupError("cannot connect to 127.0.0.1:\(port)") }
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw TestSetupError("send failed") }
    }

    /// Everything until the server closes the connection (or 10 s pass).
    func receiveAll() -> String {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
