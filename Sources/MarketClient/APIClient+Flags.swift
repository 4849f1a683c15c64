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

/// The admin API's flag definitions (admins only), for marketmate-admin's Flags tab.
extension APIClient {
    /// `GET /admin/flags`: every definition in force, sorted by key.
    public func adminFlags() async throws(ClientError) -> FlagRecordList {
        try Self.decode(FlagRecordList.self, from: try await perform(Call(method: "GET", path: "admin/flags", auth: .required)))
    }

    /// `PUT /admin/flags/:key`: creates or replaces the database definition (applies at once).
    public func putFlag(_ key: String, _ definition: FlagDefinition) async throws(ClientError) -> FlagRecord {
        try Self.decode(FlagRecord.self, from: try await perform(try Call(method: "PUT", path: "admin/flags/\(key)", json: definition, auth: .required)))
    }
}
