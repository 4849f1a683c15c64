import Foundation

/// RFC 3339 timestamps, written by hand.
///
/// Hand-written rather than `DateFormatter`/`ISO8601DateFormatter` because
/// those are classes with mutable state (sharing one across threads is not
/// safe, making one per call is slow) and because neither accepts "with or
/// without fractional seconds" in a single configuration. These are pure
/// functions on values, so they are safe from any thread or task.
public enum RFC3339 {
    /// "2026-11-21T01:39:37.123Z": UTC, always three fractional digits, so
    /// every timestamp on the wire has the same length and sorts as text.
    /// The date is rounded to the nearest millisecond. Returns nil for dates
    /// outside the years 0000...9999, which RFC 3339 cannot express.
    public static func string(from date: Date) -> String? {
        let scaled = (date.timeIntervalSince1970 * 1000).rounded()
        guard scaled.isFinite, abs(scaled) < 1e17 else { return nil }
        let totalMilliseconds = Int64(scaled)
        let millisecondsPerDay: Int64 = 86_400_000
        let days = floorDivide(totalMilliseconds, millisecondsPerDay)
        let inDay = totalMilliseconds - days * millisecondsPerDay

        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else { return nil }
        let hour = inDay / 3_600_000
        let minute = inDay / 60_000 % 60
        let second = inDay / 1000 % 60
        let millisecond = inDay % 1000

        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
            + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
            + "." + pad(millisecond, 3) + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. The separator may
    /// be "T", "t" or a space, the fraction may have any number of digits (or
    /// be absent), and any offset is accepted and converted to UTC. A leap
    /// second (":60") is read as the first second of the next minute.
    public static func date(from string: String) -> Date? {
        var reader = ByteReader(Array(string.utf8))
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2),
              reader.skipAny(["T", "t", " "]),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), reader.skip(":"),
              let second = reader.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), (1...daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }

        // Fraction, kept in nanoseconds; digits past the ninth are ignored.
        var nanoseconds: Int64 = 0
        if reader.skip(".") {
            var digitCount = 0
            while let digit = reader.digit() {
                if digitCount < 9 { nanoseconds = nanoseconds * 10 + digit }
                digitCount += 1
            }
            guard digitCount > 0 else { return nil }
            for _ in min(digitCount, 9)..<9 { nanoseconds *= 10 }
        }

        // Offset: the local time is `offset` ahead of UTC.
        var offsetSeconds: Int64 = 0
        if reader.skipAny(["Z", "z"]) {
            offsetSeconds = 0
        } else if let sign = reader.signByte() {
            guard let offsetHours = reader.number(digits: 2), reader.skip(":"),
                  let offsetMinutes = reader.number(digits: 2),
                  (0...23).contains(offsetHours), (0...59).contains(offsetMinutes)
            else { return nil }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * sign
        } else {
            return nil
        }
        guard reader.isAtEnd else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        if nanoseconds % 1_000_000 == 0 {
            // Whole milliseconds (the common case, and what we write): one
            // division of an exact integer gives the closest Date, so a value
            // survives encode/decode unchanged.
            return Date(timeIntervalSince1970: Double(seconds * 1000 + nanoseconds / 1_000_000) / 1000)
        }
        return Date(timeIntervalSince1970: Double(seconds) + Double(nanoseconds) / 1e9)
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, after Howard Hinnant)

    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A cursor over ASCII bytes for the parser above.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    mutating func skipAny(_ characters: [Unicode.Scalar]) -> Bool {
        characters.contains { skip($0) }
    }

    mutating func digit() -> Int64? {
        guard position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) else {
            return nil
        }
        defer { position += 1 }
        return Int64(bytes[position] - UInt8(ascii: "0"))
    }

    /// Exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<digits {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// +1 for "+", -1 for "-". The Unicode minus sign is not accepted: RFC 3339
    /// is ASCII.
    mutating func signByte() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
