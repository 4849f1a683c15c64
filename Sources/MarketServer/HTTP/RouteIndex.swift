import Hummingbird
import NIOConcurrencyHelpers

/// The registered routes, kept so a path that exists with other methods answers 405
/// (with `Allow`) rather than 404, and so the OpenAPI test can list every route.
/// Filled once after the router is built; read-only afterwards.
public final class RouteIndex: Sendable {
    public struct Route: Sendable, Hashable {
        public let method: HTTPRequest.Method
        public let path: String
    }

    private let storage = NIOLockedValueBox<[Route]>([])

    public init() {}

    public var routes: [Route] { storage.withLockedValue { $0 } }

    func set(_ routes: [Route]) { storage.withLockedValue { $0 = routes } }

    /// Methods of routes whose pattern matches `path` (`:param` and `*` match one segment, `**` the rest).
    func methods(matching path: String) -> Set<HTTPRequest.Method> {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var result: Set<HTTPRequest.Method> = []
        for route in routes where Self.matches(pattern: route.path, segments: segments) {
            result.insert(route.method)
        }
        // The router answers HEAD wherever it answers GET.
        if result.contains(.get) { result.insert(.head) }
        return result
    }

    static func matches(pattern: String, segments: [Substring]) -> Bool {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        var index = 0
        for part in parts {
            if part == "**" { return true }
            guard index < segments.count else { return false }
            if !(part.hasPrefix(":") || part == "*" || part.hasPrefix("{")) && part != segments[index] { return false }
            index += 1
        }
        return index == segments.count
    }
}
