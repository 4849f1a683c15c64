import ArgumentParser
import Foundation
import MarketClient
import MarketTUI
import TerminalKit

/// The admin terminal app: the same toolkit and screens, signed in as an admin only.
@main
struct MarketMateAdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketmate-admin",
        abstract: "Administer a MarketMate server from a terminal (works well over SSH).",
        discussion: """
            Signs in with an admin account (create one with 'marketmate-server create-admin'); \
            other accounts are refused with a clear message. The home screen lists users and \
            shops; moderation (bans, reports, takedowns) arrives with the admin release. Press ? \
            for the keys of each screen and : (or ctrl-p) for every action. See marketmate-admin(1).
            """
    )
    @Option(help: ArgumentHelp("The MarketMate server, e.g. http://127.0.0.1:8080.", valueName: "url"))
    var server: String?
    @Option(help: ArgumentHelp("Colour theme: a name from 'marketmate themes' or a path to a theme file.", valueName: "name|path"))
    var theme: String?
    @Option(help: ArgumentHelp("Config file (default $XDG_CONFIG_HOME/marketmate/config.toml).", valueName: "path"))
    var config: String?
    @Option(help: ArgumentHelp("Where the admin session is kept (default $XDG_STATE_HOME/marketmate/admin-session.json, mode 0600).", valueName: "path"))
    var sessionFile: String?

    func run() throws {
        let settings: LaunchSettings
        do {
            settings = try LaunchSettings.resolve(configPath: config, server: server, theme: theme)
        } catch {
            throw ValidationError(error.description)
        }
        // A separate session file: signing in to the admin app never signs the user's
        // buyer or vendor session out, and the other way round.
        let path = sessionFile ?? (TokenStore.defaultPath() as NSString).deletingLastPathComponent + "/admin-session.json"
        let client = APIClient(endpoint: settings.config.server, sessionStore: TokenStore(path: path))
        runBlocking {
            if let user = await client.currentUser, user.role != .admin { await client.discardSession() }
        }
        try TerminalLauncher.run(flavor: .admin, settings: settings, client: client)
    }
}

