import Crypto
import Foundation

/// Opaque secrets handed to users (refresh, reset and verification tokens) and the
/// digests we keep instead of them.
enum SecureToken {
    /// 256 random bits, base64url, with a readable prefix (`rt_`, `pr_`, `ev_`).
    static func generate(prefix: String) -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return prefix + Data(bytes).base64URLEncodedString()
    }

    /// SHA-256, hex. Tokens carry 256 bits of entropy, so a fast hash is enough at rest.
    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
