import Testing
import TerminalKit

@Suite("FuzzyMatcher")
struct FuzzyMatcherTests {
    static let commands = ["Cart: clear", "Catalog: open", "Checkout: start", "Orders: list", "Chat: open conversation", "Help: keys"]

    static func ranked(_ query: String) -> [String] {
        FuzzyMatcher.rank(query, commands).map { commands[$0.index] }
    }

    @Test("a subsequence matches, case-insensitively, with the matched grapheme indices")
    func subsequence() {
        #expect(FuzzyMatcher.match("ctlg", in: "Catalog: open")?.indices == [0, 2, 4, 6])
        #expect(FuzzyMatcher.match("ctlg", in: "Cart: clear") == nil)
        #expect(FuzzyMatcher.match("CATALOG", in: "catalog")?.indices == [0, 1, 2, 3, 4, 5, 6])
        #expect(FuzzyMatcher.match("toolong", in: "tool") == nil)
        #expect(FuzzyMatcher.match("", in: "anything") == FuzzyMatch(score: 0, indices: []))
        #expect(FuzzyMatcher.match("  ", in: "") == FuzzyMatch(score: 0, indices: []))
    }

    @Test("accents fold, CJK matches, and indices count graphemes (an emoji is one)")
    func unicode() {
        #expect(FuzzyMatcher.match("creme", in: "Crème brûlée")?.indices == [0, 1, 2, 3, 4])
        #expect(FuzzyMatcher.match("陶器", in: "陶器のマグ")?.indices == [0, 1])
        #expect(FuzzyMatcher.match("x", in: "👍🏽x")?.indices == [1])
        #expect(FuzzyMatcher.match("mg", in: "マグ mug")?.indices == [3, 5])
    }

    @Test("ctlg ranks Catalog: open first; Cart: clear does not match at all")
    func ctlg() {
        #expect(Self.ranked("ctlg") == ["Catalog: open"])
    }

    @Test("word starts win: cc finds the c of clear, co the start of conversation")
    func wordStarts() {
        #expect(Self.ranked("cc").first == "Cart: clear")
        #expect(FuzzyMatcher.match("cc", in: "Cart: clear")?.indices == [0, 6])
        #expect(Self.ranked("co") == ["Chat: open conversation", "Catalog: open", "Checkout: start"])
        #expect(FuzzyMatcher.match("co", in: "Chat: open conversation")?.indices == [11, 12])
        #expect(FuzzyMatcher.match("ol", in: "Orders: list")?.indices == [0, 8])
    }

    @Test("consecutive runs beat scattered letters; camelCase humps count as word starts")
    func bonuses() throws {
        let catalog = try #require(FuzzyMatcher.match("cat", in: "Catalog"))
        let chat = try #require(FuzzyMatcher.match("cat", in: "Chat"))
        #expect(catalog.score > chat.score)
        #expect(FuzzyMatcher.match("fb", in: "fooBar")?.indices == [0, 3])
        let hump = try #require(FuzzyMatcher.match("b", in: "fooBar"))
        let middle = try #require(FuzzyMatcher.match("b", in: "foobar"))
        #expect(hump.score > middle.score)
    }

    @Test("ties go to the shorter text, then to the order given")
    func ties() {
        #expect(FuzzyMatcher.rank("ab", ["abc d", "abc", "abc"]).map(\.index) == [1, 2, 0])
        #expect(FuzzyMatcher.rank("", ["b", "a"]).map(\.index) == [0, 1])
    }
}
