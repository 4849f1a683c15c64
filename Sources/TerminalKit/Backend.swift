/// Where frames go and input comes from. The ncurses backend drives a real terminal; the
/// memory backend keeps the last frame as text for tests and benchmarks.
public protocol TerminalBackend: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// The colour depth frames are reduced to.
    var colorDepth: ColorDepth { get }
    /// Writes a frame out; only cells that changed since the last frame need to be sent.
    /// `cursor` shows the terminal cursor there (a focused text field), nil hides it.
    func present(_ frame: CellBuffer, cursor: Point?)
    /// Waits up to `timeout` milliseconds for input and returns what arrived (possibly
    /// nothing). Also reports resizes.
    func poll(timeout milliseconds: Int) -> [InputEvent]
    /// Forgets what is on screen so the next `present` redraws everything (after a
    /// suspend, or when the user asks for a redraw).
    func invalidate()
}

/// A backend in memory: a fixed size, scripted input, and the last frame as lines.
public final class MemoryBackend: TerminalBackend {
    public private(set) var size: Size
    public let colorDepth: ColorDepth
    public private(set) var lastFrame: CellBuffer
    public private(set) var cursor: Point?
    public private(set) var framesPresented = 0
    /// Events `poll` hands out, oldest first.
    public var pendingInput: [InputEvent] = []

    public init(width: Int, height: Int, colorDepth: ColorDepth = .truecolor) {
        size = Size(width: width, height: height)
        self.colorDepth = colorDepth
        lastFrame = CellBuffer(width: width, height: height)
    }

    public func present(_ frame: CellBuffer, cursor: Point?) {
        lastFrame = frame
        self.cursor = cursor
        framesPresented += 1
    }

    public func poll(timeout milliseconds: Int) -> [InputEvent] {
        defer { pendingInput.removeAll() }
        return pendingInput
    }

    public func invalidate() {}

    /// Changes the size and queues the resize event a terminal would send.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        pendingInput.append(.resize(size))
    }

    /// The last frame as text, one string per row.
    public var lines: [String] { lastFrame.lines }
    /// The last frame joined with newlines, trailing spaces trimmed: readable snapshots.
    public var text: String { lastFrame.text }
}
