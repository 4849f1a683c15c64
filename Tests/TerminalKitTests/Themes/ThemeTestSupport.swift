import Foundation
import TerminalKit

/// The repository, found from this file's path, so tests read the shipped `themes/`.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Themes
        .deletingLastPathComponent()  // TerminalKitTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let themesDirectory = root.appendingPathComponent("themes").path

    /// The shipped theme files' names, without `.toml`.
    static var themeNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory)) ?? [])
            .filter { $0.hasSuffix(".toml") }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    static func themeText(_ name: String) throws -> String {
        try String(contentsOfFile: themesDirectory + "/" + name + ".toml", encoding: .utf8)
    }

    static func theme(_ name: String) throws -> ThemeFile {
        try ThemeFile.load(contentsOf: themesDirectory + "/" + name + ".toml")
    }
}

/// A scratch directory removed when the test ends.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "marketmate-themes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` at `relative`, creating directories; returns the full path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }
}
