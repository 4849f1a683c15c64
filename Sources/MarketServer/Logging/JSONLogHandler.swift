import Foundation
import Logging
import NIOConcurrencyHelpers

/// One JSON object per line on standard output: what log shippers expect. Metadata is
/// written as given, so callers must never put secrets in it (and nothing in this
/// project does: access logs carry method, path without query, status and timing).
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let sink: JSONLogSink

    public init(label: String, level: Logger.Level, sink: JSONLogSink = .standardOutput) {
        self.label = label
        self.logLevel = level
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "ts": Self.timestamp(),
            "level": event.level.rawValue,
            "msg": "\(event.message)",
            "logger": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = Self.plain(value)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        sink.write(data)
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let s): return s
        case .stringConvertible(let c):
            if let n = c as? Int { return n }
            if let d = c as? Double { return d }
            return c.description
        case .array(let items): return items.map(plain)
        case .dictionary(let dict): return dict.mapValues(plain)
        }
    }

    static func timestamp() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// Serialises writes so lines from many threads never interleave.
public final class JSONLogSink: Sendable {
    private let lock = NIOLock()
    private let handle: FileHandle

    public init(handle: FileHandle) { self.handle = handle }
    public static let standardOutput = JSONLogSink(handle: .standardOutput)

    func write(_ data: Data) {
        var line = data
        line.append(0x0A)
        lock.withLock { handle.write(line) }
    }
}

public enum LoggingSetup {
    /// Installs the process-wide log handler once; servers in tests reuse it.
    public static func bootstrap(format: ServerConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            switch format {
            case .json: JSONLogHandler(label: label, level: level)
            case .text:
                {
                    var handler = StreamLogHandler.standardOutput(label: label)
                    handler.logLevel = level
                    return handler
                }()
            }
        }
    }
}
