import Foundation
import MarketModels

/// A flag's rollout as the Flags tab shows and edits it: the percentage of its first rule
/// that has one (rules are tried in order, so the first is the one most callers meet).
enum FlagRollout {
    /// The index of the rule whose percentage is the rollout, if any.
    static func ruleIndex(_ definition: FlagDefinition) -> Int? {
        definition.rules.firstIndex { $0.percentage != nil }
    }

    /// "25 %", "12.5 %", "25 % +1" (one more rule has a percentage of its own), "—".
    static func label(_ definition: FlagDefinition) -> String {
        let percentages = definition.rules.compactMap(\.percentage)
        guard let first = percentages.first else { return "—" }
        return format(first) + " %" + (percentages.count > 1 ? " +\(percentages.count - 1)" : "")
    }

    /// 50 → "50", 12.5 → "12.5", 0.25 → "0.25": whole numbers without ".0".
    static func format(_ percentage: Double) -> String {
        if let whole = Int(exactly: percentage) { return String(whole) }
        return String(format: "%.2f", percentage).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    /// What the user typed: a number 0...100 with at most two decimals (buckets are
    /// hundredths of a percent), an optional "%" after it.
    static func parse(_ text: String) -> Result<Double, RolloutProblem> {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") { trimmed = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard !trimmed.isEmpty else { return .failure(RolloutProblem("Enter a percentage from 0 to 100.")) }
        guard trimmed.allSatisfy({ $0.isASCIIDigit || $0 == "." }), trimmed.filter({ $0 == "." }).count <= 1,
              let value = Double(trimmed), value.isFinite else {
            return .failure(RolloutProblem("“\(TerminalText.sanitize(text))” is not a number: enter a percentage such as 25 or 12.5."))
        }
        guard (0...100).contains(value) else { return .failure(RolloutProblem("A percentage is between 0 and 100.")) }
        if let dot = trimmed.firstIndex(of: "."), trimmed[trimmed.index(after: dot)...].count > 2 {
            return .failure(RolloutProblem("Use at most two decimals (a rollout counts hundredths of a percent)."))
        }
        return .success(value)
    }

    /// The definition with its rollout set to `percentage`: the rollout rule's percentage,
    /// or, for a boolean flag without one, a new last rule serving the value that is not
    /// the default to that share of users. Nil when there is nothing sensible to set (a
    /// flag of another type without a percentage rule: which value would it serve?).
    static func setting(_ percentage: Double, in definition: FlagDefinition) -> FlagDefinition? {
        var changed = definition
        if let index = ruleIndex(definition) {
            changed.rules[index].percentage = percentage
            return changed
        }
        guard definition.type == .boolean else { return nil }
        changed.rules.append(FlagRule(percentage: percentage, value: .bool(!(definition.default.boolValue ?? false))))
        return changed
    }

    /// A value for one line of the screen: compact JSON, control characters stripped.
    static func text(_ value: FlagJSON) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
        return TerminalText.sanitize(json)
    }
}

struct RolloutProblem: Error, Equatable {
    let message: String
    init(_ message: String) { self.message = message }
}
