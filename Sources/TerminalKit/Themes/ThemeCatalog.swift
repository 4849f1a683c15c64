import Foundation

/// Where themes come from: `--theme NAME|PATH` resolved against a search path of theme
/// directories, with a compiled-in copy of the default theme as the last resort, so the
/// app always starts.
///
/// The search path, first match wins (so a user's file shadows a shipped one of the same
/// name):
/// 1. `$XDG_CONFIG_HOME/marketmate/themes` (`~/.config/marketmate/themes`): the user's own;
/// 2. `$XDG_DATA_HOME/marketmate/themes` (`~/.local/share/marketmate/themes`), then each
///    `$XDG_DATA_DIRS/marketmate/themes` (`/usr/local/share:/usr/share`): installed ones,
///    as the XDG base-directory spec orders data directories;
/// 3. the first `themes/` directory holding `default-dark.toml` found walking up from the
///    executable's directory: so `.build/debug/marketmate` run inside the repository, or an
///    unpacked release tarball, finds its own themes without being installed. The marker
///    file keeps some unrelated `themes/` higher up (say `~/themes`) out of the search.
public struct ThemeCatalog: Sendable {
    /// A theme the user can choose, for `--list-themes` style output.
    public struct Entry: Hashable, Sendable {
        /// What `--theme` takes: the file name without `.toml`.
        public var name: String
        public var description: String?
        /// The file; nil for the compiled-in default.
        public var path: String?
        /// Why the file cannot be used (the one-line parse error), if it cannot.
        public var problem: String?

        public init(name: String, description: String? = nil, path: String? = nil, problem: String? = nil) {
            self.name = name
            self.description = description
            self.path = path
            self.problem = problem
        }
    }

    public enum LookupError: Error, Hashable, Sendable, CustomStringConvertible {
        /// No file of that name in any directory (and it is not the built-in default).
        case notFound(name: String, available: [String])
        /// The file was found but cannot be read or parsed.
        case invalid(ConfigFileError)

        public var description: String {
            switch self {
            case .notFound(let name, let available):
                let hint = ClosestName.hint(for: name, among: available)
                return "theme \"\(name)\" not found\(hint); available: " + available.joined(separator: ", ")
            case .invalid(let error):
                return error.description
            }
        }
    }

    /// The theme used when the user names none, and the one compiled in.
    public static let defaultThemeName = BuiltInThemes.defaultDarkName
    /// The compiled-in copy of `themes/default-dark.toml`.
    public static var builtIn: ThemeFile { BuiltInThemes.defaultDark }

    /// Searched in order.
    public var directories: [String]
    /// Only for messages: paths under it are shown as `~/...`; also expands `~/` in paths.
    public var home: String?

    public init(directories: [String], home: String? = nil) {
        self.directories = directories
        self.home = home
    }

    /// The standard search path for this environment and executable.
    public init(environment: [String: String], executablePath: String? = ThemeCatalog.currentExecutablePath()) {
        self.init(
            directories: Self.searchDirectories(environment: environment, executablePath: executablePath),
            home: environment["HOME"]
        )
    }

    public static func searchDirectories(environment: [String: String], executablePath: String?) -> [String] {
        // XDG: a variable that is unset, empty or relative is ignored in favour of the default.
        func absolute(_ value: String?) -> String? {
            guard let value, value.hasPrefix("/") else { return nil }
            return value
        }
        let home = absolute(environment["HOME"])
        var directories: [String] = []
        if let config = absolute(environment["XDG_CONFIG_HOME"]) ?? home.map({ $0 + "/.config" }) {
            directories.append(config + "/marketmate/themes")
        }
        if let data = absolute(environment["XDG_DATA_HOME"]) ?? home.map({ $0 + "/.local/share" }) {
            directories.append(data + "/marketmate/themes")
        }
        let dataDirs = (environment["XDG_DATA_DIRS"] ?? "").split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        for dir in dataDirs.isEmpty ? ["/usr/local/share", "/usr/share"] : dataDirs {
            directories.append((dir.hasSuffix("/") ? String(dir.dropLast()) : dir) + "/marketmate/themes")
        }
        if let executablePath, let bundled = bundledDirectory(near: executablePath) {
            directories.append(bundled)
        }
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }

    /// The first `themes/` directory with a `default-dark.toml` in it, walking up from the
    /// executable's directory to the root.
    public static func bundledDirectory(near executablePath: String) -> String? {
        var directory = URL(fileURLWithPath: executablePath).deletingLastPathComponent().standardizedFileURL
        while true {
            let candidate = directory.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(defaultThemeName + ".toml").path) {
                return candidate.path
            }
            let parent = directory.deletingLastPathComponent().standardizedFileURL
            if parent.path == directory.path { return nil }
            directory = parent
        }
    }

    /// This process's executable, symlinks resolved (a `/usr/local/bin/marketmate` link
    /// into an unpacked release still finds the release's `themes/`).
    public static func currentExecutablePath() -> String? {
        Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// Whether `--theme` was given a path (it has a `/` or ends in `.toml`) or a name.
    public static func isPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml")
    }

    /// The first file for theme `name` on the search path.
    public func file(named name: String) -> String? {
        for directory in directories {
            let path = directory + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    /// The theme `--theme` names: a path, or a name looked up on the search path; the
    /// default name falls back to the compiled-in copy.
    public func resolve(_ nameOrPath: String) throws(LookupError) -> ThemeFile {
        let path: String
        if Self.isPath(nameOrPath) {
            path = ConfigFileError.expandingTilde(nameOrPath, home: home)
        } else if let found = file(named: nameOrPath) {
            path = found
        } else if nameOrPath == Self.defaultThemeName {
            return Self.builtIn
        } else {
            throw .notFound(name: nameOrPath, available: available().map(\.name))
        }
        let shown = ConfigFileError.displayPath(path, home: home)
        guard FileManager.default.fileExists(atPath: path) else {
            throw .invalid(ConfigFileError(path: shown, message: "no such theme file"))
        }
        do {
            return try ThemeFile.load(contentsOf: path, displayPath: shown)
        } catch {
            throw .invalid(error)
        }
    }

    /// `resolve`, but never failing: a theme that cannot be found or read gives the
    /// built-in default and one warning line for the user, because a typo in a theme must
    /// not keep anyone out of the app.
    public func load(_ nameOrPath: String) -> (file: ThemeFile, warnings: [String]) {
        do {
            return (try resolve(nameOrPath), [])
        } catch {
            return (Self.builtIn, ["\(error); using the built-in \(Self.defaultThemeName) theme"])
        }
    }

    /// Every theme on the search path, by name; a name found twice is listed once, from
    /// the directory that wins. The built-in default is listed when no file shadows it.
    public func available() -> [Entry] {
        var entries: [String: Entry] = [:]
        for directory in directories {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in names.sorted() where file.hasSuffix(".toml") && !file.hasPrefix(".") {
                let name = String(file.dropLast(5))
                guard entries[name] == nil else { continue }
                let path = directory + "/" + file
                do {
                    let theme = try ThemeFile.load(contentsOf: path, displayPath: ConfigFileError.displayPath(path, home: home))
                    entries[name] = Entry(name: name, description: theme.description, path: path)
                } catch {
                    entries[name] = Entry(name: name, path: path, problem: error.description)
                }
            }
        }
        if entries[Self.defaultThemeName] == nil {
            entries[Self.defaultThemeName] = Entry(name: Self.defaultThemeName, description: Self.builtIn.description)
        }
        return entries.values.sorted { $0.name < $1.name }
    }
}
