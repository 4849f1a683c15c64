import Foundation

/// How well a query matched a candidate, and which of the candidate's characters (as
/// grapheme indices) matched, for highlighting.
public struct FuzzyMatch: Hashable, Sendable {
    public let score: Int
    public let indices: [Int]

    public init(score: Int, indices: [Int]) {
        self.score = score
        self.indices = indices
    }
}

/// fzf-style fuzzy matching: the query's characters must appear in order in the
/// candidate (case- and accent-insensitively); among the ways they can, the best scoring
/// is found (dynamic programming, as fzf's v2 algorithm). Matches at word starts and
/// camelCase humps earn bonuses, runs of consecutive characters keep theirs, gaps cost
/// a little per character. The constants are fzf's.
public enum FuzzyMatcher {
    static let scoreMatch = 16
    static let gapStart = -3
    static let gapExtension = -1
    static let bonusBoundary = 8
    static let bonusBoundaryWhite = 10
    static let bonusBoundaryDelimiter = 9
    static let bonusNonWord = 8
    static let bonusCamel = 7
    static let bonusConsecutive = 4
    static let firstCharMultiplier = 2

    enum CharacterClass {
        case white, delimiter, nonWord, lower, upper, letter, number
    }

    static func characterClass(_ c: Character) -> CharacterClass {
        if c.isWhitespace { return .white }
        if "/,:;|-_.".contains(c) { return .delimiter }
        if c.isNumber { return .number }
        if c.isLowercase { return .lower }
        if c.isUppercase { return .upper }
        if c.isLetter { return .letter }
        // Emoji and other symbols: matched like letters, but not word boundaries.
        return c.isPunctuation || c.isSymbol ? .nonWord : .letter
    }

    static func bonus(previous: CharacterClass, current: CharacterClass) -> Int {
        switch current {
        case .white: return bonusBoundaryWhite
        case .delimiter, .nonWord: return bonusNonWord
        case .lower, .upper, .letter, .number:
            switch previous {
            case .white: return bonusBoundaryWhite
            case .delimiter: return bonusBoundaryDelimiter
            case .nonWord: return bonusBoundary
            case .lower where current == .upper: return bonusCamel
            case .lower, .upper, .letter: return current == .number ? bonusCamel : 0
            case .number: return 0
            }
        }
    }

    /// Case- and accent-folded form of one character, for comparing.
    static func fold(_ c: Character) -> String {
        // ASCII needs no Foundation round trip, and most titles are mostly ASCII.
        if let ascii = c.asciiValue { return String(Character(Unicode.Scalar(ascii >= 65 && ascii <= 90 ? ascii + 32 : ascii))) }
        return String(c).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The best match of `query` in `candidate`, or nil when it is not a subsequence.
    /// Whitespace at the ends of the query is ignored; an empty query matches everything
    /// with score 0.
    public static func match(_ query: String, in candidate: String) -> FuzzyMatch? {
        let pattern = Array(query.trimmingCharacters(in: .whitespaces)).map(fold)
        guard !pattern.isEmpty else { return FuzzyMatch(score: 0, indices: []) }
        let characters = Array(candidate)
        let text = characters.map(fold)
        let m = pattern.count, n = text.count
        guard m <= n, isSubsequence(pattern, of: text) else { return nil }

        var bonuses = [Int](repeating: 0, count: n)
        var previous = CharacterClass.white
        for (j, c) in characters.enumerated() {
            let current = characterClass(c)
            bonuses[j] = bonus(previous: previous, current: current)
            previous = current
        }

        // score[i][j]: best score with pattern[i] matched at text[j]; from[i][j]: where
        // pattern[i-1] was matched; runBonus[i][j]: the bonus a consecutive run carries.
        let none = Int.min / 4
        var score = [[Int]](repeating: [Int](repeating: none, count: n), count: m)
        var from = [[Int]](repeating: [Int](repeating: -1, count: n), count: m)
        var runBonus = [[Int]](repeating: [Int](repeating: 0, count: n), count: m)
        for j in 0..<n where text[j] == pattern[0] {
            score[0][j] = scoreMatch + bonuses[j] * firstCharMultiplier
            runBonus[0][j] = bonuses[j]
        }
        for i in 1..<m {
            // gap: best score[i-1][k] + gap penalty for k <= j-2, kept incrementally.
            var gap = none, gapFrom = -1
            for j in i..<n {
                if j >= 2 {
                    let opened = score[i - 1][j - 2] + gapStart
                    let extended = gap + gapExtension
                    if opened >= extended { gap = opened; gapFrom = j - 2 } else { gap = extended }
                }
                guard text[j] == pattern[i] else { continue }
                var best = none
                if gap > none / 2 {
                    best = gap + scoreMatch + bonuses[j]
                    from[i][j] = gapFrom
                    runBonus[i][j] = bonuses[j]
                }
                let previous = score[i - 1][j - 1]
                if previous > none / 2 {
                    // A consecutive run keeps the bonus of its start (a word start), and
                    // is never worth less than bonusConsecutive per character.
                    var carried = runBonus[i - 1][j - 1]
                    if bonuses[j] >= bonusBoundary, bonuses[j] > carried { carried = bonuses[j] }
                    let consecutive = previous + scoreMatch + max(bonuses[j], carried, bonusConsecutive)
                    if consecutive >= best {
                        best = consecutive
                        from[i][j] = j - 1
                        runBonus[i][j] = carried
                    }
                }
                score[i][j] = best
            }
        }
        var end = -1, total = none
        for j in 0..<n where score[m - 1][j] > total {
            total = score[m - 1][j]
            end = j
        }
        guard end >= 0, total > none / 2 else { return nil }
        var indices = [Int](repeating: 0, count: m)
        var j = end
        for i in stride(from: m - 1, through: 0, by: -1) {
            indices[i] = j
            j = from[i][j]
        }
        return FuzzyMatch(score: total, indices: indices)
    }

    private static func isSubsequence(_ pattern: [String], of text: [String]) -> Bool {
        var i = 0
        for c in text where i < pattern.count && c == pattern[i] { i += 1 }
        return i == pattern.count
    }

    /// The candidates that match, best first: higher score, then shorter text, then the
    /// order given. Returns indices into `candidates` with their matches.
    public static func rank(_ query: String, _ candidates: [String]) -> [(index: Int, match: FuzzyMatch)] {
        let matched = candidates.enumerated().compactMap { index, text in match(query, in: text).map { (index, $0) } }
        return matched.sorted { a, b in
            if a.1.score != b.1.score { return a.1.score > b.1.score }
            let widthA = DisplayWidth.of(candidates[a.0]), widthB = DisplayWidth.of(candidates[b.0])
            if widthA != widthB { return widthA < widthB }
            return a.0 < b.0
        }.map { (index: $0.0, match: $0.1) }
    }
}
