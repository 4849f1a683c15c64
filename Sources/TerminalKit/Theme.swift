/// The named styles widgets draw with. A theme file (see `ThemeFile`) sets any of them;
/// the rest come from the built-in default, so a theme can be small.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case text, muted, accent, title, border
    case header, tab, tabActive = "tab-active"
    case footer, footerKey = "footer-key"
    case selection, selectionInactive = "selection-inactive"
    case input, inputFocused = "input-focused", placeholder
    case error, warning, success, info
    case price, stockLow = "stock-low", stockOut = "stock-out"
    case dialog, dialogTitle = "dialog-title"
    case toast, toastError = "toast-error"
    case spinner, progress, progressTrack = "progress-track"
    case match, badge, tableHeader = "table-header"
}

public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [ThemeRole: Style]
    /// The most colour the terminal shows; `reduced(to:)` lowers it. Widgets that draw
    /// colours of their own rather than a role's (a picture) bring them down to this.
    public var colorDepth: ColorDepth

    public init(name: String, styles: [ThemeRole: Style], colorDepth: ColorDepth = .truecolor) {
        self.name = name
        self.styles = styles
        self.colorDepth = colorDepth
    }

    public subscript(role: ThemeRole) -> Style {
        styles[role] ?? Theme.fallback.styles[role] ?? .plain
    }

    /// This theme with every colour brought down to `depth` (attributes stay, so `none`
    /// keeps bold, reverse and underline, and a dropped background turns into reverse video:
    /// `NO_COLOR` and monochrome terminals stay usable).
    public func reduced(to depth: ColorDepth) -> Theme {
        var copy = self
        for role in ThemeRole.allCases {
            var style = self[role]
            // A bar (selection, header, toast) is a background colour; without colour it
            // becomes reverse video so it is still a bar.
            if depth == .none, style.background != .default { style.reverse = true }
            style.foreground = ColorFallback.reduce(style.foreground, to: depth)
            style.background = ColorFallback.reduce(style.background, to: depth)
            copy.styles[role] = style
        }
        copy.colorDepth = min(colorDepth, depth)
        return copy
    }

    /// Used for roles a theme leaves out, and when no theme file can be read. Attributes
    /// alone keep it legible without colour.
    public static let fallback = Theme(name: "fallback", styles: [
        .text: .plain,
        .muted: Style(dim: true),
        .accent: Style(foreground: .cyan, bold: true),
        .title: Style(bold: true),
        .border: Style(dim: true),
        .header: Style(reverse: true),
        .tab: Style(reverse: true),
        .tabActive: Style(bold: true, underline: true),
        .footer: Style(dim: true),
        .footerKey: Style(bold: true),
        .selection: Style(reverse: true),
        .selectionInactive: Style(underline: true),
        .input: Style(underline: true),
        .inputFocused: Style(bold: true, underline: true),
        .placeholder: Style(dim: true),
        .error: Style(foreground: .red, bold: true),
        .warning: Style(foreground: .yellow, bold: true),
        .success: Style(foreground: .green, bold: true),
        .info: Style(foreground: .cyan),
        .price: Style(bold: true),
        .stockLow: Style(foreground: .yellow),
        .stockOut: Style(foreground: .red, dim: true),
        .dialog: Style(reverse: false),
        .dialogTitle: Style(bold: true, reverse: true),
        .toast: Style(reverse: true),
        .toastError: Style(foreground: .red, bold: true, reverse: true),
        .spinner: Style(foreground: .cyan),
        .progress: Style(reverse: true),
        .progressTrack: Style(dim: true),
        .match: Style(bold: true, underline: true),
        .badge: Style(bold: true),
        .tableHeader: Style(bold: true, underline: true),
    ])
}
