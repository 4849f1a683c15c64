import Foundation

/// Makes untrusted text (product titles, chat messages, names: anything from
/// the server or another user) safe to draw in a terminal.
///
/// A terminal obeys escape sequences embedded in the text it prints. Left in,
/// they let a seller retitle the buyer's window, recolour or clear the screen,
/// move the cursor to forge a different price, or (on some terminals) write to
/// the clipboard or run commands. Bidi overrides let text display differently
/// from what it is. So everything that is not printable text goes: whole
/// escape sequences (not just the ESC byte, which would leave "[31m" junk
/// behind), their 8-bit C1 forms, and every remaining control character.
public enum TerminalText {
    /// One line of text: tabs become spaces, line breaks are removed.
    public static func sanitize(_ s: String) -> String {
        clean(s, keepNewlines: false)
    }

    /// Like `sanitize`, but keeps "\n" (a chat message, a description).
    /// "\r" is still dropped, so "\r\n" becomes "\n" and a bare "\r" cannot
    /// return the cursor to overwrite the start of a line.
    public static func sanitizeMultiline(_ s: String) -> String {
        clean(s, keepNewlines: true)
    }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        // Nearly all text is clean; return it without copying.
        guard text.unicodeScalars.contains(where: needsAttention) else { return text }

        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x1B: // ESC: a 7-bit escape sequence, or a lone ESC.
                index = endOfEscape(scalars, escapeAt: index)
            case 0x9B: // C1 CSI
                index = endOfControlSequence(scalars, from: index + 1)
            case 0x9D: // C1 OSC
                index = endOfControlString(scalars, from: index + 1, bellEnds: true)
            case 0x90, 0x98, 0x9E, 0x9F: // C1 DCS, SOS, PM, APC
                index = endOfControlString(scalars, from: index + 1, bellEnds: false)
            case 0x09:
                output.append(" ")
                index += 1
            case 0x0A:
                if keepNewlines { output.append("\n") }
                index += 1
            case 0x2028, 0x2029: // Unicode line and paragraph separators
                output.append(keepNewlines ? "\n" : " ")
                index += 1
            default:
                if !Validation.isControl(scalar) && !Validation.isBidiControl(scalar) {
                    output.append(scalar)
                }
                index += 1
            }
        }
        return String(output)
    }

    private static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        Validation.isControl(scalar) || Validation.isBidiControl(scalar)
            || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// The index just past the escape sequence that starts with ESC at
    /// `escapeAt`. ECMA-48 shapes:
    /// - `ESC [` CSI, `ESC ]` OSC, `ESC P`/`X`/`^`/`_` DCS/SOS/PM/APC strings;
    /// - `ESC` intermediates (0x20-0x2F) then a final 0x30-0x7E, e.g. `ESC ( B`;
    /// - `ESC` and one byte 0x30-0x7E, e.g. `ESC c` (full reset), `ESC 7`.
    /// Anything else drops the ESC alone and lets the next character be
    /// looked at afresh.
    private static func endOfEscape(_ scalars: [Unicode.Scalar], escapeAt start: Int) -> Int {
        let next = start + 1
        guard next < scalars.count else { return next }
        switch scalars[next].value {
        case 0x5B: // [
            return endOfControlSequence(scalars, from: next + 1)
        case 0x5D: // ]
            return endOfControlString(scalars, from: next + 1, bellEnds: true)
        case 0x50, 0x58, 0x5E, 0x5F: // P X ^ _
            return endOfControlString(scalars, from: next + 1, bellEnds: false)
        case 0x20...0x2F:
            var index = next
            while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) {
                index += 1
            }
            if index < scalars.count, (0x30...0x7E).contains(scalars[index].value) {
                return index + 1
            }
            return index
        case 0x30...0x7E:
            return next + 1
        default:
            return next
        }
    }

    /// The index just past a CSI's final byte: parameters 0x30-0x3F and
    /// intermediates 0x20-0x2F, ended by a final 0x40-0x7E. A character that
    /// fits none of these ends a malformed sequence without being eaten.
    private static func endOfControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count {
            let value = scalars[index].value
            if (0x20...0x3F).contains(value) {
                index += 1
            } else if (0x40...0x7E).contains(value) {
                return index + 1
            } else {
                return index
            }
        }
        return index
    }

    /// The index just past the terminator of an OSC/DCS/SOS/PM/APC string:
    /// ST (`ESC \` or C1 0x9C), or BEL for OSC, which xterm accepts. An
    /// unterminated string swallows the rest of the text, as a terminal would
    /// have; an ESC not followed by "\" ends the string and is looked at again.
    private static func endOfControlString(_ scalars: [Unicode.Scalar], from start: Int, bellEnds: Bool) -> Int {
        var index = start
        while index < scalars.count {
            switch scalars[index].value {
            case 0x07 where bellEnds, 0x9C:
                return index + 1
            case 0x1B:
                if index + 1 < scalars.count, scalars[index + 1] == "\\" {
                    return index + 2
                }
                return index
            default:
                index += 1
            }
        }
        return index
    }
}
