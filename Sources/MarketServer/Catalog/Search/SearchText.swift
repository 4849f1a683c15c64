import Foundation

/// Turns free text into safe search terms. User input never reaches FTS syntax: only runs
/// of letters and digits survive, folded to lowercase without accents, so quotes,
/// operators, `NEAR(`, NUL bytes and 5,000-character pastes become plain words or nothing.
public struct SearchTerms: Sendable, Equatable {
    public let words: [String]
    /// The last word is still being typed: match it as a prefix.
    public let prefixLast: Bool

    static let maxWords = 8
    static let maxWordLength = 40

    public init?(_ raw: String, prefixLast: Bool = true) {
        let words = SearchText.words(in: String(raw.prefix(1000)))
            .map { String($0.prefix(Self.maxWordLength)) }
        guard !words.isEmpty else { return nil }
        self.words = Array(words.prefix(Self.maxWords))
        self.prefixLast = prefixLast
    }

    /// FTS5 query: each word quoted (they hold only letters and digits), implicit AND.
    var fts5Expression: String {
        words.enumerated().map { index, word in
            "\"\(word)\"" + (prefixLast && index == words.count - 1 ? "*" : "")
        }.joined(separator: " ")
    }

    /// PostgreSQL `to_tsquery` input: words joined by `&`, the last one `:*` for prefixes.
    var tsqueryExpression: String {
        words.enumerated().map { index, word in
            word + (prefixLast && index == words.count - 1 ? ":*" : "")
        }.joined(separator: " & ")
    }
}

enum SearchText {
    /// Lowercase, accents and width folded: `Crème` and `CREME` become `creme`.
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// Folded runs of letters and digits.
    static func words(in text: String) -> [String] {
        fold(text)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .map(String.init)
            .filter { !$0.isEmpty }
    }

    /// Distinct words worth completing to: from titles and tags, two characters or more,
    /// not bare numbers.
    static func suggestionTerms(title: String, tags: [String]) -> Set<String> {
        Set((words(in: title) + tags.flatMap(words(in:))).filter { $0.count >= 2 && $0.count <= 40 && !$0.allSatisfy(\.isNumber) })
    }
}
