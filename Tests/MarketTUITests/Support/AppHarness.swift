import Foundation
import MarketClient
import MarketModels
import TerminalKit
import Testing
@testable import MarketTUI

/// The whole terminal app (`MarketApp` in a `Runtime`) on a `MemoryBackend`, talking to
/// the suite's real server: tests type keys as a user would and read the screen as text.
///
///     let app = try await AppHarness.start(signedInAs: DemoAccounts.vendor)
///     await app.press("2")              // the My shops tab
///     #expect(app.screen.contains("Kiln & Co."))
///
/// Every input helper waits until the effects it set off have finished (`settle`); use
/// `process` to feed keys without waiting (to see an optimistic update before the answer).
final class AppHarness {
    let runtime: Runtime<MarketApp>
    let backend: MemoryBackend
    let client: APIClient

    private init(runtime: Runtime<MarketApp>, backend: MemoryBackend, client: APIClient) {
        self.runtime = runtime
        self.backend = backend
        self.client = client
    }

    /// Signs in as `email` (a demo account by default password) and starts the app.
    static func start(
        signedInAs email: String, password: String = DemoAccounts.password, flavor: AppFlavor = .shop, width: Int = 80, height: Int = 24
    ) async throws -> AppHarness {
        let client = try await TUIFixtures.signedIn(email, password: password)
        return try await start(client: client, flavor: flavor, width: width, height: height)
    }

    /// Starts the app on a client (signed in or not: without a session it shows the sign-in
    /// form), as `marketmate` does after restoring the session, and waits for the first
    /// screen to load.
    /// `colorDepth` is the terminal's: the theme, and pictures, are brought down to it.
    /// Downloads (invoices) go to `downloadsDirectory`, a fresh temporary folder by default:
    /// never the user's own.
    static func start(
        client: APIClient, flavor: AppFlavor = .shop, width: Int = 80, height: Int = 24, colorDepth: ColorDepth = .truecolor,
        downloadsDirectory: String = NSTemporaryDirectory() + "mm-tui-downloads-" + UUID().uuidString,
        flagCache: FlagCache = FlagCache(path: nil)
    ) async throws -> AppHarness {
        let backend = MemoryBackend(width: width, height: height, colorDepth: colorDepth)
        let app = MarketApp(client: client, keymap: KeyBindings.defaults, flavor: flavor, downloadsDirectory: downloadsDirectory, flagCache: flagCache)
        let runtime = Runtime(program: app, model: app.initialModel(user: await client.currentUser), backend: backend, theme: .fallback)
        let harness = AppHarness(runtime: runtime, backend: backend, client: client)
        runtime.process([.resize(backend.size)])
        runtime.send(.start)
        try await harness.settleOrFail()
        return harness
    }

    // MARK: Input

    /// Presses keys given as chords (`"j"`, `"enter"`, `"ctrl-o"`, `"shift-tab"`) one
    /// after another, waiting for each one's effects.
    func press(_ chords: String...) async {
        for chord in chords {
            guard let press = KeyChordSyntax.parse(chord) else {
                Issue.record("not a key chord: \(chord)")
                return
            }
            runtime.process([.key(press)])
            await settle()
        }
    }

    /// Types text one character at a time, as keys.
    func type(_ text: String) async {
        runtime.process(text.map { .key(.char($0)) })
        await settle()
    }

    /// Feeds events without waiting for their effects.
    func process(_ events: [InputEvent]) {
        runtime.process(events)
    }

    /// A left click at a cell.
    func click(x: Int, y: Int) async {
        runtime.process([.mouse(MouseEvent(kind: .press(button: 0), x: x, y: y))])
        await settle()
    }

    func resize(width: Int, height: Int) async {
        backend.resize(width: width, height: height)
        runtime.process(backend.poll(timeout: 0))
        await settle()
    }

    /// Waits until every effect has finished and its actions are applied.
    func settle() async {
        if !(await runtime.settle(timeout: .seconds(20))) { Issue.record("the app did not settle within 20 s") }
    }

    private func settleOrFail() async throws {
        guard await runtime.settle(timeout: .seconds(20)) else { throw TUIFixtureError("the app did not settle within 20 s") }
    }

    // MARK: Output

    /// The screen as text (drawn now), trailing spaces trimmed.
    var screen: String {
        runtime.draw()
        return backend.text
    }

    /// The screen's rows, trailing spaces trimmed.
    var lines: [String] { screen.components(separatedBy: "\n") }

    /// The first row containing `text`.
    func line(containing text: String) -> String? { lines.first { $0.contains(text) } }

    var model: AppModel { runtime.model }

    /// The screen, also written to `$MARKETMATE_TUI_SCREENS/<name>.txt` when that variable
    /// names a directory: the screenshots for reviews and bug reports.
    @discardableResult
    func snapshot(_ name: String) -> String {
        let text = screen
        if let directory = ProcessInfo.processInfo.environment["MARKETMATE_TUI_SCREENS"], !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? (text + "\n").write(toFile: (directory as NSString).appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
        }
        return text
    }
}
