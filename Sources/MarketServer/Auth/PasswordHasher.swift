import CArgon2
import Foundation
import MarketModels
import NIOPosix

/// argon2id (RFC 9106) through Debian's libargon2, with OWASP's parameters by default
/// (m = 19 MiB, t = 2, p = 1). Hashing is slow and memory-hungry on purpose, so it runs on
/// its own small thread pool: never on an event loop, and never more than `concurrency`
/// at once, which caps its memory at `concurrency × m` however many logins arrive.
public final class PasswordHasher: Sendable {
    public struct Parameters: Sendable, Equatable {
        public var memoryKiB: UInt32
        public var iterations: UInt32
        public var parallelism: UInt32 = 1
        public static let production = Parameters(memoryKiB: 19 * 1024, iterations: 2)
    }

    public enum HashError: Error, CustomStringConvertible {
        case failed(String)
        public var description: String { switch self { case .failed(let m): "argon2id failed: \(m)" } }
    }

    private let pool: NIOThreadPool
    let parameters: Parameters
    /// Verified against when an email is unknown, so that answer takes as long as a real one.
    private let decoyHash: String

    public init(parameters: Parameters, concurrency: Int) throws {
        self.parameters = parameters
        self.pool = NIOThreadPool(numberOfThreads: max(1, concurrency))
        self.pool.start()
        self.decoyHash = try Self.hashSync("decoy-password-for-timing", parameters: parameters)
    }

    public func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    public func hash(_ password: String) async throws -> String {
        let parameters = parameters
        return try await pool.runIfActive { try Self.hashSync(password, parameters: parameters) }
    }

    /// `false` for a wrong password and for a malformed stored hash; never throws on mismatch.
    public func verify(_ password: String, against encoded: String) async -> Bool {
        (try? await pool.runIfActive { Self.verifySync(password, encoded: encoded) }) ?? false
    }

    /// Burns the same time as a real verification; used when the account does not exist.
    public func verifyDecoy(_ password: String) async {
        _ = await verify(password, against: decoyHash)
    }

    static func hashSync(_ password: String, parameters: Parameters) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = rng.next() }
        let hashLength = 32
        let encodedLength = argon2_encodedlen(parameters.iterations, parameters.memoryKiB, parameters.parallelism, UInt32(salt.count), UInt32(hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: encodedLength)
        // One Unicode form, so "é" typed precomposed or decomposed is the same password.
        let bytes = Array(PasswordPolicy.normalizedForHashing(password).utf8)
        let result = bytes.withUnsafeBytes { pwd in
            argon2id_hash_encoded(
                parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                pwd.baseAddress, pwd.count, salt, salt.count, hashLength, &encoded, encodedLength)
        }
        guard result == ARGON2_OK.rawValue else {
            throw HashError.failed(String(cString: argon2_error_message(result)))
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func verifySync(_ password: String, encoded: String) -> Bool {
        guard encoded.hasPrefix("$argon2id$") else { return false }
        let bytes = Array(PasswordPolicy.normalizedForHashing(password).utf8)
        let result = bytes.withUnsafeBytes { pwd in
            argon2id_verify(encoded, pwd.baseAddress, pwd.count)
        }
        return result == ARGON2_OK.rawValue
    }
}
