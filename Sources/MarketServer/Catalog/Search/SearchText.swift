import Foundation

/// Turns free text into safe search terms. User input never reaches FTS syntax: only runs
/// of letters and digits survive, folded to lowercase without accents, so quotes,
/// operators, `NEAR(`, NUL bytes and 5,000-character pastes become plain words or nothing.
public struct SearchTerms: Sendable, Equatable {
    public let words: [String]
    /// The last word is still being typed: match it as a prefix.
    public let prefixLast: Bool
    /// Whole words from the catalog that start with the last word. The prefix itself is
    /// matched against stems (`cerami` is not a prefix of the stem `ceram`), so these
    /// complete it the way a person would.
    public private(set) var completions: [String] = []

    /// Words that carry no meaning on their own. They are dropped (except while being
    /// typed last) so both engines agree: PostgreSQL ignores them, FTS5 would require them.
    static let stopwords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "in", "into", "is", "it",
        "of", "on", "or", "the", "to", "with", "this", "that", "these", "those", "was", "were", "will",
    ]

    static let maxWords = 8
    static let maxWordLength = 40

    public init?(_ raw: String, prefixLast: Bool = true) {
        let words = SearchText.words(in: String(raw.prefix(1000)))
            .map { String($0.prefix(Self.maxWordLength)) }
        guard !words.isEmpty else { return nil }
        let meaningful = words.enumerated().filter { index, word in
            (prefixLast && index == words.count - 1) || !Self.stopwords.contains(word)
        }.map(\.element)
        self.words = Array((meaningful.isEmpty ? words : meaningful).suffix(Self.maxWords))
        self.prefixLast = prefixLast
    }

    func completing(with words: [String]) -> SearchTerms {
        var copy = self
        copy.completions = words.filter { $0 != self.words.last }
        return copy
    }

    /// FTS5 query: each word quoted (they hold only letters and digits), joined by an
    /// explicit AND (FTS5 allows the implicit one between phrases only, not before a group).
    var fts5Expression: String {
        words.enumerated().map { index, word in
            guard prefixLast && index == words.count - 1 else { return "\"\(word)\"" }
            return "(" + (["\"\(word)\"*"] + completions.map { "\"\($0)\"" }).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
    }

    /// PostgreSQL `to_tsquery` input: words joined by `&`, the last one `:*` for prefixes.
    var tsqueryExpression: String {
        words.enumerated().map { index, word in
            guard prefixLast && index == words.count - 1 else { return word }
            return "(" + ([word + ":*"] + completions).joined(separator: " | ") + ")"
        }.joined(separator: " & ")
    }
}

enum SearchText {
    /// Lowercase, accents and width folded: `Crème` and `CREME` become `creme`.
    static func fold(_ text: String) -> String {
        text.searchFolded
    }

    /// Folded runs of letters and digits.
    static func words(in text: String) -> [String] {
        let folded = fold(text)
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: letters and digits are exactly [a-z0-9] after folding.
            return folded.utf8.split(whereSeparator: { !(($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)) })
                .map { String(decoding: $0, as: UTF8.self) }
        }
        return folded
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
            .filter { !$0.isEmpty }
    }

    /// Distinct words worth completing to: from titles and tags, two characters or more,
    /// not bare numbers.
    static func suggestionTerms(title: String, tags: [String]) -> Set<String> {
        Set((words(in: title) + tags.flatMap(words(in:))).filter(isSuggestionWord))
    }

    static func isSuggestionWord(_ word: some StringProtocol) -> Bool {
        if word.isPrintableASCII {
            return (2...40).contains(word.utf8.count) && !word.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        return word.count >= 2 && word.count <= 40 && !word.allSatisfy(\.isNumber)
    }
}
