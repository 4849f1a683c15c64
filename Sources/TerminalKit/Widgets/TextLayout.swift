/// Fitting text into columns: clipping with an ellipsis, padding to a width with an
/// alignment, word wrapping. All by display width, so CJK and emoji take their two cells,
/// and always between grapheme clusters, so nothing is cut in half.
public enum TextLayout {
    /// `text` cut to at most `width` columns, ending in `ellipsis` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard width > ellipsisWidth else { return DisplayWidth.prefix(ellipsis, fitting: width) }
        var kept = DisplayWidth.prefix(text, fitting: width - ellipsisWidth)
        // "Blue mug…" reads better than "Blue mug …".
        while kept.last?.isWhitespace == true { kept.removeLast() }
        return kept + ellipsis
    }

    /// `text` truncated to `width` and padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, to: width)
        let spare = width - DisplayWidth.of(fitted)
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: spare)
        case .right: return String(repeating: " ", count: spare) + fitted
        case .center:
            let left = spare / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: spare - left)
        }
    }

    /// One line of text safe to draw: escape sequences (CSI, OSC and two-byte ones) and
    /// control characters removed, tabs and line breaks turned into spaces. Text from the
    /// server is untrusted: an escape sequence drawn raw could rewrite the terminal.
    public static func sanitize(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        var afterCR = false
        while let scalar = scalars.next() {
            defer { afterCR = scalar.value == 0x0D }
            switch scalar.value {
            case 0x1B:
                skipEscapeSequence(&scalars)
            case 0x0A where afterCR:
                continue  // the second half of a CRLF: one line break, one space
            case 0x09, 0x0A, 0x0D:
                out.unicodeScalars.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0:
                continue
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Consumes the rest of an escape sequence after ESC.
    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let introducer = scalars.next() else { return }
        switch introducer {
        case "[":
            // CSI: parameters and intermediates up to a final byte in @...~.
            while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
        case "]", "P", "_", "^":
            // OSC/DCS/APC/PM: up to BEL or ESC \ (string terminator).
            while let next = scalars.next() {
                if next.value == 0x07 { return }
                if next.value == 0x1B { _ = scalars.next(); return }
            }
        default:
            return  // a two-byte sequence: the introducer was its second byte
        }
    }

    /// Word-wraps `text` into lines of at most `width` columns. Line breaks in the text
    /// start new lines; spaces at a wrap point are dropped; a word longer than a line is
    /// broken between grapheme clusters; wide (CJK) characters may break anywhere, as
    /// those scripts do without spaces.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        // `isNewline` also covers "\r\n", which Swift keeps as one Character.
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).flatMap { paragraph in
            wrapParagraph(sanitize(String(paragraph)), width: width)
        }
    }

    private enum Token {
        case space(String)
        case word(String)
    }

    private static func tokens(of text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var currentIsSpace = false
        func flush() {
            if !current.isEmpty { tokens.append(currentIsSpace ? .space(current) : .word(current)) }
            current = ""
        }
        for character in text {
            let isSpace = character == " "
            if DisplayWidth.of(character) == 2 {
                flush()
                tokens.append(.word(String(character)))
                continue
            }
            if isSpace != currentIsSpace { flush() }
            currentIsSpace = isSpace
            current.append(character)
        }
        flush()
        return tokens
    }

    private static func wrapParagraph(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var pending = ""  // spaces waiting for the next word on this line
        for token in tokens(of: text) {
            switch token {
            case .space(let spaces):
                if line.isEmpty && lines.isEmpty {
                    // Leading indentation of the paragraph is kept (as far as it fits).
                    line = truncate(spaces, to: width, ellipsis: "")
                    lineWidth = DisplayWidth.of(line)
                } else {
                    pending += spaces
                }
            case .word(let word):
                let wordWidth = DisplayWidth.of(word)
                let pendingWidth = DisplayWidth.of(pending)
                if lineWidth + pendingWidth + wordWidth <= width {
                    line += pending + word
                    lineWidth += pendingWidth + wordWidth
                } else if wordWidth <= width {
                    lines.append(line)
                    line = word
                    lineWidth = wordWidth
                } else {
                    if !line.isEmpty { lines.append(line) }
                    var rest = Substring(word)
                    while DisplayWidth.of(String(rest)) > width {
                        var piece = DisplayWidth.prefix(String(rest), fitting: width)
                        // A character wider than the whole line goes on a line of its own
                        // (the buffer clips it) rather than looping forever.
                        if piece.isEmpty, let first = rest.first { piece = String(first) }
                        lines.append(piece)
                        rest = rest.dropFirst(piece.count)
                    }
                    line = String(rest)
                    lineWidth = DisplayWidth.of(line)
                }
                pending = ""
            }
        }
        lines.append(line)
        return lines
    }
}
