#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Reads `multipart/form-data` (RFC 7578 over RFC 2046 §5.1) from a body that arrives in
/// chunks, one part at a time. Of a part's bytes it holds at most one chunk plus a
/// delimiter's length: a 10 MB file streams through to disk, never into memory.
///
/// The body is read as if it began with CRLF, so every delimiter, the first included, is
/// `CRLF--boundary`. A part's bytes are handed out up to the last few that could still be
/// the start of a delimiter; those wait for the next chunk.
///
/// Not Sendable: one request's task reads it from start to end.
final class MultipartReader<Body: AsyncSequence> where Body.Element == ByteBuffer {
    typealias Failure = MultipartFailure

    /// What a part says about itself in its `Content-Disposition` and `Content-Type`.
    struct PartHeaders: Equatable {
        var name: String?
        var filename: String?
        var contentType: String?
    }

    private enum State { case preamble, headers, body, done }

    /// A part's header block may not be longer than this (browsers send ~150 bytes).
    static var maxHeaderBytes: Int { 16 * 1024 }

    private var source: Body.AsyncIterator
    /// Unread bytes are `buffer[start...]`.
    private var buffer: [UInt8] = [13, 10]
    private var start = 0
    private var state = State.preamble
    private let delimiter: [UInt8]
    private let limit: Int
    /// Body bytes taken from the source so far.
    private(set) var bytesRead = 0
    /// The most bytes the reader ever held at once: about one chunk, however long the body
    /// (the tests check that it streams).
    private(set) var peakBuffered = 0

    init(body: Body, boundary: String, limit: Int) {
        source = body.makeAsyncIterator()
        delimiter = Array("\r\n--\(boundary)".utf8)
        self.limit = limit
    }

    // MARK: Parts

    /// The next part's headers, after skipping whatever is left of the current part; nil
    /// after the closing delimiter.
    func nextPart() async throws -> PartHeaders? {
        while state == .body { _ = try await nextChunk() }
        if state == .preamble { try await skipPreamble() }
        guard state == .headers else { return nil }
        // After a delimiter: `--` closes the body; otherwise optional padding, then CRLF
        // and the header block up to a blank line.
        try await need(2)
        if buffer[start] == UInt8(ascii: "-") && buffer[start + 1] == UInt8(ascii: "-") {
            state = .done
            return nil
        }
        while true {
            try await need(1)
            guard buffer[start] == UInt8(ascii: " ") || buffer[start] == UInt8(ascii: "\t") else { break }
            start += 1
        }
        try await need(2)
        guard buffer[start] == 13, buffer[start + 1] == 10 else { throw Failure.malformed("a delimiter line has text after the boundary") }
        // Searching from the delimiter line's CRLF finds an empty header block too.
        let end = try await find([13, 10, 13, 10], within: Self.maxHeaderBytes)
        let block = start + 2 < end ? String(decoding: buffer[(start + 2)..<end], as: UTF8.self) : ""
        start = end + 4
        state = .body
        return try Self.parseHeaders(block)
    }

    /// The next chunk of the current part's bytes; nil at the end of the part.
    func nextChunk() async throws -> ByteBuffer? {
        guard state == .body else { return nil }
        while true {
            if let at = search(delimiter, from: start) {
                if at > start {
                    defer { start = at }
                    return ByteBuffer(bytes: buffer[start..<at])
                }
                start += delimiter.count
                state = .headers
                return nil
            }
            let safeEnd = buffer.count - (delimiter.count - 1)
            if safeEnd > start {
                defer { start = safeEnd }
                return ByteBuffer(bytes: buffer[start..<safeEnd])
            }
            guard try await fill() else { throw Failure.malformed("the body ends inside a part") }
        }
    }

    /// The current part's bytes as an async sequence (for `UploadSpool.store`).
    func partBody() -> PartBytes { PartBytes(reader: self) }

    struct PartBytes: AsyncSequence {
        typealias Element = ByteBuffer
        let reader: MultipartReader

