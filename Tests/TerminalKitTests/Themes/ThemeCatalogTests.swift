import Foundation
import Testing
@testable import TerminalKit

@Suite("Theme catalog")
struct ThemeCatalogTests {
    static func theme(_ name: String, _ description: String, accent: String = "cyan") -> String {
        "name = \"\(name)\"\ndescription = \"\(description)\"\n[styles]\naccent = { fg = \"\(accent)\" }\n"
    }

    /// A home, XDG directories and an unpacked release (`release/bin/marketmate` next to
    /// `release/themes/`), all under one temporary directory.
    struct Fixture {
        let root: TemporaryDirectory
        let environment: [String: String]
        let executable: String

        init() throws {
            root = try TemporaryDirectory()
            let r = root.path
            environment = [
                "HOME": r + "/home",
                "XDG_CONFIG_HOME": r + "/config",
                "XDG_DATA_HOME": r + "/data",
                "XDG_DATA_DIRS": r + "/share1:" + r + "/share2/",
            ]
            executable = try root.write("release/bin/marketmate", "")
            try root.write("release/themes/default-dark.toml", ThemeCatalogTests.theme("default-dark", "bundled default"))
        }

        var catalog: ThemeCatalog { ThemeCatalog(environment: environment, executablePath: executable) }
    }

