/// Something is happening: a frame chosen by a tick counter the app advances (from
/// `Program.tick`), so drawing stays a pure function of the model. `⠹ Loading products`
public struct Spinner: Widget, Hashable, Sendable {
    /// Braille dots, smooth in most fonts.
    public static let dots = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
    /// Plain ASCII, for terminals and fonts without braille.
    public static let line = ["|", "/", "-", "\\"]

    public var tick: Int
    public var label: String
    public var frames: [String]

    public init(tick: Int, label: String = "", frames: [String] = Spinner.dots) {
        self.tick = tick
        self.label = label
        self.frames = frames
    }

    /// The frame for `tick` (any integer, negative too).
    public var frame: String {
        guard !frames.isEmpty else { return "" }
        let count = frames.count
        return frames[((tick % count) + count) % count]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        let used = buffer.write(frame, in: line, style: theme[.spinner])
        if !label.isEmpty, used + 1 < line.width {
            let text = TextLayout.truncate(TextLayout.sanitize(label), to: line.width - used - 1)
            buffer.write(text, in: line, column: used + 1, style: theme[.text])
        }
    }
}
