import Foundation

/// Why a terminal backend could not start.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// The output is not a terminal (redirected to a file or a pipe).
    case notATerminal(fd: Int32)
    /// terminfo does not know the terminal type.
    case unknownTerminal(String)
    /// Another backend in this process owns the terminal.
    case busy
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal(let fd): "file descriptor \(fd) is not a terminal"
        case .unknownTerminal(let name): "unknown terminal type \"\(name)\" (check TERM)"
        case .busy: "the terminal is already in use by another screen"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}
