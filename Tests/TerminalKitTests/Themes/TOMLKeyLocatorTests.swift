import Testing
@testable import TerminalKit

@Suite("TOML key locator")
struct TOMLKeyLocatorTests {
    static let text = """
        # comment = "not a key"
        name = "x"
        "quoted key" = 1
        notes = \"\"\"
        fake = "inside a multi-line string"
        \"\"\"
        [styles]
        selection = { fg = "blu", bold = true }
          'tab-active'.fg = "red"
        [ styles . "price" ]
        bold = true
        [keys]
        down = [
          "j",
          "dwn",
        ]
        fake = 2
        """

    let locator = TOMLKeyLocator(text: Self.text)

    @Test("keys, quoted keys and headers are found on their lines")
    func plainKeys() {
        #expect(locator.line(of: ["name"]) == 2)
        #expect(locator.line(of: ["quoted key"]) == 3)
        #expect(locator.line(of: ["styles"]) == 7)
        #expect(locator.line(of: ["styles", "price"]) == 10)
        #expect(locator.line(of: ["styles", "price", "bold"]) == 11)
        #expect(locator.line(of: ["styles", "tab-active", "fg"]) == 9)
    }

    @Test("a key inside an inline table is placed on the line of the table")
    func inlineTables() {
        #expect(locator.line(of: ["styles", "selection", "fg"]) == 8)
    }

    @Test("comments and multi-line strings hold no keys")
    func skipsStringsAndComments() {
        #expect(locator.line(of: ["comment"]) == nil)
        #expect(locator.line(of: ["keys", "fake"]) == 17)
        #expect(locator.line(of: ["fake"]) == nil)
    }

    @Test("an element of an array that spans lines is found by its value")
    func arrayElements() {
        #expect(locator.line(of: ["keys", "down"], value: "dwn") == 15)
        #expect(locator.line(of: ["keys", "down"], value: "nothing") == 13)
    }
}
