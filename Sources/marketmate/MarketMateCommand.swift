import ArgumentParser
import Foundation
import MarketClient
import MarketServerCLI
import MarketTUI
import TerminalKit

/// The buyer and vendor terminal app.
@main
struct MarketMateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketmate",
        abstract: "MarketMate in your terminal: browse, search, buy and sell.",
        discussion: """
            Opens the terminal app on a MarketMate server (default http://127.0.0.1:8080, or \
            'server' in the config file, or MARKETMATE_SERVER). Press ? on any screen for its \
            keys and : (or ctrl-p) for every action. 'marketmate demo' starts a server with \
            demo data and opens the app on it. See marketmate(1), marketmate-config(5) and \
            marketmate-themes(5).
            """,
        subcommands: [Open.self, Demo.self, Themes.self],
        defaultSubcommand: Open.self
    )
}

/// Flags shared by `open` and `demo`.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Colour theme: a name from 'marketmate themes' or a path to a theme file.", valueName: "name|path"))
    var theme: String?
    @Option(help: ArgumentHelp("Config file (default $XDG_CONFIG_HOME/marketmate/config.toml).", valueName: "path"))
    var config: String?
}

extension MarketMateCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open", abstract: "Open the app on a server (the default when no subcommand is given).")
        @Option(help: ArgumentHelp("The MarketMate server, e.g. http://127.0.0.1:8080.", valueName: "url"))
        var server: String?
        @Option(help: ArgumentHelp("Where the session is kept (default $XDG_STATE_HOME/marketmate/session.json, mode 0600).", valueName: "path"))
        var sessionFile: String?
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let settings = try launchSettings(server: server, display: display)
            let client = APIClient(endpoint: settings.config.server, sessionStore: TokenStore(path: sessionFile))
            try TerminalLauncher.run(flavor: .shop, settings: settings, client: client, flagCache: FlagCache(path: FlagCache.defaultPath()))
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a server with demo data in process and open the app on it, signed in as the demo buyer.",
            discussion: """
                The server listens on 127.0.0.1 (a free port unless --port is given) and keeps its \
                data in a throwaway directory that is removed on exit (--keep-data keeps it). \
                ctrl-s (or 'Switch to the demo vendor' in the : palette) switches between the demo \
                buyer and the demo vendor. Demo password: \(DemoData.password).
                """)
        @Option(help: ArgumentHelp("Sign in as the demo buyer or the demo vendor first.", valueName: "buyer|vendor"))
        var `as`: DemoRole = .buyer
        @Option(help: ArgumentHelp("Port for the embedded server (default: any free port).", valueName: "n"))
        var port: Int = 0
        @Flag(help: "Keep the demo data directory on exit (its path is printed).")
        var keepData = false
        @Option(help: ArgumentHelp("Where the demo session is kept (default: inside the demo data directory).", valueName: "path"))
        var sessionFile: String?
        @OptionGroup var display: DisplayOptions

        enum DemoRole: String, ExpressibleByArgument, CaseIterable { case buyer, vendor }

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        }

        func run() throws {
            let settings = try launchSettings(server: nil, display: display)
            let dataDirectory = try EmbeddedServer.makeThrowawayDataDirectory()
            let port = self.port, keepData = self.keepData
            let server = try runBlocking {
                // With the job worker, so CSV imports and thumbnails finish in the demo too.
                // Environment "demo": the demo's feature flags target it (DemoData.catalogLayoutFlag).
                try await EmbeddedServer.start(
                    dataDirectory: dataDirectory, port: port, seedDemo: true, runsJobWorker: true, removeDataDirectoryOnStop: !keepData,
                    configure: { $0.environment = "demo" })
            }
            defer {
                runBlocking { await server.stop() }
                if keepData { print("Demo data kept in \(dataDirectory)") }
            }
            let accounts = [
                DemoAccount(email: "buyer@demo.marketmate.test", password: DemoData.password, label: "buyer"),
                DemoAccount(email: "vendor@demo.marketmate.test", password: DemoData.password, label: "vendor"),
            ]
            let first = self.as == .buyer ? accounts[0] : accounts[1]
            let store = TokenStore(path: sessionFile ?? dataDirectory + "/session.json")
            let client = APIClient(endpoint: ServerEndpoint(server.baseURL.absoluteString)!, sessionStore: store)
            _ = try runBlocking { try await client.login(email: first.email, password: first.password) }
            try TerminalLauncher.run(
                flavor: .shop, settings: settings, client: client, demoAccounts: accounts,
                notices: ["Demo server at \(server.baseURL.absoluteString). ctrl-s switches buyer/vendor."],
                flagCache: FlagCache(path: dataDirectory + "/flags.json"))
        }
    }

    struct Themes: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the colour themes --theme can use, and where they are.")
        func run() {
            for entry in ThemeCatalog(environment: ProcessInfo.processInfo.environment).available() {
                var line = entry.name.padding(toLength: max(16, entry.name.count + 2), withPad: " ", startingAt: 0)
                line += entry.description ?? ""
                if let problem = entry.problem { line += "  (broken: \(problem))" }
                print(line)
            }
        }
    }
}

func launchSettings(server: String?, display: DisplayOptions) throws -> LaunchSettings {
    do {
        return try LaunchSettings.resolve(configPath: display.config, server: server, theme: display.theme)
    } catch {
        throw ValidationError(error.description)
    }
}

