import HTTPTypes
import Hummingbird
import MarketModels
import NIOCore

/// Outermost middleware: gives every request an id (echoing a sane client-sent
/// `X-Request-Id`), the body limit of its route and the real client address.
struct RequestSetupMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let bodyLimits: BodyLimits
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let requestID = Self.acceptableRequestID(request.headers[.requestID]) ?? RequestID.generate().rawValue
        context.requestID = requestID
        context.bodyLimit = bodyLimits.limit(forPath: request.uri.path)
        context.clientIP = ClientAddress.resolve(
            peer: context.remoteAddress,
            forwardedFor: request.headers[values: .forwardedFor],
            trustedProxies: trustedProxies
        )
        context.logger[metadataKey: "requestId"] = .string(requestID)
        var response = try await next(request, context)
        response.headers[.requestID] = requestID
        return response
    }

    /// A client id is echoed only when it is short and made of safe characters, so it
    /// cannot smuggle log lines or headers.
    static func acceptableRequestID(_ raw: String?) -> String? {
        guard let raw, (1...128).contains(raw.utf8.count) else { return nil }
        let ok = raw.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }
        return ok ? raw : nil
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}

enum ClientAddress {
    /// The peer's IP, unless the peer is a trusted proxy: then the right-most address in
    /// `X-Forwarded-For` that is not itself a trusted proxy.
    static func resolve(peer: SocketAddress?, forwardedFor: [String], trustedProxies: Set<String>) -> String {
        let peerIP = peer?.ipAddress ?? "unknown"
        guard trustedProxies.contains(peerIP) else { return peerIP }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty && !trustedProxies.contains(hop) {
            return String(hop.prefix(64))
        }
        return peerIP
    }
}
