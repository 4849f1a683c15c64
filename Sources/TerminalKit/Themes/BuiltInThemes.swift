/// The default dark theme compiled in: the last resort of `ThemeCatalog`, so the app
/// starts with its intended look even when no theme file can be found (a binary copied
/// somewhere alone, a broken install). It is `themes/default-dark.toml` verbatim; a test
/// checks the two parse to the same theme, so edit both together.
enum BuiltInThemes {
    static let defaultDarkName = "default-dark"

    static let defaultDarkSource = ##"""
# MarketMate's default theme, for terminals with a dark background.
#
# Colours are entries of the xterm 256-colour palette written as #rrggbb, so 256-colour
# and truecolor terminals show exactly these; 16- and 8-colour terminals get the nearest
# ANSI colour. Filled bars (header, selection, toasts, badges) set a background
# colour; when colour is off (NO_COLOR, monochrome terminals) MarketMate draws them in
# reverse video instead, so they stay filled. Plain text keeps the terminal's own colours.
name = "default-dark"
description = "Soft greys with a sky-blue accent and gold prices, for dark terminals"

[styles]
text               = { fg = "default" }
muted              = { fg = "#8a8a8a" }
accent             = { fg = "#5fafff", bold = true }
title              = { fg = "#eeeeee", bold = true }
border             = { fg = "#767676" }
header             = { fg = "#eeeeee", bg = "#444444" }
tab                = { fg = "#bcbcbc", bg = "#444444" }
tab-active         = { fg = "#5fafff", bg = "#1c1c1c", bold = true, underline = true }
footer             = { fg = "#8a8a8a" }
footer-key         = { fg = "#5fafff", bold = true }
selection          = { fg = "#000000", bg = "#5fafff", bold = true }
selection-inactive = { fg = "#eeeeee", bg = "#585858" }
input              = { fg = "#d0d0d0", bg = "#303030", underline = true }
input-focused      = { fg = "#ffffff", bg = "#444444", bold = true, underline = true }
placeholder        = { fg = "#767676", italic = true }
error              = { fg = "#ff5f5f", bold = true }
warning            = { fg = "#ffaf5f", bold = true }
success            = { fg = "#00d75f", bold = true }
info               = { fg = "#5fd7d7" }
price              = { fg = "#ffd75f", bold = true }
stock-low          = { fg = "#ffaf5f" }
stock-out          = { fg = "#d75f5f", italic = true }
dialog             = { fg = "#d0d0d0", bg = "#262626" }
dialog-title       = { fg = "#5fafff", bg = "#262626", bold = true }
toast              = { fg = "#1c1c1c", bg = "#d0d0d0" }
toast-error        = { fg = "#000000", bg = "#ff5f5f", bold = true }
spinner            = { fg = "#5fafff" }
progress           = { fg = "#000000", bg = "#5fafff" }
progress-track     = { fg = "#767676", bg = "#303030" }
match              = { fg = "#ff5fd7", bold = true, underline = true }
badge              = { fg = "#000000", bg = "#ffd75f", bold = true }
table-header       = { fg = "#87afd7", bold = true }
"""##

    /// Parsed once. It cannot fail (the test above guards it); if it ever did, the
    /// toolkit's own fallback theme is used rather than stopping the app.
    static let defaultDark: ThemeFile = {
        do {
            return try ThemeFile.parse(defaultDarkSource, path: "(built-in default-dark)")
        } catch {
            return ThemeFile(theme: Theme(name: defaultDarkName, styles: Theme.fallback.styles), description: nil)
        }
    }()
}
