import Foundation
import MarketModels

/// The flags file (`--flags-file`, `MARKETMATE_FLAGS_FILE`, `flags_file` in the config):
/// JSON, `{"flags": {"<key>": <definition>}}`, definitions exactly as the admin API takes
/// them. JSON rather than TOML because definitions hold JSON values (a `json` flag's
/// value is any JSON), which TOML cannot spell for null or mixed arrays.
enum FlagsFile {
    struct Contents: Codable {
        var flags: [String: FlagDefinition]
    }

    /// The file's flags, all valid, or a description of everything wrong with it: a file
    /// is taken whole or not at all, so a half-edited file never goes live in part.
    static func parse(_ data: Data) -> Result<[String: FlagDefinition], FlagsFileError> {
        let contents: Contents
        do {
            contents = try JSONDecoder().decode(Contents.self, from: data)
        } catch let error as DecodingError {
            return .failure(FlagsFileError(problems: [describe(error)]))
        } catch {
            return .failure(FlagsFileError(problems: ["not JSON: \(error)"]))
        }
        let problems = contents.flags.keys.sorted().flatMap { key in
            (FlagRules.key(key) + FlagRules.definition(contents.flags[key]!)).map { detail in
                "flags.\(key)\(detail.field.map { $0 == "key" ? "" : ".\($0)" } ?? ""): \(detail.message)"
            }
        }
        return problems.isEmpty ? .success(contents.flags) : .failure(FlagsFileError(problems: problems))
    }

    /// "flags.x.rules[0]: <what>", or "not valid JSON" for a syntax error.
    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingPrefix(".").description
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty: return "not valid JSON"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): not a valid value"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .valueNotFound(_, let context), .typeMismatch(_, let context): return "\(path(context.codingPath)): wrong type"
        @unknown default: return "does not decode"
        }
    }
}

struct FlagsFileError: Error, CustomStringConvertible {
    var problems: [String]
    var description: String { problems.joined(separator: "; ") }
}
