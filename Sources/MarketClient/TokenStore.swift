import Foundation
import MarketModels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A signed-in session: what `session.json` holds.
public struct Session: Codable, Sendable, Hashable {
    public var accessToken: String
    public var refreshToken: String
    /// When `accessToken` stops working (by this machine's clock at login).
    public var expiresAt: Date
    public var user: UserDTO

    public init(accessToken: String, refreshToken: String, expiresAt: Date, user: UserDTO) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.user = user
    }

    init(_ response: AuthResponse, receivedAt: Date) {
        self.init(accessToken: response.accessToken, refreshToken: response.refreshToken,
                  expiresAt: receivedAt.addingTimeInterval(TimeInterval(response.expiresIn)), user: response.user)
    }
}

// Sessions end up in test failure messages and debug dumps: never print the tokens.
extension Session: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "Session(user: \(user.id), role: \(user.role.rawValue), expiresAt: \(expiresAt), tokens: <redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["accessToken": "<redacted>", "refreshToken": "<redacted>", "expiresAt": expiresAt, "user": user])
    }
}

/// Where the client keeps its session between runs.
public protocol SessionStore: Sendable {
    /// The saved session, or nil when there is none or it cannot be read.
    func load() -> Session?
    func save(_ session: Session) throws
    func clear() throws
}

/// Keeps the session in memory only: for tests and one-off tools.
public final class InMemorySessionStore: SessionStore {
    private let lock = NSLock()
    nonisolated(unsafe) private var session: Session?

    public init(_ session: Session? = nil) { self.session = session }
    public func load() -> Session? { lock.withLock { session } }
    public func save(_ session: Session) throws { lock.withLock { self.session = session } }
    public func clear() throws { lock.withLock { session = nil } }
}

/// The session as JSON in `$XDG_STATE_HOME/marketmate/session.json` (default
/// `~/.local/state/marketmate/session.json`). The directory is 0700 and the file 0600, and
/// every write goes to a private temporary file renamed over the old one, so a crash never
/// leaves half a session and no other user can read the tokens even for a moment.
public struct TokenStore: SessionStore {
    public let path: String

    /// The default location, or `path` when given (tests, `marketmate demo`).
    public init(path: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.path = path ?? Self.defaultPath(environment: environment)
    }

    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        XDGDirectories.path("XDG_STATE_HOME", fallback: ".local/state", file: "session.json", environment: environment)
    }

    public var directory: String { (path as NSString).deletingLastPathComponent }

    public func load() -> Session? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        // An unreadable file is treated as "signed out": the user signs in again and the
        // next save replaces it.
        return try? MarketJSON.decode(Session.self, from: data)
    }

    public func save(_ session: Session) throws {
        try makePrivateDirectory()
        let data = try MarketJSON.encode(session)
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw TokenStoreError(operation: "create", path: temporary, errno: errno) }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue } else { return false } }
                offset += n
            }
            return true
        }
        let writeErrno = errno
        // fsync before rename, so after a power cut the name points at complete content.
        let synced = written && fsync(fd) == 0
        close(fd)
        guard written, synced else { throw TokenStoreError(operation: "write", path: temporary, errno: writeErrno) }
        guard rename(temporary, path) == 0 else { throw TokenStoreError(operation: "rename", path: path, errno: errno) }
        ok = true
    }

    public func clear() throws {
        if unlink(path) != 0, errno != ENOENT { throw TokenStoreError(operation: "remove", path: path, errno: errno) }
    }

    private func makePrivateDirectory() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // MarketMate's own state directory may predate us with a looser mode, and holds nothing
        // but our state: tighten it. Any other directory is the user's (`--session-file
        // ~/s.json`, `/tmp/s.json`): its mode is not ours to change (a chmod here once made
        // /tmp 0700 for everyone); the file itself is 0600 either way.
        guard (directory as NSString).lastPathComponent == "marketmate" else { return }
        if chmod(directory, 0o700) != 0 { throw TokenStoreError(operation: "chmod", path: directory, errno: errno) }
    }
}

public struct TokenStoreError: Error, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var errno: Int32

    public var description: String { "Cannot \(operation) \(path): \(String(cString: strerror(errno)))" }
}
