import Foundation
import Logging
import ServiceLifecycle

/// Closes what the HTTP server used, after the server has drained its in-flight requests
/// (Hummingbird stops the server first, then the services it was given).
struct ResourceService: Service {
    let storage: DatabaseSetup
    let hasher: PasswordHasher
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        logger.info("closing the database")
        await hasher.shutdown()
        await storage.shutdown()
    }
}
