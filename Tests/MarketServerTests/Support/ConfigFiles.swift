import Foundation
@testable import MarketServer

/// Config files for the configuration tests: written to the temporary folder, loaded
/// through `MARKETMATE_CONFIG` (with `HOME=/h` so no real file of the machine's counts),
/// and removed again.
enum ConfigFiles {
    static func load(_ text: String, environment: [String: String] = [:]) throws -> ServerConfiguration {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mm-config-\(UUID().uuidString).toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_CONFIG": path].merging(environment) { $1 })
    }

    /// The error loading `text` fails with, or nil when it loads.
    static func error(_ text: String, environment: [String: String] = [:]) -> ConfigurationError? {
        do {
            _ = try load(text, environment: environment)
            return nil
        } catch let error as ConfigurationError {
            return error
        } catch {
            return ConfigurationError("not a configuration error: \(error)")
        }
    }
}
