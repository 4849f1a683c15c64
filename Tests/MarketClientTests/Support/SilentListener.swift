import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback socket that listens but never accepts or answers: the kernel completes the
/// TCP handshake, then nothing comes back, which is what a hung server looks like.
final class SilentListener: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        let (fd, port) = try Self.bound()
        guard listen(fd, 8) == 0 else {
            Glibc.close(fd)
            throw FixtureError("listen failed")
        }
        self.fd = fd
        self.port = port
    }

    func close() { Glibc.close(fd) }

    /// A port nothing listens on: bound, read, closed.
    static func closedPort() throws -> Int {
        let (fd, port) = try bound()
        Glibc.close(fd)
        return port
    }

    private static func bound() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, ok else {
            Glibc.close(fd)
            throw FixtureError("could not bind a loopback socket")
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
