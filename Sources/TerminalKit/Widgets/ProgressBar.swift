/// A horizontal bar filled to `fraction`, in eighths of a cell (▏▎▍▌▋▊▉█), with a label
/// after it (the percentage unless given): `██████████▌         42%`.
public struct ProgressBar: Widget, Hashable, Sendable {
    public static let partials = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// 0...1; values outside (and NaN) are clamped.
    public var fraction: Double
    /// nil shows the percentage; "" shows no label.
    public var label: String?

    public init(fraction: Double, label: String? = nil) {
        self.fraction = fraction
        self.label = label
    }

    var clamped: Double { fraction.isNaN ? 0 : min(1, max(0, fraction)) }

    /// Rounded down, so "100%" only shows when it is done.
    public var percentage: Int { Int((clamped * 100).rounded(.down)) }

    /// The filled part of a bar `width` cells long.
    public func bar(width: Int) -> String {
        guard width > 0 else { return "" }
        let eighths = Int((clamped * Double(width) * 8).rounded(.down))
        return String(repeating: "█", count: eighths / 8) + Self.partials[eighths % 8]
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        let text = TextLayout.sanitize(label ?? "\(percentage)%")
        let labelWidth = DisplayWidth.of(text)
        // The label goes when the bar would be shorter than it: the bar is the point.
        let showsLabel = labelWidth > 0 && line.width - labelWidth - 1 >= labelWidth
        let barWidth = showsLabel ? line.width - labelWidth - 1 : line.width
        let track = Rect(x: line.x, y: line.y, width: barWidth, height: 1)
        buffer.fill(track, style: theme[.progressTrack])
        // The block glyphs are drawn in the foreground colour. A theme that marks
        // progress with reverse video (the fallback does) would turn a full block into
        // an empty cell, so reverse is dropped here.
        var fill = theme[.progress]
        fill.reverse = false
        buffer.write(bar(width: barWidth), in: track, style: fill)
        if showsLabel {
            buffer.write(text, in: line, column: barWidth + 1, style: theme[.text])
        }
    }
}