        struct AsyncIterator: AsyncIteratorProtocol {
            let reader: MultipartReader
            mutating func next() async throws -> ByteBuffer? { try await reader.nextChunk() }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader) }
    }

    // MARK: Buffer

    private func skipPreamble() async throws {
        while true {
            if let at = search(delimiter, from: start) {
                start = at + delimiter.count
                state = .headers
                return
            }
            // Keep only what could be the start of the first delimiter.
            start = max(start, buffer.count - (delimiter.count - 1))
            guard try await fill() else { throw Failure.malformed("no part was found (is the boundary right?)") }
        }
    }

    /// Reads until `count` unread bytes are buffered.
    private func need(_ count: Int) async throws {
        while buffer.count - start < count {
            guard try await fill() else { throw Failure.malformed("the body ends inside a part's headers") }
        }
    }

    /// The index of `pattern` at or after `start`, reading as needed, giving up when
    /// `within` bytes were searched in vain.
    private func find(_ pattern: [UInt8], within: Int) async throws -> Int {
        while true {
            if let at = search(pattern, from: start) {
                guard at - start <= within else { break }
                return at
            }
            guard buffer.count - start <= within else { break }
            guard try await fill() else { throw Failure.malformed("the body ends inside a part's headers") }
        }
        throw Failure.malformed("a part's headers are longer than \(within) bytes")
    }

    /// Appends the next chunk of the body; false when the body has ended.
    private func fill() async throws -> Bool {
        guard let chunk = try await source.next() else { return false }
        bytesRead += chunk.readableBytes
        guard bytesRead <= limit else { throw Failure.tooLarge(limit: limit) }
        // Drop what was consumed once it is most of the buffer, so the buffer stays about
        // one chunk long and the copy is paid once per chunk.
        if start > 0, start * 2 >= buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: chunk.readableBytesView)
        peakBuffered = max(peakBuffered, buffer.count)
        return true
    }

    /// memchr for the pattern's first byte, then memcmp: fast even in debug builds.
    private func search(_ pattern: [UInt8], from: Int) -> Int? {
        let count = buffer.count
        guard count - from >= pattern.count else { return nil }
        return buffer.withUnsafeBufferPointer { haystack -> Int? in
            pattern.withUnsafeBufferPointer { needle -> Int? in
                let base = UnsafeRawPointer(haystack.baseAddress!)
                let last = count - needle.count
                var index = from
                while index <= last {
                    guard let hit = memchr(base + index, Int32(needle[0]), last - index + 1) else { return nil }
                    let at = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
                    index = at + 1
                }
                return nil
            }
        }
    }

    // MARK: Headers

    static func parseHeaders(_ block: String) throws -> PartHeaders {
        var headers = PartHeaders()
        var isFormData = false
        for line in block.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformed("a part header has no colon") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition":
                let (disposition, parameters) = HeaderParameters.parse(value)
                isFormData = disposition.lowercased() == "form-data"
                headers.name = parameters["name"]
                headers.filename = parameters["filename"]
            case "content-type":
                headers.contentType = value
            default:
                continue
            }
        }
        guard isFormData else { throw Failure.malformed("a part has no Content-Disposition: form-data header") }
        return headers
    }
}

enum MultipartFailure: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    /// The body as a whole passed `limit` bytes.
    case tooLarge(limit: Int)

    var description: String {
        switch self {
        case .malformed(let why): "The multipart body could not be read: \(why)."
        case .tooLarge(let limit): "The request body is larger than \(limit) bytes."
        }
    }
}

/// `value; name=token; other="quoted \"string\""` as the value and its parameters (names
/// lowercased), for Content-Type and Content-Disposition.
enum HeaderParameters {
    /// The boundary of a `multipart/form-data` Content-Type, or nil when the type is
    /// something else or names no usable boundary (1 to 70 characters, RFC 2046).
    static func multipartBoundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let (type, parameters) = parse(contentType)
        guard type.lowercased() == "multipart/form-data", let boundary = parameters["boundary"],
              (1...70).contains(boundary.utf8.count),
              boundary.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F })
        else { return nil }
        return boundary
    }

    static func parse(_ header: String) -> (value: String, parameters: [String: String]) {
        let scalars = Array(header.unicodeScalars)
        var index = 0
        func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }
        func token(until stops: Set<Unicode.Scalar>) -> String {
            var out = String.UnicodeScalarView()
            while index < scalars.count, !stops.contains(scalars[index]) {
                out.append(scalars[index])
                index += 1
            }
            return String(out).trimmingCharacters(in: .whitespaces)
        }
        let value = token(until: [";"])
        var parameters: [String: String] = [:]
        while index < scalars.count {
            index += 1  // the ';'
            skipSpaces()
            let name = token(until: ["=", ";"]).lowercased()
            var parameter = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                skipSpaces()
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    var out = String.UnicodeScalarView()
                    while index < scalars.count, scalars[index] != "\"" {
                        if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                        out.append(scalars[index])
                        index += 1
                    }
                    index += 1  // the closing quote
                    parameter = String(out)
                    _ = token(until: [";"])  // anything after the quotes up to the next parameter
                } else {
                    parameter = token(until: [";"])
                }
            }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = parameter }
        }
        return (value, parameters)
    }
}
