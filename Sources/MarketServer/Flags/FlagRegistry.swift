import MarketModels
import NIOConcurrencyHelpers

/// The flag definitions in force, from the flags file and the database. On the same key
/// the database wins: the file is the deploy-time baseline and the admin API the live
/// override, so an admin's change is never undone by the next file reload (delete the
/// database definition to fall back to the file's).
final class FlagRegistry: Sendable {
    enum Source: String, Sendable { case file, database }

    private struct State {
        var file: [String: FlagDefinition] = [:]
        var database: [String: FlagDefinition] = [:]
        var merged: [String: FlagDefinition] = [:]
        /// `merged` compiled for evaluation, rebuilt on every change (a flag whose
        /// definition did not change keeps its compiled form).
        var compiled = CompiledFlagSet.empty
        /// Database reads: tickets handed out, and the newest whose result was applied.
        var readsIssued = 0
        var readApplied = 0
    }

    private let state = NIOLockedValueBox(State())

    func definition(_ key: String) -> FlagDefinition? { state.withLockedValue { $0.merged[key] } }

    /// The definitions in force, compiled: what `GET /flags` and the evaluate call use.
    var compiled: CompiledFlagSet { state.withLockedValue { $0.compiled } }

    /// Every flag in force with where its definition comes from, sorted by key.
    var records: [FlagRecord] {
        state.withLockedValue { state in
            state.merged.keys.sorted().map { key in
                FlagRecord(key: key, source: (state.database[key] != nil ? Source.database : .file).rawValue, definition: state.merged[key]!)
            }
        }
    }

    /// Taken before reading the database's definitions. Reads overlap (an admin write's
    /// reload, the watcher's poll): a read that started earlier may finish later, and must
    /// not put back what a newer read no longer found (a flag just deleted).
    func databaseReadTicket() -> Int {
        state.withLockedValue { state in
            state.readsIssued += 1
            return state.readsIssued
        }
    }

    /// Replaces one source's set; returns the keys whose definition in force changed.
    /// `readTicket`: the database read this set comes from; a set from an older read than
    /// one already applied is dropped.
    @discardableResult
    func replace(_ source: Source, with definitions: [String: FlagDefinition], readTicket: Int? = nil) -> [String] {
        state.withLockedValue { state in
            if let readTicket {
                guard readTicket > state.readApplied else { return [] }
                state.readApplied = readTicket
            }
            switch source {
            case .file: state.file = definitions
            case .database: state.database = definitions
            }
            let merged = state.file.merging(state.database) { _, database in database }
            let changed = Set(merged.keys).union(state.merged.keys).filter { merged[$0] != state.merged[$0] }
            state.merged = merged
            if !changed.isEmpty {
                state.compiled = CompiledFlagSet(compiled: merged.map { key, definition in
                    (changed.contains(key) ? nil : state.compiled[key]) ?? CompiledFlag(key: key, definition: definition)
                })
            }
            return changed.sorted()
        }
    }
}
