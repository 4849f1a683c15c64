import Foundation
import MarketModels

/// Where the terminal apps find their server; `APIClient` talks to it.
public struct ServerEndpoint: Sendable, Equatable {
    public let baseURL: URL

    public init?(_ string: String) {
        guard let url = URL(string: string), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            return nil
        }
        baseURL = url
    }

    public static let local = ServerEndpoint("http://127.0.0.1:8080")!

    /// `base` + `/api/v1/` + path.
    public func apiURL(_ path: String) -> URL {
        baseURL.appendingPathComponent("api/v1").appendingPathComponent(path)
    }
}
