import Testing
import TerminalKit

/// Decodes everything: feed, then flush as the Esc timeout would.
private func decode(_ bytes: [UInt8]) -> [InputEvent] {
    var decoder = InputDecoder()
    return decoder.feed(bytes) + decoder.flushPending()
}

private func decode(_ text: String) -> [InputEvent] { decode(Array(text.utf8)) }

private func key(_ key: Key, _ modifiers: Modifiers = []) -> InputEvent { .key(KeyPress(key, modifiers)) }
private func char(_ c: Character, _ modifiers: Modifiers = []) -> InputEvent { .key(KeyPress(.character(c), modifiers)) }
private func mouse(_ kind: MouseEvent.Kind, _ x: Int, _ y: Int, _ modifiers: Modifiers = []) -> InputEvent {
    .mouse(MouseEvent(kind: kind, x: x, y: y, modifiers: modifiers))
}

private let esc = "\u{1B}"

@Suite("Input decoder")
struct InputDecoderTests {
    @Test("plain and control keys", arguments: [
        ("a", [char("a")]), ("Z", [char("Z")]), (" ", [char(" ")]), ("~", [char("~")]),
        ("\r", [key(.enter)]), ("\n", [key(.enter)]), ("\t", [key(.tab)]),
        ("\u{7F}", [key(.backspace)]), ("\u{08}", [key(.backspace)]),
        ("\u{01}", [char("a", .control)]), ("\u{03}", [char("c", .control)]), ("\u{11}", [char("q", .control)]),
        ("\u{1A}", [char("z", .control)]), ("\u{00}", [char(" ", .control)]), ("\u{1C}", [char("\\", .control)]),
        ("\u{1F}", [char("_", .control)]), ("\(esc)", [key(.escape)]),
        ("ab", [char("a"), char("b")]),
    ] as [(String, [InputEvent])])
    func plain(input: String, expected: [InputEvent]) {
        #expect(decode(input) == expected)
    }

