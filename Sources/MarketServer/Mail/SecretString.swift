import Foundation

/// A credential that must never reach a log line, an error or a dump: printing,
/// interpolating or reflecting it shows `<redacted>`. Read `value` only where the secret
/// is handed to the library that needs it.
public struct SecretString: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
