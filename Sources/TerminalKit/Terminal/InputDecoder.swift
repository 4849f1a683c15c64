/// Turns the bytes a terminal sends into input events: UTF-8 text, control keys, xterm
/// escape sequences (arrows, function keys, modifiers), SGR mouse reports and bracketed
/// pastes. Pure byte-in/event-out, so the whole keyboard can be tested without a terminal.
///
/// Bytes are fed as they arrive, in whatever pieces `read()` returns; a sequence split
/// across reads is kept until it completes. A lone Esc cannot be told from the start of a
/// sequence by bytes alone, so the caller calls `flushPending()` once no further byte came
/// within its Esc timeout (about 25 ms: unnoticeable for Esc, still long enough for the
/// rest of an Alt chord or an arrow sequence, which terminals send in one write).
public struct InputDecoder: Sendable {
    /// Bytes not yet decoded: an incomplete escape sequence or UTF-8 character.
    private var buffer: [UInt8] = []
    /// The paste collected so far, while between `CSI 200~` and `CSI 201~`.
    private var paste: [UInt8]?
    /// Inside an overlong sequence: its remaining parameter bytes and final byte are
    /// dropped as they arrive instead of being typed.
    private var discarding = false

    /// Longer "sequences" are garbage (or an attack); they are dropped instead of
    /// buffered without bound.
    static let maximumSequenceLength = 64
    static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    public init() {}

    /// True while bytes wait for more input (or for `flushPending`) to be decoded.
    public var hasPending: Bool { !buffer.isEmpty }
    /// True inside a bracketed paste: everything is text until the paste's end marker.
    public var isPasting: Bool { paste != nil }

