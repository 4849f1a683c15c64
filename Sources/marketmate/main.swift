import ArgumentParser

/// The buyer and vendor terminal app. Its screens arrive with the terminal release; until
/// then it documents itself.
struct MarketMateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketmate",
        abstract: "MarketMate in your terminal: browse, search, buy and sell.",
        discussion: "The interactive screens arrive with the terminal release. Until then, run the server with 'marketmate-server serve' and see marketmate(1).",
        subcommands: [Demo.self]
    )
    @Option(help: "The MarketMate server to use (default http://127.0.0.1:8080).") var server: String?

    func run() throws {
        print(Self.helpMessage())
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start an embedded server with demo data and open the app on it (arrives with the terminal release).")
        func run() throws {
            print(MarketMateCommand.helpMessage(for: Demo.self))
        }
    }
}

MarketMateCommand.main()
