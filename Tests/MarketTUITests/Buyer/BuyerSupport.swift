import Foundation
import MarketClient
import MarketModels
import MarketServer
import TerminalKit
import Testing
@testable import MarketTUI

/// The terminal sizes every buyer and shell test runs at: the classic terminal and a
/// roomy one, where layouts switch to their wide forms.
enum BuyerSizes {
    static let standard = [(80, 24), (120, 40)]
}

/// The URLSession transport with a log of what was sent, and optional rewriting of what
/// came back. Counting requests is how the tests see the debounce work; rewriting stands
/// in for a server (an older build, a compromised proxy, a database edited by hand) that
/// sends text the API's own validation would refuse today.
final class RecordingTransport: HTTPTransport, @unchecked Sendable {
    private let base = URLSessionTransport(connectTimeout: 5, requestTimeout: 15)
    private let lock = NSLock()
    private var sent: [TransportRequest] = []
    /// Literal replacements applied to every response body (JSON text, so the replacement
    /// must be valid inside a JSON string: `\\u001b`, not a raw ESC).
    private let replacements: [(String, String)]

    init(replacing replacements: [(String, String)] = []) {
        self.replacements = replacements
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        lock.withLock { sent.append(request) }
        var response = try await base.send(request)
        if !replacements.isEmpty, var body = String(data: response.body, encoding: .utf8) {
            for (from, to) in replacements { body = body.replacingOccurrences(of: from, with: to) }
            response.body = Data(body.utf8)
            // The ETag belongs to the server's bytes, not these.
            response.headers["etag"] = nil
        }
        return response
    }

    /// Every request sent so far, headers included, in order.
    var sentRequests: [TransportRequest] { lock.withLock { sent } }

    /// The paths and queries sent so far (`/api/v1/products?q=mug&...`).
    var requests: [URLComponents] {
        lock.withLock { sent.compactMap { URLComponents(url: $0.url, resolvingAgainstBaseURL: false) } }
    }

    /// First-page product list requests so far (next pages carry a cursor), as their `q`
    /// values ("" for none).
    var productSearches: [String] {
        requests.filter { request in
            request.path.hasSuffix("/products") && !(request.queryItems ?? []).contains { $0.name == "cursor" }
        }.map { components in
            components.queryItems?.first { $0.name == "q" }?.value ?? ""
        }
    }

    func reset() { lock.withLock { sent.removeAll() } }
}

enum BuyerFixtures {
    /// A client of the suite's server, with an in-memory session and, when given, a
    /// transport of the test's own.
    static func client(transport: (any HTTPTransport)? = nil) throws -> APIClient {
        let server = try TUIServer.current
        var configuration = APIClient.Configuration(endpoint: ServerEndpoint(server.baseURL.absoluteString)!)
        // Tests that stop the server should not wait out three connection attempts.
        configuration.retry = .never
        return APIClient(configuration: configuration, sessionStore: InMemorySessionStore(), transport: transport)
    }

    /// A short unique email: long ones get cut at 80 columns, where the header shows it.
    static func uniqueEmail(_ prefix: String = "bb") -> String {
        "\(prefix)-\(UUID().uuidString.prefix(6).lowercased())@mm.test"
    }

    /// A new buyer account, signed in on `client` (a fresh one by default).
    @discardableResult
    static func buyer(on client: APIClient? = nil, name: String = "Test Buyer") async throws -> (client: APIClient, user: UserDTO) {
        let client = try client ?? Self.client()
        let user = try await client.register(RegisterRequest(email: uniqueEmail(), password: "tui-test-password", name: name, role: .buyer))
        return (client, user)
    }

    /// A unique word for titles, so a search finds exactly the test's own products.
    static func uniqueWord() -> String {
        // Ten letters from the UUID's hex digits (0–f → a–p): 16^10 words of one length, so
        // two tests' words never collide and one is never a prefix of another.
        let letters = UUID().uuidString.compactMap(\.hexDigitValue).prefix(10).map { Character(Unicode.Scalar(UInt8(97 + $0))) }
        return "zq" + String(letters) + "x"
    }
}

extension AppHarness {
    /// Every cell of the last frame, with its position.
    var cells: [(x: Int, y: Int, text: String)] {
        _ = screen  // draw now
        let frame = backend.lastFrame
        return (0..<frame.height).flatMap { y in (0..<frame.width).map { x in (x, y, frame[x, y].text) } }
    }

    /// Cells holding anything a terminal would obey rather than print: C0 and C1 controls
    /// (ESC, BEL, CSI 0x9B, ...), DEL, and the bidi overrides and isolates.
    var cellsWithControls: [(x: Int, y: Int, text: String)] {
        cells.filter { cell in
            cell.text.unicodeScalars.contains { scalar in
                scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value)
            }
        }
    }

    /// Sends a tick as the runtime's loop does ten times a second (these tests drive the
    /// runtime by hand, so nothing ticks unless they do).
    func tick() async {
        runtime.send(.tick)
        await settle()
    }
}

/// The app with a keymap of the test's own (AppHarness always uses the defaults): the
/// same runtime and memory backend, fewer helpers.
final class KeymapHarness {
    let runtime: Runtime<MarketApp>
    let backend: MemoryBackend

    init(client: APIClient, keymap: Keymap, width: Int = 80, height: Int = 24) async throws {
        backend = MemoryBackend(width: width, height: height)
        let app = MarketApp(client: client, keymap: keymap, flavor: .shop)
        runtime = Runtime(program: app, model: app.initialModel(user: await client.currentUser), backend: backend, theme: .fallback)
        runtime.process([.resize(backend.size)])
        runtime.send(.start)
        guard await runtime.settle(timeout: .seconds(20)) else { throw TUIFixtureError("the app did not settle within 20 s") }
    }

    func press(_ chords: String...) async {
        for chord in chords {
            guard let press = KeyChordSyntax.parse(chord) else {
                Issue.record("not a key chord: \(chord)")
                return
            }
            runtime.process([.key(press)])
            if !(await runtime.settle(timeout: .seconds(20))) { Issue.record("the app did not settle within 20 s") }
        }
    }

    var screen: String {
        runtime.draw()
        return backend.text
    }

    var lines: [String] { screen.components(separatedBy: "\n") }
    func line(containing text: String) -> String? { lines.first { $0.contains(text) } }
    var model: AppModel { runtime.model }
}