    /// Decodes what can be decoded now; an incomplete tail waits for the next call.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [InputEvent] {
        buffer.append(contentsOf: bytes)
        return drain(final: false)
    }

    /// The Esc timeout passed with nothing new: an incomplete sequence is what it looks
    /// like on its own (a lone Esc is the Esc key, `ESC [` is Alt-[, a cut-off UTF-8
    /// character is U+FFFD, a cut-off CSI sequence is dropped). An open bracketed paste
    /// stays open: over a slow link a paste arrives in pieces further apart than that.
    public mutating func flushPending() -> [InputEvent] {
        drain(final: true)
    }

    /// Gives up on a paste whose end marker never came (the caller decides when, e.g.
    /// after a second of silence) and hands out what arrived as the paste.
    public mutating func finishPaste() -> [InputEvent] {
        guard var content = paste else { return [] }
        paste = nil
        // A partial end marker at the very end is the marker being cut off, not text.
        for length in stride(from: Self.pasteEnd.count - 1, through: 1, by: -1)
        where content.count >= length && Array(content.suffix(length)) == Array(Self.pasteEnd.prefix(length)) {
            content.removeLast(length)
            break
        }
        return [.paste(Self.pasteText(content))]
    }

    // MARK: - Driving the parser

    enum Step {
        /// More bytes are needed before anything can be said.
        case incomplete
        /// `consumed` bytes made these events (none: a swallowed sequence).
        case done(consumed: Int, events: [InputEvent])
        /// `consumed` bytes were `CSI 200~`: what follows is pasted text.
        case pasteStart(consumed: Int)
        /// `consumed` bytes began a sequence too long to be real: drop it to its end.
        case discard(consumed: Int)
    }

    private mutating func drain(final: Bool) -> [InputEvent] {
        var events: [InputEvent] = []
        var index = 0
        parsing: while index < buffer.count {
            if paste != nil {
                index = consumePaste(from: index, into: &events)
                continue
            }
            if discarding {
                let byte = buffer[index]
                if (0x20...0x7E).contains(byte) {
                    index += 1
                    discarding = (0x20...0x3F).contains(byte)
                    continue
                }
                discarding = false
            }
            switch parse(at: index, final: final) {
            case .incomplete:
                break parsing
            case .done(let consumed, let decoded):
                for event in decoded { Self.append(event, to: &events) }
                index += consumed
            case .pasteStart(let consumed):
                paste = []
                index += consumed
            case .discard(let consumed):
                discarding = true
                index += consumed
            }
        }
        buffer.removeFirst(index)
        // After the timeout whatever comes next is new input.
        if final { discarding = false }
        return events
    }

    /// Moves bytes into the paste until its end marker; returns the index after the
    /// marker, or the end of the buffer when the paste goes on.
    private mutating func consumePaste(from start: Int, into events: inout [InputEvent]) -> Int {
        let marker = Self.pasteEnd
        for index in start..<buffer.count {
            paste!.append(buffer[index])
            // Checking only the tail keeps a long paste linear, and finds a marker split
            // across reads without extra state.
            if buffer[index] == marker.last!, paste!.count >= marker.count, paste!.suffix(marker.count).elementsEqual(marker) {
                let content = paste!.dropLast(marker.count)
                paste = nil
                events.append(.paste(Self.pasteText(Array(content))))
                return index + 1
            }
        }
        return buffer.count
    }

    /// Pasted bytes as text: invalid UTF-8 becomes U+FFFD, CR LF and lone CR become LF.
    static func pasteText(_ bytes: [UInt8]) -> String {
        var normalised: [UInt8] = []
        normalised.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == 0x0A, previousWasCR { previousWasCR = false; continue }
            previousWasCR = byte == 0x0D
            normalised.append(byte == 0x0D ? 0x0A : byte)
        }
        return String(decoding: normalised, as: UTF8.self)
    }

    /// Appends an event; a character that only extends the previous one (a combining
    /// accent, the rest of an emoji sequence or flag) joins it, so text typed through an
    /// input method arrives as whole graphemes.
    static func append(_ event: InputEvent, to events: inout [InputEvent]) {
        if case .key(let press) = event, press.modifiers.isEmpty, case .character(let next) = press.key,
           case .key(let previous)? = events.last, previous.modifiers.isEmpty, case .character(let base) = previous.key {
            let joined = String(base) + String(next)
            if joined.count == 1, let merged = joined.first {
                events[events.count - 1] = .key(KeyPress(.character(merged)))
                return
            }
        }
        events.append(event)
    }

    // MARK: - One event

    func parse(at index: Int, final: Bool) -> Step {
        buffer[index] == 0x1B ? parseEscape(at: index, final: final) : parsePlain(at: index, final: final)
    }

    private func parseEscape(at start: Int, final: Bool) -> Step {
        guard start + 1 < buffer.count else {
            return final ? .done(consumed: 1, events: [.key(KeyPress(.escape))]) : .incomplete
        }
        switch buffer[start + 1] {
        case UInt8(ascii: "["):
            return parseCSI(start: start, from: start + 2, alt: false, final: final)
        case UInt8(ascii: "O"):
            return parseSS3(start: start, from: start + 2, alt: false, final: final)
        case 0x1B:
            // ESC ESC: Alt+Esc, or Alt with a special key in terminals that send Alt as
            // a leading Esc for those too (rxvt, macOS Terminal).
            guard start + 2 < buffer.count else {
                return final ? .done(consumed: 2, events: [.key(KeyPress(.escape, .alt))]) : .incomplete
            }
            switch buffer[start + 2] {
            case UInt8(ascii: "["): return parseCSI(start: start, from: start + 3, alt: true, final: final)
            case UInt8(ascii: "O"): return parseSS3(start: start, from: start + 3, alt: true, final: final)
            default: return .done(consumed: 2, events: [.key(KeyPress(.escape, .alt))])
            }
        default:
            // Alt+key: the key's own bytes (a UTF-8 character, a control key) after Esc.
            switch parsePlain(at: start + 1, final: final) {
            case .done(let consumed, let events):
                return .done(consumed: consumed + 1, events: events.map { Self.adding(.alt, to: $0) })
            case .incomplete, .pasteStart, .discard:
                return .incomplete
            }
        }
    }

    static func adding(_ modifiers: Modifiers, to event: InputEvent) -> InputEvent {
        guard case .key(var press) = event else { return event }
        press.modifiers.formUnion(modifiers)
        return .key(press)
    }

    /// A key that is not an escape sequence: a control byte, ASCII or one UTF-8 character.
    private func parsePlain(at start: Int, final: Bool) -> Step {
        let byte = buffer[start]
        let key: KeyPress
        switch byte {
        case 0x00: key = KeyPress(.character(" "), .control)
        case 0x09: key = KeyPress(.tab)
        case 0x0A, 0x0D: key = KeyPress(.enter)
        case 0x08, 0x7F: key = KeyPress(.backspace)
        case 0x1B: key = KeyPress(.escape)
        case 0x01...0x1A: key = KeyPress(.character(Character(Unicode.Scalar(byte + 0x60))), .control)
        case 0x1C...0x1F: key = KeyPress(.character(Character(Unicode.Scalar(byte + 0x40))), .control)
        case 0x20...0x7E: key = KeyPress(.character(Character(Unicode.Scalar(byte))))
        default: return parseUTF8(at: start, final: final)
        }
        return .done(consumed: 1, events: [.key(key)])
    }

    private static let replacement = InputEvent.key(KeyPress(.character("\u{FFFD}")))

    /// One UTF-8 character, validated by the Unicode table of well-formed sequences
    /// (no overlongs, surrogates or values past U+10FFFF). A bad byte becomes U+FFFD and
    /// the byte that broke a sequence is decoded afresh, so one glitch costs one character.
    private func parseUTF8(at start: Int, final: Bool) -> Step {
        let lead = buffer[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return .done(consumed: 1, events: [Self.replacement])
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            guard start + offset < buffer.count else {
                return final ? .done(consumed: offset, events: [Self.replacement]) : .incomplete
            }
            let byte = buffer[start + offset]
            guard (offset == 1 ? secondRange : 0x80...0xBF).contains(byte) else {
                return .done(consumed: offset, events: [Self.replacement])
            }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return .done(consumed: length, events: [Self.replacement]) }
        return .done(consumed: length, events: [.key(KeyPress(.character(Character(scalar))))])
    }

    // MARK: - Escape sequences (parameters collected here, meaning in +Sequences)

    /// `ESC [` params intermediates final. `start` is the first Esc, `from` the first
    /// parameter byte.
    private func parseCSI(start: Int, from: Int, alt: Bool, final: Bool) -> Step {
        var index = from
        while index < buffer.count {
            let byte = buffer[index]
            if (0x20...0x3F).contains(byte) {
                index += 1
                continue
            }
            if (0x40...0x7E).contains(byte) {
                if index - start > Self.maximumSequenceLength { return .done(consumed: index + 1 - start, events: []) }
                let parameters = Array(buffer[from..<index])
                let consumed = index + 1 - start
                if byte == UInt8(ascii: "M"), parameters.isEmpty {
                    return legacyMouse(start: start, from: index + 1, final: final)
                }
                return interpretCSI(parameters: parameters, final: byte, consumed: consumed, alt: alt)
            }
            // A byte that cannot be in a sequence: the sequence was garbled. Drop what was
            // read and decode that byte afresh. `ESC [` with nothing valid after it was
            // Alt-[ typed just before something else.
            if index == from { return .done(consumed: from - start, events: [.key(KeyPress(.character("["), .alt))]) }
            return .done(consumed: index - start, events: [])
        }
        if index == from, final { return .done(consumed: from - start, events: [.key(KeyPress(.character("["), .alt))]) }
        return incompleteSequence(length: index - start, final: final)
    }

    /// An unfinished sequence waits for its end, unless it is already longer than any
    /// real one (then it is dropped rather than buffered without bound) or the timeout
    /// passed (then it was cut off: dropped too).
    private func incompleteSequence(length: Int, final: Bool) -> Step {
        if final { return .done(consumed: length, events: []) }
        return length > Self.maximumSequenceLength ? .discard(consumed: length) : .incomplete
    }

    /// `ESC O` final, from xterm's application cursor mode and F1-F4; some terminals put
    /// a modifier digit before the final byte.
    private func parseSS3(start: Int, from: Int, alt: Bool, final: Bool) -> Step {
        var index = from
        while index < buffer.count, (0x30...0x3F).contains(buffer[index]) { index += 1 }
        let altO = InputEvent.key(KeyPress(.character("O"), .alt))
        guard index < buffer.count else {
            if index == from, final { return .done(consumed: index - start, events: [altO]) }
            return incompleteSequence(length: index - start, final: final)
        }
        let byte = buffer[index]
        guard (0x40...0x7E).contains(byte), index - start <= Self.maximumSequenceLength else {
            return .done(consumed: index - start, events: index == from ? [altO] : [])
        }
        let parameters = Array(buffer[from..<index])
        return .done(consumed: index + 1 - start, events: interpretSS3(parameters: parameters, final: byte, alt: alt))
    }

    /// X10 mouse (`CSI M` and three raw bytes), sent by terminals without SGR mouse mode;
    /// decoded so those bytes never leak as typed characters.
    private func legacyMouse(start: Int, from: Int, final: Bool) -> Step {
        guard from + 3 <= buffer.count else {
            return final ? .done(consumed: buffer.count - start, events: []) : .incomplete
        }
        let code = Int(buffer[from]) - 32
        let x = Int(buffer[from + 1]) - 33, y = Int(buffer[from + 2]) - 33
        // X10 reports a release as button 3.
        let event = Self.mouseEvent(code: code, x: x, y: y, released: false)
        return .done(consumed: from + 3 - start, events: event.map { [$0] } ?? [])
    }
}
