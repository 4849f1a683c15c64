import Foundation

/// The XDG base directories the clients keep their files in.
enum XDGDirectories {
    /// `$<variable>/marketmate/<file>` when the variable holds an absolute path (the XDG spec
    /// says relative values are invalid and must be ignored), else `~/<fallback>/marketmate/<file>`.
    static func path(_ variable: String, fallback: String, file: String, environment: [String: String]) -> String {
        let base: String
        if let xdg = environment[variable], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(fallback)
        }
        return (base as NSString).appendingPathComponent("marketmate/" + file)
    }
}
