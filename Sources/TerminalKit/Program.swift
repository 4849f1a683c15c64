/// An Elm-shaped terminal program: a model value, actions, a pure `update` that may ask
/// for effects, and a pure `view` that draws the model into a cell buffer. `Runtime`
/// owns the loop; all drawing and input happen on the thread that calls `Runtime.run`.
public protocol Program {
    associatedtype Model
    associatedtype Action: Sendable

    /// Applies an action; the effect's async work runs off the UI thread and sends its
    /// actions back through the runtime.
    func update(_ model: inout Model, _ action: Action) -> Effect<Action>
    /// Draws the whole screen. Returns where the terminal cursor should be (a focused
    /// text field) or nil to hide it.
    func view(_ model: Model, into buffer: inout CellBuffer, theme: Theme) -> Point?
    /// Turns input into an action for the current screen, or nil to ignore it.
    func action(for event: InputEvent, in model: Model) -> Action?
    /// True when the program is done; the runtime then returns from `run`.
    func isFinished(_ model: Model) -> Bool
    /// Sent about ten times a second while `needsTicks` is true (spinners, toast expiry).
    func tick(_ model: Model) -> Action?
    /// The smallest terminal the screens lay out in; below it the runtime shows an
    /// "enlarge the window" message instead.
    var minimumSize: Size { get }
}

extension Program {
    public func tick(_ model: Model) -> Action? { nil }
    public var minimumSize: Size { Size(width: 60, height: 16) }
}

/// Async work an update asks for. It runs on the cooperative pool and reports back by
/// sending actions; the UI thread never waits for it.
public struct Effect<Action: Sendable>: Sendable {
    public typealias Operation = @Sendable (_ send: Send<Action>) async -> Void
    public let operations: [Operation]

    public init(operations: [Operation]) { self.operations = operations }

    public static var none: Effect { Effect(operations: []) }

    public static func run(_ operation: @escaping Operation) -> Effect { Effect(operations: [operation]) }

    /// Sends `action` after `milliseconds` (debounce: the update ignores stale ones).
    public static func after(milliseconds: Int, _ action: Action) -> Effect {
        .run { send in
            try? await Task.sleep(for: .milliseconds(milliseconds))
            send(action)
        }
    }

    public static func batch(_ effects: [Effect]) -> Effect { Effect(operations: effects.flatMap(\.operations)) }

    /// Sends `actions` back at once, in order: a screen telling the app to show a toast, or
    /// that a request failed.
    public static func sending(_ actions: [Action]) -> Effect {
        .run { send in
            for action in actions { send(action) }
        }
    }

    public var isNone: Bool { operations.isEmpty }

    /// The same work with its actions wrapped (a screen's effect lifted into the app's).
    public func map<Other: Sendable>(_ transform: @escaping @Sendable (Action) -> Other) -> Effect<Other> {
        Effect<Other>(operations: operations.map { operation in
            { send in await operation(Send { send(transform($0)) }) }
        })
    }
}

/// Hands an effect's actions back to the runtime, from any thread.
public struct Send<Action: Sendable>: Sendable {
    let deliver: @Sendable (Action) -> Void
    public init(_ deliver: @escaping @Sendable (Action) -> Void) { self.deliver = deliver }
    public func callAsFunction(_ action: Action) { deliver(action) }
}
