import Foundation

/// Runs a `Program` against a backend: input → actions → update → view → present, with
/// effects' actions drained between keys. One thread does all of it; effects run on the
/// cooperative pool and wake the loop through the backend.
public final class Runtime<P: Program> {
    public let program: P
    public private(set) var model: P.Model
    public let backend: any TerminalBackend
    public var theme: Theme
    /// Effects not finished yet (tests wait for zero).
    public var effectsInFlight: Int { inbox.withLock { $0.inFlight } }

    private let inbox = ActionInbox<P.Action>()
    private var needsDraw = true
    private var lastTick = ContinuousClock.now

    public init(program: P, model: P.Model, backend: any TerminalBackend, theme: Theme) {
        self.program = program
        self.model = model
        self.backend = backend
        self.theme = theme.reduced(to: backend.colorDepth)
    }

    /// Loops until the program says it is finished.
    public func run() {
        // Programs learn the size the same way as on every later resize.
        process([.resize(backend.size)])
        draw()
        while !program.isFinished(model) {
            let events = backend.poll(timeout: 100)
            process(events)
            if events.contains(.terminate) { return }
            drainInbox()
            tickIfDue()
            if needsDraw { draw() }
        }
    }

    /// Feeds input as if typed, then applies whatever effects already sent. For tests and
    /// benchmarks; `run` does the same in its loop.
    public func process(_ events: [InputEvent]) {
        for event in events {
            if case .resize = event { backend.invalidate(); needsDraw = true }
            if let action = program.action(for: event, in: model) { send(action) }
        }
    }

    /// Applies an action now, on the calling (UI) thread.
    public func send(_ action: P.Action) {
        let effect = program.update(&model, action)
        needsDraw = true
        start(effect)
    }

    /// Applies the actions effects have sent so far.
    public func drainInbox() {
        let actions = inbox.withLock { inbox -> [P.Action] in
            defer { inbox.actions.removeAll() }
            return inbox.actions
        }
        for action in actions { send(action) }
    }

    /// Waits (draining as actions arrive) until no effect is running and nothing is queued,
    /// or the timeout passes. Returns false on timeout. For tests.
    @discardableResult
    public func settle(timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            drainInbox()
            let idle = inbox.withLock { $0.inFlight == 0 && $0.actions.isEmpty }
            if idle { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return false
    }

    /// Renders the current model into the backend (when something changed).
    public func draw() {
        needsDraw = false
        let size = backend.size
        var buffer = CellBuffer(width: size.width, height: size.height)
        let minimum = program.minimumSize
        if size.width < minimum.width || size.height < minimum.height {
            TooSmallNotice.draw(into: &buffer, minimum: minimum, theme: theme)
            backend.present(buffer, cursor: nil)
            return
        }
        let cursor = program.view(model, into: &buffer, theme: theme)
        backend.present(buffer, cursor: cursor)
    }

    /// Forces a full redraw (after a suspend, or Ctrl-L).
    public func redraw() {
        backend.invalidate()
        draw()
    }

    private func tickIfDue() {
        let now = ContinuousClock.now
        guard now - lastTick >= .milliseconds(100) else { return }
        lastTick = now
        if let action = program.tick(model) { send(action) }
    }

    private func start(_ effect: Effect<P.Action>) {
        guard !effect.isNone else { return }
        let inbox = self.inbox
        let backend = UncheckedBackend(backend: backend)
        for operation in effect.operations {
            inbox.withLock { $0.inFlight += 1 }
            Task.detached { @Sendable in
                await operation(Send { action in
                    inbox.withLock { $0.actions.append(action) }
                    backend.wake()
                })
                inbox.withLock { $0.inFlight -= 1 }
                backend.wake()
            }
        }
    }
}

/// Actions sent by effects, waiting for the UI thread, and how many effects still run.
final class ActionInbox<Action: Sendable>: @unchecked Sendable {
    struct State {
        var actions: [Action] = []
        var inFlight = 0
    }
    private let lock = NSLock()
    private var state = State()

    func withLock<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }
}

/// Lets effect tasks wake the UI thread's poll. Only `wake()` is called off the UI
/// thread, and every backend makes that one call thread-safe.
private struct UncheckedBackend: @unchecked Sendable {
    let backend: any TerminalBackend
    func wake() { (backend as? any WakeableBackend)?.wake() }
}

/// A backend whose `poll` can be cut short from another thread.
public protocol WakeableBackend: TerminalBackend {
    /// Thread-safe: makes a waiting `poll` return early.
    func wake()
}

/// What a too-small terminal shows instead of a squeezed layout.
enum TooSmallNotice {
    static func draw(into buffer: inout CellBuffer, minimum: Size, theme: Theme) {
        let lines = [
            "Please enlarge the window",
            "to at least \(minimum.width)x\(minimum.height)",
            "(now \(buffer.width)x\(buffer.height))",
        ]
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let shown = DisplayWidth.prefix(line, fitting: buffer.width)
            let x = max(0, (buffer.width - DisplayWidth.of(shown)) / 2)
            buffer.write(shown, x: x, y: top + i, style: i == 0 ? theme[.warning] : theme[.text])
        }
    }
}