    @Test("UTF-8 text, whole or split across reads at every byte")
    func utf8() {
        let text = "é陶器☕👍🏽🇫🇷"
        let expected = text.map { char($0) }
        #expect(decode(text) == expected)
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            var decoder = InputDecoder()
            let events = decoder.feed(bytes[..<cut]) + decoder.feed(bytes[cut...])
            // Split inside a grapheme, the two halves arrive as two batches: what counts is
            // that every scalar arrives once, in order, and nothing is lost.
            let scalars = events.compactMap { event -> String? in
                guard case .key(let press) = event, case .character(let c) = press.key else { return nil }
                return String(c)
            }.joined()
            #expect(scalars == text, "cut at \(cut)")
            #expect(!decoder.hasPending)
        }
    }

    @Test("a decomposed accent joins its letter")
    func combining() {
        #expect(decode("e\u{301}x") == [char("e\u{301}"), char("x")])
    }

    @Test("invalid UTF-8 becomes U+FFFD, never a crash", arguments: [
        ([0xFF], ["\u{FFFD}"]), ([0x80, 0x41], ["\u{FFFD}", "A"]), ([0xC3, 0x41], ["\u{FFFD}", "A"]),
        ([0xC0, 0xAF], ["\u{FFFD}", "\u{FFFD}"]), ([0xED, 0xA0, 0x80], ["\u{FFFD}", "\u{FFFD}", "\u{FFFD}"]),
        ([0xF4, 0x90, 0x80, 0x80], ["\u{FFFD}", "\u{FFFD}", "\u{FFFD}", "\u{FFFD}"]),
        ([0xE6, 0x99], ["\u{FFFD}"]), ([0xF0, 0x9F, 0x98], ["\u{FFFD}"]),
    ] as [([UInt8], [Character])])
    func invalid(bytes: [UInt8], expected: [Character]) {
        // Replacement characters never merge: each is its own grapheme.
        #expect(decode(bytes) == expected.map { char($0) })
    }

    @Test("an incomplete character waits for the rest")
    func waits() {
        var decoder = InputDecoder()
        #expect(decoder.feed([0xE9, 0x99]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.feed([0xB6]) == [char("陶")])
    }

    @Test("cursor and editing keys", arguments: [
        ("[A", key(.up)), ("[B", key(.down)), ("[C", key(.right)), ("[D", key(.left)),
        ("OA", key(.up)), ("OB", key(.down)), ("OC", key(.right)), ("OD", key(.left)),
        ("[H", key(.home)), ("[F", key(.end)), ("OH", key(.home)), ("OF", key(.end)),
        ("[1~", key(.home)), ("[7~", key(.home)), ("[4~", key(.end)), ("[8~", key(.end)),
        ("[2~", key(.insert)), ("[3~", key(.delete)), ("[5~", key(.pageUp)), ("[6~", key(.pageDown)),
        ("[Z", key(.tab, .shift)),
        ("[1;5A", key(.up, .control)), ("[1;3B", key(.down, .alt)), ("[1;2C", key(.right, .shift)),
        ("[1;6D", key(.left, [.control, .shift])), ("[1;9A", key(.up, .alt)), ("[1;5H", key(.home, .control)),
        ("[3;5~", key(.delete, .control)), ("[5;3~", key(.pageUp, .alt)), ("[6;2~", key(.pageDown, .shift)),
        ("[2;7~", key(.insert, [.control, .alt])), ("O5A", key(.up, .control)), ("OM", key(.enter)),
    ])
    func cursorKeys(sequence: String, expected: InputEvent) {
        #expect(decode(esc + sequence) == [expected])
    }

    @Test("function keys", arguments: [
        ("OP", 1), ("OQ", 2), ("OR", 3), ("OS", 4),
        ("[11~", 1), ("[12~", 2), ("[13~", 3), ("[14~", 4), ("[15~", 5), ("[17~", 6), ("[18~", 7),
        ("[19~", 8), ("[20~", 9), ("[21~", 10), ("[23~", 11), ("[24~", 12),
    ])
    func functionKeys(sequence: String, number: Int) {
        #expect(decode(esc + sequence) == [key(.function(number))])
    }

    @Test("function keys with modifiers", arguments: [
        ("[1;5P", key(.function(1), .control)), ("[1;2S", key(.function(4), .shift)),
        ("[15;5~", key(.function(5), .control)), ("[24;3~", key(.function(12), .alt)),
    ])
    func modifiedFunctionKeys(sequence: String, expected: InputEvent) {
        #expect(decode(esc + sequence) == [expected])
    }

    @Test("Alt chords", arguments: [
        ("x", char("x", .alt)), ("X", char("X", .alt)), ("é", char("é", .alt)), ("陶", char("陶", .alt)),
        ("\u{7F}", key(.backspace, .alt)), ("\r", key(.enter, .alt)), ("\u{01}", char("a", [.control, .alt])),
        (" ", char(" ", .alt)), ("\(esc)", key(.escape, .alt)),
        ("\(esc)[A", key(.up, .alt)), ("\(esc)OA", key(.up, .alt)), ("\(esc)[5~", key(.pageUp, .alt)),
        ("[", char("[", .alt)), ("O", char("O", .alt)),
    ])
    func altChords(rest: String, expected: InputEvent) {
        #expect(decode(esc + rest) == [expected])
    }

    @Test("Esc is held until the timeout, then a key")
    func loneEscape() {
        var decoder = InputDecoder()
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.hasPending)
        #expect(decoder.flushPending() == [key(.escape)])
        #expect(!decoder.hasPending)
        // Within the timeout the next byte makes it an Alt chord or a sequence instead.
        #expect(decoder.feed([0x1B]).isEmpty)
        #expect(decoder.feed(Array("x".utf8)) == [char("x", .alt)])
        #expect(decoder.feed(Array("\(esc)[".utf8)).isEmpty)
        #expect(decoder.feed(Array("1;5".utf8)).isEmpty)
        #expect(decoder.feed(Array("A".utf8)) == [key(.up, .control)])
    }

    @Test("sequences split at every byte decode the same")
    func splitSequences() {
        let input = "a\(esc)[1;5A\(esc)x\(esc)OP\(esc)[<0;5;3M陶\(esc)[15~"
        let whole = decode(input)
        #expect(whole.count == 7)
        let bytes = Array(input.utf8)
        for cut in 1..<bytes.count {
            var decoder = InputDecoder()
            let events = decoder.feed(bytes[..<cut]) + decoder.feed(bytes[cut...])
            #expect(events == whole, "cut at \(cut)")
        }
    }

    @Test("SGR mouse reports", arguments: [
        ("[<0;1;1M", mouse(.press(button: 0), 0, 0)), ("[<1;10;5M", mouse(.press(button: 1), 9, 4)),
        ("[<2;3;4M", mouse(.press(button: 2), 2, 3)), ("[<0;10;5m", mouse(.release, 9, 4)),
        ("[<64;7;8M", mouse(.wheelUp, 6, 7)), ("[<65;7;8M", mouse(.wheelDown, 6, 7)),
        ("[<32;20;2M", mouse(.drag(button: 0), 19, 1)), ("[<34;20;2M", mouse(.drag(button: 2), 19, 1)),
        ("[<4;2;2M", mouse(.press(button: 0), 1, 1, .shift)), ("[<8;2;2M", mouse(.press(button: 0), 1, 1, .alt)),
        ("[<16;2;2M", mouse(.press(button: 0), 1, 1, .control)),
        ("[<80;300;120M", mouse(.wheelUp, 299, 119, .control)),
    ])
    func sgrMouse(sequence: String, expected: InputEvent) {
        #expect(decode(esc + sequence) == [expected])
    }

    @Test("legacy X10 mouse bytes never leak as characters")
    func legacyMouse() {
        #expect(decode([0x1B, 0x5B, 0x4D, 32, 33 + 4, 33 + 2]) == [mouse(.press(button: 0), 4, 2)])
        #expect(decode([0x1B, 0x5B, 0x4D, 35, 33, 33]) == [mouse(.release, 0, 0)])
    }

    @Test("unknown and garbled sequences are swallowed", arguments: [
        "[99~", "[?62;22c", "[>1;2;3c", "[<35;1;1M", "[<66;1;1M", "[12;40R", "[1 q",
        "[<0;1M", "OZ", "[" + String(repeating: "1;", count: 80) + "A",
    ])
    func swallowed(sequence: String) {
        let events = decode(esc + sequence + "k")
        #expect(events.last == char("k"))
        // Whatever the sequence was, none of its bytes became typed characters.
        #expect(events.dropLast().allSatisfy { if case .key = $0 { false } else { true } }, "\(events)")
    }

    @Test("an overlong sequence arriving in pieces is dropped to its end")
    func overlong() {
        var decoder = InputDecoder()
        var events = decoder.feed(Array("\(esc)[".utf8))
        for _ in 0..<100 { events += decoder.feed(Array("1;".utf8)) }
        events += decoder.feed(Array("Ak".utf8))
        #expect(events == [char("k")])
    }

    @Test("a garbled sequence stops at a byte that cannot belong to it")
    func garbled() {
        #expect(decode("\(esc)[12\u{01}x") == [char("a", .control), char("x")])
    }

    @Test("bracketed paste is text, even with escapes and control bytes in it")
    func paste() {
        let pasted = "line one\r\nline two\rthree\n\(esc)[A\u{03}陶器 \(esc)x"
        #expect(decode("\(esc)[200~\(pasted)\(esc)[201~q") == [
            .paste("line one\nline two\nthree\n\(esc)[A\u{03}陶器 \(esc)x"), char("q"),
        ])
        #expect(decode("\(esc)[200~\(esc)[201~") == [.paste("")])
    }

    @Test("a paste split at every byte arrives whole")
    func splitPaste() {
        let bytes = Array("a\(esc)[200~x\r\ny 陶\(esc)[201~b".utf8)
        for cut in 1..<bytes.count {
            var decoder = InputDecoder()
            var events = decoder.feed(bytes[..<cut])
            // An Esc timeout in the middle must not end the paste.
            if decoder.isPasting { events += decoder.flushPending() }
            events += decoder.feed(bytes[cut...])
            #expect(events == [char("a"), .paste("x\ny 陶"), char("b")], "cut at \(cut)")
        }
    }

    @Test("an unterminated paste can be given up on")
    func unterminatedPaste() {
        var decoder = InputDecoder()
        #expect(decoder.feed(Array("\(esc)[200~hello\(esc)[20".utf8)).isEmpty)
        #expect(decoder.isPasting)
        #expect(decoder.flushPending().isEmpty)
        #expect(decoder.finishPaste() == [.paste("hello")])
        #expect(!decoder.isPasting)
        #expect(decoder.feed(Array("j".utf8)) == [char("j")])
    }

    @Test("a large paste is decoded in one piece")
    func largePaste() {
        let body = String(repeating: "0123456789abcdef\n", count: 20_000)
        var decoder = InputDecoder()
        var events: [InputEvent] = []
        let bytes = Array("\(esc)[200~\(body)\(esc)[201~".utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + 4096)
            events += decoder.feed(bytes[start..<end])
            start = end
        }
        #expect(events == [.paste(body)])
    }

    @Test("random bytes never crash and never leave the decoder stuck")
    func fuzz() {
        var generator = SplitMix(seed: 42)
        for _ in 0..<300 {
            var decoder = InputDecoder()
            let bytes = (0..<Int.random(in: 1...64, using: &generator)).map { _ -> UInt8 in
                // Bias towards the interesting bytes.
                let pick = Int.random(in: 0..<10, using: &generator)
                return pick < 3 ? [0x1B, 0x5B, 0x3B, 0x3C, 0x4F, 0x7E][Int.random(in: 0..<6, using: &generator)]
                    : UInt8.random(in: 0...255, using: &generator)
            }
            _ = decoder.feed(bytes)
            _ = decoder.flushPending()
            _ = decoder.finishPaste()
            #expect(!decoder.hasPending)
            #expect(decoder.feed(Array("k".utf8)) == [char("k")])
        }
    }
}

/// A small seeded generator: the fuzz test is the same on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
