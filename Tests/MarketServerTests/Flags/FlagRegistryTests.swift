import MarketModels
import Testing
@testable import MarketServer

@Suite("Flag registry")
struct FlagRegistryTests {
    static let grid = FlagDefinition(type: .string, default: "grid")

    @Test("a database read that started before a newer one cannot put back what the newer one no longer found")
    func staleReadDropped() {
        let registry = FlagRegistry()
        _ = registry.replace(.database, with: ["catalog-layout": Self.grid], readTicket: registry.databaseReadTicket())
        // The watcher's read starts (it will see the flag), then an admin deletes it and
        // that write's own read starts and finishes first.
        let watcher = registry.databaseReadTicket()
        let afterDelete = registry.databaseReadTicket()
        #expect(registry.replace(.database, with: [:], readTicket: afterDelete) == ["catalog-layout"])
        #expect(registry.replace(.database, with: ["catalog-layout": Self.grid], readTicket: watcher).isEmpty)
        #expect(registry.definition("catalog-layout") == nil)
        // A later read applies as usual.
        #expect(registry.replace(.database, with: ["catalog-layout": Self.grid], readTicket: registry.databaseReadTicket()) == ["catalog-layout"])
    }

    @Test("the file's set is replaced whatever the database reads do")
    func fileUnaffected() {
        let registry = FlagRegistry()
        _ = registry.replace(.database, with: [:], readTicket: registry.databaseReadTicket())
        #expect(registry.replace(.file, with: ["catalog-layout": Self.grid]) == ["catalog-layout"])
        #expect(registry.definition("catalog-layout") == Self.grid)
    }
}
