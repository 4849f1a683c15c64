import Foundation
import Testing
@testable import MarketModels

@Suite("Terminal text sanitizing")
struct TerminalTextTests {
    @Test("escape sequences are removed whole", arguments: [
        ("\u{1B}]0;evil title\u{7} Mug", " Mug"), // OSC window title, BEL-terminated
        ("\u{1B}]0;evil title\u{7}Mug", "Mug"),
        ("\u{1B}]0;evil\u{1B}\\Mug", "Mug"), // OSC with ST
        ("\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "click"), // hyperlink
        ("\u{1B}]52;c;ZXZpbA==\u{7}Mug", "Mug"), // clipboard write
        ("\u{1B}[31mRed\u{1B}[0m", "Red"), // CSI colours
        ("\u{1B}[1;38;5;196mBold\u{1B}[m", "Bold"),
        ("\u{1B}[2J\u{1B}[HCleared", "Cleared"), // clear screen, cursor home
        ("\u{1B}[?25lHidden cursor", "Hidden cursor"), // private parameters
        ("Price \u{1B}[10D$1.00", "Price $1.00"), // cursor movement used to overwrite text
        ("\u{9B}31mC1 red\u{9B}0m", "C1 red"), // 8-bit CSI
        ("\u{9D}0;title\u{9C}Mug", "Mug"), // 8-bit OSC with 8-bit ST
        ("\u{1B}P1$r0m\u{1B}\\DCS", "DCS"), // device control string
        ("\u{90}payload\u{9C}DCS8", "DCS8"),
        ("\u{1B}_apc\u{1B}\\A", "A"), // APC
        ("\u{1B}^pm\u{1B}\\P", "P"), // PM
        ("\u{1B}Xsos\u{1B}\\S", "S"), // SOS
        ("\u{1B}(BCharset", "Charset"), // nF sequence
        ("\u{1B}cReset", "Reset"), // full reset
        ("\u{1B}7Saved\u{1B}8", "Saved"),
        ("Lone\u{1B}", "Lone"),
        ("\u{1B}\u{1B}[31mDouble", "Double"),
        ("Unterminated \u{1B}]0;title never ends", "Unterminated "),
        ("Bad CSI \u{1B}[31\u{E9}t\u{E9}", "Bad CSI \u{E9}t\u{E9}"), // aborted, the rest kept
    ])
    func escapeSequences(input: String, expected: String) {
        #expect(TerminalText.sanitize(input) == expected)
    }

    @Test("the brief's example")
    func titleExample() {
        #expect(TerminalText.sanitize("\u{1B}]0;evil title\u{07}Mug") == "Mug")
    }

    @Test("control characters: tab to space, line breaks dropped, the rest removed")
    func controls() {
        #expect(TerminalText.sanitize("a\tb") == "a b")
        #expect(TerminalText.sanitize("line1\nline2\r\nline3\rx") == "line1line2line3x")
        #expect(TerminalText.sanitize("bell\u{7}back\u{8}space\u{0}nul\u{7F}del") == "bellbackspacenuldel")
        #expect(TerminalText.sanitize("c1\u{85}\u{8D}\u{9F}") == "c1")
        #expect(TerminalText.sanitize("para\u{2028}graph") == "para graph")
    }

    @Test("multiline keeps newlines but not carriage returns")
    func multiline() {
        #expect(TerminalText.sanitizeMultiline("one\ntwo\r\nthree\rfour") == "one\ntwo\nthreefour")
        #expect(TerminalText.sanitizeMultiline("\u{1B}[31mred\u{1B}[0m\nplain\tx") == "red\nplain x")
        #expect(TerminalText.sanitizeMultiline("a\u{2029}b") == "a\nb")
    }

    @Test("bidi overrides and isolates are removed")
    func bidi() {
        #expect(TerminalText.sanitize("invoice\u{202E}fdp.exe") == "invoicefdp.exe")
        let all = (0x202A...0x202E).map { String(UnicodeScalar($0)!) }.joined()
            + (0x2066...0x2069).map { String(UnicodeScalar($0)!) }.joined()
        #expect(TerminalText.sanitize("x\(all)y") == "xy")
    }

    @Test("printable text is untouched", arguments: [
        "Plain ASCII mug, $12.00",
        "日本語の商品名 — 陶器のマグ",
        "한국어 텍스트",
        "Emoji 🙂☕️ and family 👨‍👩‍👧‍👦 and flag 🇯🇵",
        "Café and cafe\u{301}",
        "עברית ومرحبا", // right-to-left text itself is fine
        "Symbols: ~!@#%^&*()_+{}|:\"<>?`-=[]\\;',./",
        "",
    ])
    func preserved(text: String) {
        #expect(TerminalText.sanitize(text) == text)
        #expect(TerminalText.sanitizeMultiline(text) == text)
    }

    @Test("random garbage never leaves a control character behind")
    func fuzz() {
        var rng = SeededGenerator(seed: 77)
        let pieces: [String] = [
            "\u{1B}", "[", "]", "P", "\\", "\u{7}", "\u{9B}", "\u{9C}", "\u{9D}", "\u{90}", ";", "0", "m",
            "a", "é", "日", "🙂", "\n", "\r", "\t", "\u{202E}", "\u{2066}", "(", " ", "\u{0}", "\u{85}",
        ]
        for _ in 0..<3000 {
            let input = (0..<Int.random(in: 0...40, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            for output in [TerminalText.sanitize(input), TerminalText.sanitizeMultiline(input)] {
                let bad = output.unicodeScalars.filter { scalar in
                    (scalar.value < 0x20 && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
                        || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                }
                #expect(bad.isEmpty, "\(input.debugDescription)")
            }
            #expect(!TerminalText.sanitize(input).contains("\n"))
            // Sanitizing is idempotent.
            let once = TerminalText.sanitize(input)
            #expect(TerminalText.sanitize(once) == once)
        }
    }
}
