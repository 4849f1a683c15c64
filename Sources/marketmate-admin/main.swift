import ArgumentParser

/// The admin terminal app (moderation, bans, reports). Its screens arrive with the terminal release.
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketmate-admin",
        abstract: "MarketMate administration from a terminal: users, bans, reports, takedowns.",
        discussion: "The interactive screens arrive with the terminal release; see marketmate-admin(1)."
    )
    @Option(help: "The MarketMate server to use (default http://127.0.0.1:8080).") var server: String?

    func run() throws {
        print(Self.helpMessage())
    }
}

AdminCommand.main()
