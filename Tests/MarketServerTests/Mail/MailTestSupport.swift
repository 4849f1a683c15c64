import Foundation
import NIOConcurrencyHelpers
@testable import MarketServer

/// A strict little reader of the messages `MailRenderer` writes, so tests check structure
/// (headers, parts, encodings) instead of searching raw text. It decodes what a mail
/// reader would: unfolded headers, RFC 2047 words, quoted-printable bodies.
struct ParsedMail {
    struct Part {
        var headers: [(name: String, value: String)]
        var rawBody: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// The body as the sender wrote it (line ends back to LF).
        var text: String {
            let bytes = header("Content-Transfer-Encoding")?.lowercased() == "quoted-printable"
                ? ParsedMail.decodeQuotedPrintable(rawBody) : Array(rawBody.utf8)
            return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        }
    }

    let raw: String
    let top: Part

    init(_ raw: String) throws {
        self.raw = raw
        guard let split = raw.range(of: "\r\n\r\n") else { throw TestSetupError("no blank line after the headers") }
        top = Part(headers: Self.headers(String(raw[..<split.lowerBound])), rawBody: String(raw[split.upperBound...]))
    }

    func header(_ name: String) -> String? { top.header(name) }

    /// The subject as a reader shows it.
    var subject: String? { header("Subject").map(Self.decodeEncodedWords) }

    var boundary: String? {
        guard let type = header("Content-Type"), let range = type.range(of: "boundary=\"") else { return nil }
        let rest = type[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The parts of a multipart body, or the body itself as the one part.
    func parts() throws -> [Part] {
        guard let boundary else { return [top] }
        let lines = top.rawBody.components(separatedBy: "\r\n")
        var parts: [Part] = []
        var current: [String]?
        var closed = false
        for line in lines {
            if line == "--\(boundary)" || line == "--\(boundary)--" {
                if let current { parts.append(try Self.part(current)) }
                if line == "--\(boundary)--" { closed = true; break }
                current = []
            } else {
                current?.append(line)
            }
        }
        guard closed else { throw TestSetupError("multipart body has no closing boundary") }
        return parts
    }

    private static func part(_ lines: [String]) throws -> Part {
        guard let blank = lines.firstIndex(of: "") else { throw TestSetupError("part has no blank line") }
        var body = lines[(blank + 1)...].joined(separator: "\r\n")
        // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1); the
        // splitting above already dropped it, so `body` is the part's content.
        if body.hasSuffix("\r\n") { body.removeLast(2) }
        return Part(headers: headers(lines[..<blank].joined(separator: "\r\n")), rawBody: body)
    }

    static func headers(_ block: String) -> [(name: String, value: String)] {
        var unfolded: [String] = []
        for line in block.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += line
            } else {
                unfolded.append(line)
            }
        }
        return unfolded.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    static func decodeQuotedPrintable(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "=") {
                if i + 2 < bytes.count, bytes[i + 1] == 13, bytes[i + 2] == 10 { i += 3; continue }  // soft break
                if i + 2 < bytes.count, let byte = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    out.append(byte)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }

    /// Decodes `=?UTF-8?B?…?=` words; whitespace between two words goes (RFC 2047 §6.2).
    static func decodeEncodedWords(_ value: String) -> String {
        let pattern = /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/
        var out = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !(lastWasWord && between.allSatisfy(\.isWhitespace)) { out += between }
            out += String(decoding: Data(base64Encoded: String(match.output.1)) ?? Data(), as: UTF8.self)
            rest = rest[match.range.upperBound...]
            lastWasWord = true
        }
        return out + rest
    }
}

/// A transport that keeps what it was given, and fails on demand.
final class RecordingMailer: Mailer {
    private let state = NIOLockedValueBox<(attempts: [MailMessage], failures: [MailDeliveryError])>(([], []))

    /// Each send takes the next failure, if any is left, instead of succeeding.
    init(failures: [MailDeliveryError] = []) {
        state.withLockedValue { $0.failures = failures }
    }

    /// Every message it was asked to send, failed attempts included.
    var attempts: [MailMessage] { state.withLockedValue { $0.attempts } }

    func send(_ message: MailMessage) async throws {
        let failure: MailDeliveryError? = state.withLockedValue { state in
            state.attempts.append(message)
            return state.failures.isEmpty ? nil : state.failures.removeFirst()
        }
        if let failure { throw failure }
    }
}
