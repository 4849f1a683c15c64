import Foundation
import MarketClient
import MarketModels
import MarketServer
import MarketServerCLI
import Testing

/// The in-process server `marketmate demo` runs: start, logs, restart, stop.
@Suite("Embedded server")
struct EmbeddedServerTests {
    static func cheapHashes(_ config: inout MarketServer.ServerConfiguration) {
        config.auth.argon2MemoryKiB = 1024
        config.auth.argon2Iterations = 1
    }

    @Test("starts on a free port, logs to a private file, stops and removes its directory")
    func lifecycle() async throws {
        let directory = try EmbeddedServer.makeThrowawayDataDirectory(prefix: "mm-embedded-test")
        let mode = try FileManager.default.attributesOfItem(atPath: directory)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o700)

        let server = try await EmbeddedServer.start(dataDirectory: directory, removeDataDirectoryOnStop: true, configure: Self.cheapHashes)
        #expect(server.port > 0 && server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")
        let client = try TestClient(server: server, retry: .never)
        let page = try await client.client.shops()
        #expect(page.items.isEmpty)

        let logFile = try #require(server.logFile)
        #expect(logFile == directory + "/server.log")
        let log = try String(contentsOfFile: logFile, encoding: .utf8)
        #expect(log.contains("server listening"))
        let logMode = try FileManager.default.attributesOfItem(atPath: logFile)[.posixPermissions] as? NSNumber
        #expect(logMode?.intValue == 0o600)

        await server.stop()
        await server.stop()  // a second stop is a no-op
        #expect(!FileManager.default.fileExists(atPath: directory))
        let error = await #expect(throws: ClientError.self) { try await client.client.shops() }
        #expect(error == .unreachable(server: server.baseURL))
    }

    @Test("demo seeding is the seed command's: accounts and shops, and a restart adds nothing")
    func demoSeedAndRestart() async throws {
        let directory = try EmbeddedServer.makeThrowawayDataDirectory(prefix: "mm-embedded-test")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try await EmbeddedServer.start(dataDirectory: directory, seedDemo: true, logging: .silent, configure: Self.cheapHashes)
        let summary = try #require(first.demo)
        #expect(summary.shopsCreated == 6 && summary.productsCreated > 150)
        #expect(Set(summary.users.map(\.email)) == Set(DemoData.accounts.map(\.email)))
        #expect(first.logFile == nil)
        let port = first.port
        await first.stop()
        #expect(FileManager.default.fileExists(atPath: directory + "/marketmate.sqlite"))

        // The same directory again, on the port it had: the data is still there, nothing doubles.
        let second = try await EmbeddedServer.start(dataDirectory: directory, port: port, seedDemo: true, logging: .silent, configure: Self.cheapHashes)
        #expect(second.port == port)
        #expect(second.demo?.shopsCreated == 0 && second.demo?.productsCreated == 0)
        let test = try TestClient(server: second)
        try await test.client.login(email: Demo.vendor, password: Demo.password)
        #expect(try await test.client.shops(ownerId: try #require(await test.client.currentUser).id).items.count == 2)
        await second.stop()
    }

    @Test("a port already in use is an error, not a hang")
    func portInUse() async throws {
        let directory = try EmbeddedServer.makeThrowawayDataDirectory(prefix: "mm-embedded-test")
        let running = try await EmbeddedServer.start(dataDirectory: directory, removeDataDirectoryOnStop: true, logging: .silent, configure: Self.cheapHashes)
        let other = try EmbeddedServer.makeThrowawayDataDirectory(prefix: "mm-embedded-test")
        defer { try? FileManager.default.removeItem(atPath: other) }
        await #expect(throws: (any Error).self) {
            try await EmbeddedServer.start(dataDirectory: other, port: running.port, logging: .silent, configure: Self.cheapHashes)
        }
        await running.stop()
    }

    @Test("a configuration the server would refuse is refused before anything starts")
    func invalidConfiguration() async throws {
        await #expect(throws: EmbeddedServerError.self) {
            try await EmbeddedServer.start(dataDirectory: "/nonexistent/never-made", port: 70000, logging: .silent)
        }
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/never-made"))
    }

    @Test("a server that accepts but never answers times out with the right sentence")
    func slowServer() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        var configuration = APIClient.Configuration(endpoint: ServerEndpoint("http://127.0.0.1:\(listener.port)")!)
        configuration.connectTimeout = 0.5
        configuration.requestTimeout = 2
        let client = APIClient(configuration: configuration, sessionStore: InMemorySessionStore())
        let started = Date()
        let error = await #expect(throws: ClientError.self) { try await client.shops() }
        #expect(error == .timedOut(server: configuration.endpoint.baseURL))
        // The client's own 2 s limit ended it, not some far longer one (the listener never
        // answers); the bound is loose on purpose, as a loaded CI machine is slow.
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