    @Test("the search path: config home, data home, each data dir, then the executable's themes/")
    func searchOrder() throws {
        let fixture = try Fixture()
        let r = fixture.root.path
        #expect(fixture.catalog.directories == [
            r + "/config/marketmate/themes",
            r + "/data/marketmate/themes",
            r + "/share1/marketmate/themes",
            r + "/share2/marketmate/themes",
            r + "/release/themes",
        ])
    }

    @Test("without XDG variables the defaults under HOME and /usr are used; relative values are ignored")
    func xdgDefaults() {
        let directories = ThemeCatalog.searchDirectories(
            environment: ["HOME": "/home/ana", "XDG_CONFIG_HOME": "relative/config", "XDG_DATA_DIRS": ""],
            executablePath: nil)
        #expect(directories == [
            "/home/ana/.config/marketmate/themes",
            "/home/ana/.local/share/marketmate/themes",
            "/usr/local/share/marketmate/themes",
            "/usr/share/marketmate/themes",
        ])
    }

    @Test("a name is looked up in order: the user's file shadows installed and bundled ones")
    func lookupOrder() throws {
        let fixture = try Fixture()
        let root = fixture.root
        try root.write("share2/marketmate/themes/ocean.toml", Self.theme("ocean", "from share2"))
        #expect(try fixture.catalog.resolve("ocean").description == "from share2")
        try root.write("share1/marketmate/themes/ocean.toml", Self.theme("ocean", "from share1"))
        #expect(try fixture.catalog.resolve("ocean").description == "from share1")
        try root.write("data/marketmate/themes/ocean.toml", Self.theme("ocean", "from data home"))
        #expect(try fixture.catalog.resolve("ocean").description == "from data home")
        try root.write("config/marketmate/themes/ocean.toml", Self.theme("ocean", "from config"))
        #expect(try fixture.catalog.resolve("ocean").description == "from config")

        #expect(try fixture.catalog.resolve("default-dark").description == "bundled default")
        try root.write("config/marketmate/themes/default-dark.toml", Self.theme("default-dark", "my default"))
        #expect(try fixture.catalog.resolve("default-dark").description == "my default")
    }

    @Test("a path is read as it is, with ~ expanded")
    func paths() throws {
        let fixture = try Fixture()
        let file = try fixture.root.write("home/themes/mine.toml", Self.theme("mine", "by path"))
        #expect(try fixture.catalog.resolve(file).description == "by path")
        #expect(try fixture.catalog.resolve("~/themes/mine.toml").description == "by path")
        #expect(throws: ThemeCatalog.LookupError.invalid(ConfigFileError(path: "~/themes/none.toml", message: "no such theme file"))) {
            try fixture.catalog.resolve("~/themes/none.toml")
        }
    }

    @Test("the default theme is built in when no file has it")
    func builtInDefault() throws {
        let catalog = ThemeCatalog(directories: ["/nonexistent"])
        #expect(try catalog.resolve("default-dark") == ThemeCatalog.builtIn)
        let (file, warnings) = catalog.load("default-dark")
        #expect(file == ThemeCatalog.builtIn)
        #expect(warnings.isEmpty)
        #expect(catalog.available() == [ThemeCatalog.Entry(name: "default-dark", description: ThemeCatalog.builtIn.description)])
    }

    @Test("an unknown name falls back to the built-in default with one warning")
    func notFound() throws {
        let fixture = try Fixture()
        try fixture.root.write("config/marketmate/themes/light.toml", Self.theme("light", "light"))
        let (file, warnings) = fixture.catalog.load("lihgt")
        #expect(file == ThemeCatalog.builtIn)
        #expect(warnings == [
            "theme \"lihgt\" not found (did you mean \"light\"?); available: default-dark, light; using the built-in default-dark theme"
        ])
    }

    @Test("a broken theme file falls back to the built-in default, naming the file and line")
    func brokenFile() throws {
        let fixture = try Fixture()
        try fixture.root.write("config/marketmate/themes/x.toml", "name = \"x\"\n[styles]\n\nselection = { fg = \"blu\" }\n")
        let (file, warnings) = fixture.catalog.load("x")
        #expect(file == ThemeCatalog.builtIn)
        // HOME is not the config directory's parent here, so the path is shown in full.
        #expect(warnings == ["\(fixture.root.path)/config/marketmate/themes/x.toml:4: unknown colour \"blu\" for selection.fg; using the built-in default-dark theme"])
    }

    @Test("paths under HOME are shown with ~")
    func homeAbbreviated() throws {
        let root = try TemporaryDirectory()
        try root.write(".config/marketmate/themes/x.toml", "[styles]\nselection = { fg = \"blu\" }\n")
        let catalog = ThemeCatalog(environment: ["HOME": root.path], executablePath: nil)
        #expect(catalog.load("x").warnings == ["~/.config/marketmate/themes/x.toml:2: unknown colour \"blu\" for selection.fg; using the built-in default-dark theme"])
        #expect(ConfigFileError.displayPath("/home/ana/x", home: "/home/ana/") == "~/x")
        #expect(ConfigFileError.displayPath("/home/anabel/x", home: "/home/ana") == "/home/anabel/x")
    }

    @Test("the list has every name once, from the winning directory, broken files with their problem")
    func available() throws {
        let fixture = try Fixture()
        let root = fixture.root
        try root.write("share1/marketmate/themes/ocean.toml", Self.theme("ocean", "installed ocean"))
        try root.write("config/marketmate/themes/ocean.toml", Self.theme("ocean", "my ocean"))
        try root.write("share2/marketmate/themes/broken.toml", "name = ")
        try root.write("share2/marketmate/themes/notes.txt", "not a theme")
        let entries = fixture.catalog.available()
        #expect(entries.map(\.name) == ["broken", "default-dark", "ocean"])
        #expect(entries[1].description == "bundled default")
        #expect(entries[1].path == root.path + "/release/themes/default-dark.toml")
        #expect(entries[2].description == "my ocean")
        #expect(entries[0].problem?.hasPrefix(root.path + "/share2/marketmate/themes/broken.toml:1:") == true)
    }

    @Test("walking up from the executable needs a themes/ with default-dark.toml in it")
    func bundledDirectory() throws {
        let root = try TemporaryDirectory()
        let executable = try root.write("a/b/c/marketmate", "")
        #expect(ThemeCatalog.bundledDirectory(near: executable) == nil)
        try root.write("a/b/themes/notes.txt", "unrelated")
        #expect(ThemeCatalog.bundledDirectory(near: executable) == nil)
        try root.write("a/themes/default-dark.toml", "")
        #expect(ThemeCatalog.bundledDirectory(near: executable) == root.path + "/a/themes")
    }

    @Test("a build inside the repository finds the repository's themes/")
    func repositoryThemes() throws {
        let executable = try #require(ThemeCatalog.currentExecutablePath())
        // Only meaningful when the tests were built inside this checkout (.build/...).
        guard executable.hasPrefix(Repository.root.path + "/") else { return }
        #expect(ThemeCatalog.bundledDirectory(near: executable) == Repository.themesDirectory)
        let catalog = ThemeCatalog(directories: [Repository.themesDirectory])
        #expect(catalog.available().map(\.name) == Repository.themeNames)
        #expect(catalog.available().allSatisfy { $0.problem == nil && $0.description != nil })
    }
}
