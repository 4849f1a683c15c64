import Foundation
import MarketModels

/// Feature flags as the terminal apps fetch them at start.
extension APIClient {
    /// Every flag evaluated for the signed-in user, or for an anonymous caller when nobody
    /// is signed in (outside every percentage rollout). `attributes` become query
    /// parameters the flags' constraints can test (`["appVersion": "2.1.0"]`).
    public func flags(attributes: [String: String] = [:]) async throws(ClientError) -> EvaluatedFlags {
        let query = attributes.keys.sorted().map { ($0, attributes[$0]!) }
        return try Self.decode(EvaluatedFlags.self, from: try await perform(Call(method: "GET", path: "flags", query: query, auth: .optional)))
    }
}
