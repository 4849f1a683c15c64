import ArgumentParser
import MarketServerCLI

/// `marketmate-server`: a thin entry point; the commands live in MarketServerCLI.
@main
struct MarketMateServer: AsyncParsableCommand {
    static let configuration = ServerCommand.configuration
}
