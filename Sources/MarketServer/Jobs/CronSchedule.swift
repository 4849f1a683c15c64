import Foundation

/// A five-field cron expression (minute hour day-of-month month day-of-week), in UTC:
/// `*`, numbers, lists `1,15`, ranges `1-5`, steps `*/10` and `8-18/2`; day-of-week 0-7
/// (0 and 7 are Sunday). As in Vixie cron, when both day fields are restricted a day
/// matching either one matches.
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    let minutes: [Int]
    let hours: [Int]
    let daysOfMonth: Set<Int>
    let months: Set<Int>
    let daysOfWeek: Set<Int>
    let anyDayOfMonth: Bool
    let anyDayOfWeek: Bool

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ expression: String) throws {
        let fields = expression.split(whereSeparator: \.isWhitespace).map(String.init)
        guard fields.count == 5 else { throw ParseError(description: "cron '\(expression)' needs 5 fields, has \(fields.count)") }
        description = fields.joined(separator: " ")
        minutes = try Self.field(fields[0], 0...59, name: "minute").sorted()
        hours = try Self.field(fields[1], 0...23, name: "hour").sorted()
        daysOfMonth = try Self.field(fields[2], 1...31, name: "day of month")
        months = try Self.field(fields[3], 1...12, name: "month")
        daysOfWeek = Set(try Self.field(fields[4], 0...7, name: "day of week").map { $0 % 7 })
        anyDayOfMonth = fields[2] == "*"
        anyDayOfWeek = fields[4] == "*"
    }

    /// The first slot strictly after `date` (slots are whole minutes), or nil when none
    /// comes within five years (such as February 31st).
    public func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = (floor(date.timeIntervalSince1970 / 60) + 1) * 60
        let firstDay = floor(start / 86_400)
        for offset in 0..<(366 * 5) {
            let day = firstDay + Double(offset)
            let parts = calendar.dateComponents([.month, .day], from: Date(timeIntervalSince1970: day * 86_400))
            guard let month = parts.month, let dayOfMonth = parts.day, months.contains(month) else { continue }
            let weekday = (Int(day) + 4) % 7  // 1970-01-01 was a Thursday
            let domMatch = daysOfMonth.contains(dayOfMonth), dowMatch = daysOfWeek.contains(weekday)
            let dayMatches = anyDayOfMonth || anyDayOfWeek ? domMatch && dowMatch : domMatch || dowMatch
            guard dayMatches else { continue }
            for hour in hours {
                for minute in minutes {
                    let candidate = day * 86_400 + Double(hour * 3600 + minute * 60)
                    if candidate >= start { return Date(timeIntervalSince1970: candidate) }
                }
            }
        }
        return nil
    }

    private static func field(_ text: String, _ bounds: ClosedRange<Int>, name: String) throws -> Set<Int> {
        var values = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2 else { throw ParseError(description: "bad \(name) '\(part)'") }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else { throw ParseError(description: "bad \(name) step '\(part)'") }
                step = parsed
            }
            let range: ClosedRange<Int>
            if pieces[0] == "*" {
                range = bounds
            } else if let dash = pieces[0].firstIndex(of: "-") {
                guard let low = Int(pieces[0][..<dash]), let high = Int(pieces[0][pieces[0].index(after: dash)...]), low <= high,
                      bounds.contains(low), bounds.contains(high)
                else { throw ParseError(description: "bad \(name) range '\(part)'") }
                range = low...high
            } else {
                guard let value = Int(pieces[0]), bounds.contains(value) else { throw ParseError(description: "bad \(name) '\(part)'") }
                // "5/15" means from 5 to the end in steps of 15.
                range = pieces.count == 2 ? value...bounds.upperBound : value...value
            }
            values.formUnion(stride(from: range.lowerBound, through: range.upperBound, by: step))
        }
        return values
    }
}
