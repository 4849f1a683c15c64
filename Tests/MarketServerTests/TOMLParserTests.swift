import MarketServer
import TOML
import Testing

/// A document and the root table it must parse to.
struct TOMLParseCase: Sendable, CustomTestStringConvertible {
    let name: String
    let toml: String
    let expected: [String: TOMLValue]
    var testDescription: String { name }

    init(_ name: String, _ toml: String, _ expected: [String: TOMLValue]) {
        self.name = name
        self.toml = toml
        self.expected = expected
    }
}

/// A document that must be rejected, where, and a fragment of the message.
struct TOMLErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let toml: String
    let line: Int
    let column: Int
    let message: String
    var testDescription: String { name }

    init(_ name: String, _ toml: String, line: Int, column: Int, _ message: String) {
        self.name = name
        self.toml = toml
        self.line = line
        self.column = column
        self.message = message
    }
}

@Suite("TOML parser")
struct TOMLParserTests {
    // MARK: Documents that parse

    static let stringCases: [TOMLParseCase] = [
        .init("basic string", #"a = "hello""#, ["a": "hello"]),
        .init("basic escapes", #"a = "tab\there \"q\" back\\slash\nnext""#, ["a": "tab\there \"q\" back\\slash\nnext"]),
        .init("control escapes", #"a = "\b\f\r""#, ["a": "\u{08}\u{0C}\r"]),
        .init("unicode escapes", #"a = "caf\u00E9 \U0001F600""#, ["a": "café 😀"]),
        .init("raw unicode", "a = \"日本語 ✓\"", ["a": "日本語 ✓"]),
        .init("tab allowed in string", "a = \"x\ty\"", ["a": "x\ty"]),
        .init("empty strings", "a = \"\"\nb = ''", ["a": "", "b": ""]),
        .init("literal string keeps backslashes", #"a = 'C:\Users\nodejs\templates'"#, ["a": #"C:\Users\nodejs\templates"#]),
        .init("literal string with double quotes", #"a = 'Tom "Dubs" Preston'"#, ["a": #"Tom "Dubs" Preston"#]),
        .init("multi-line basic trims first newline", "a = \"\"\"\nRoses\nViolets\"\"\"", ["a": "Roses\nViolets"]),
        .init("multi-line basic without first newline", "a = \"\"\"one\ntwo\n\"\"\"", ["a": "one\ntwo\n"]),
        .init(
            "line-ending backslash",
            #"""
            a = """
            The quick brown \
                fox jumps over \
                the lazy dog."""
            """#,
            ["a": "The quick brown fox jumps over the lazy dog."]
        ),
        .init(
            "line-ending backslash with trailing spaces and blank lines",
            "a = \"\"\"one \\   \n\n\n   two\"\"\"",
            ["a": "one two"]
        ),
        .init("two quotes inside multi-line", #"a = """Two quotes: "". Fine.""""#, ["a": #"Two quotes: "". Fine."#]),
        .init("escaped third quote", #"a = """Three quotes: ""\".""""#, ["a": #"Three quotes: """."#]),
        .init(
            "quotes next to the delimiters",
            #"a = """"This," she said, "is just a pointless statement."""""#,
            ["a": #""This," she said, "is just a pointless statement.""#]
        ),
        .init("five closing quotes", #"a = """x""""""#, ["a": #"x"""#]),
        .init("empty multi-line", #"a = """""""#, ["a": ""]),
        .init("escapes in multi-line", #"a = """a\tb\u0041""""#, ["a": "a\tbA"]),
        .init("CRLF in multi-line becomes LF", "a = \"\"\"\r\nx\r\ny\"\"\"", ["a": "x\ny"]),
        .init(
            "multi-line literal",
            "a = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''",
            ["a": "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n"]
        ),
        .init("multi-line literal keeps backslashes", #"a = '''I [dw]on't need \d{2} apples'''"#, ["a": #"I [dw]on't need \d{2} apples"#]),
        .init("quotes next to literal delimiters", "a = ''''That,' she said, 'is still pointless.''''", ["a": "'That,' she said, 'is still pointless.'"]),
        .init("hash inside a string is not a comment", ##"a = "# not a comment" # but this is"##, ["a": "# not a comment"]),
    ]

    static let numberCases: [TOMLParseCase] = [
        .init("positive integer", "a = +99", ["a": 99]),
        .init("integer", "a = 42", ["a": 42]),
        .init("zero", "a = 0", ["a": 0]),
        .init("signed zeros", "a = +0\nb = -0", ["a": 0, "b": 0]),
        .init("negative integer", "a = -17", ["a": -17]),
        .init("underscores", "a = 1_000\nb = 5_349_221\nc = 1_2_3_4_5", ["a": 1000, "b": 5_349_221, "c": 12345]),
        .init("hexadecimal", "a = 0xDEADBEEF\nb = 0xdeadbeef\nc = 0xdead_beef\nd = 0x0", ["a": 0xDEADBEEF, "b": 0xDEADBEEF, "c": 0xDEADBEEF, "d": 0]),
        .init("octal", "a = 0o01234567\nb = 0o755", ["a": 0o01234567, "b": 0o755]),
        .init("binary", "a = 0b11010110", ["a": 0b11010110]),
        .init("largest integer", "a = 9223372036854775807", ["a": .integer(Int64.max)]),
        .init("smallest integer", "a = -9223372036854775808", ["a": .integer(Int64.min)]),
        .init("largest hexadecimal", "a = 0x7FFFFFFFFFFFFFFF", ["a": .integer(Int64.max)]),
        .init("fractional floats", "a = +1.0\nb = 3.1415\nc = -0.01", ["a": 1.0, "b": 3.1415, "c": -0.01]),
        .init("exponent floats", "a = 5e+22\nb = 1e06\nc = -2E-2\nd = 6.626e-34", ["a": 5e22, "b": 1e6, "c": -0.02, "d": 6.626e-34]),
        .init("float with underscores", "a = 224_617.445_991_228", ["a": 224_617.445_991_228]),
        .init("exponent makes a float", "a = 1e5", ["a": .float(100_000)]),
        .init("zero floats", "a = 0.0\nb = -0.0\nc = 0e0", ["a": 0.0, "b": -0.0, "c": 0.0]),
        .init("infinities", "a = inf\nb = +inf\nc = -inf", ["a": .float(.infinity), "b": .float(.infinity), "c": .float(-.infinity)]),
        .init("booleans", "a = true\nb = false", ["a": true, "b": false]),
    ]

    static let dateTimeCases: [TOMLParseCase] = [
        .init("offset date-time UTC", "a = 1979-05-27T07:32:00Z", ["a": .datetime("1979-05-27T07:32:00Z")]),
        .init("offset date-time", "a = 1979-05-27T00:32:00-07:00", ["a": .datetime("1979-05-27T00:32:00-07:00")]),
        .init("offset date-time with fraction", "a = 1979-05-27T00:32:00.999999+05:30", ["a": .datetime("1979-05-27T00:32:00.999999+05:30")]),
        .init("space instead of T", "a = 1979-05-27 07:32:00Z", ["a": .datetime("1979-05-27 07:32:00Z")]),
        .init("lowercase t and z", "a = 1979-05-27t07:32:00z", ["a": .datetime("1979-05-27t07:32:00z")]),
        .init("local date-time", "a = 1979-05-27T07:32:00", ["a": .datetime("1979-05-27T07:32:00")]),
        .init("local date-time with fraction", "a = 1979-05-27T00:32:00.999999", ["a": .datetime("1979-05-27T00:32:00.999999")]),
        .init("local date", "a = 1979-05-27", ["a": .datetime("1979-05-27")]),
        .init("leap day", "a = 2024-02-29", ["a": .datetime("2024-02-29")]),
        .init("leap day in a year divisible by 400", "a = 2000-02-29", ["a": .datetime("2000-02-29")]),
        .init("local time", "a = 07:32:00", ["a": .datetime("07:32:00")]),
        .init("local time with fraction", "a = 00:32:00.999999", ["a": .datetime("00:32:00.999999")]),
        .init("leap second", "a = 1990-12-31T23:59:60Z", ["a": .datetime("1990-12-31T23:59:60Z")]),
        .init("date-times in an array", "a = [1979-05-27, 1979-05-27 07:32:00]", ["a": [.datetime("1979-05-27"), .datetime("1979-05-27 07:32:00")]]),
        .init("date then comment", "a = 1979-05-27 # a date", ["a": .datetime("1979-05-27")]),
    ]

    static let arrayAndInlineTableCases: [TOMLParseCase] = [
        .init("integer array", "a = [ 1, 2, 3 ]", ["a": [1, 2, 3]]),
        .init("string array", #"a = [ "red", 'yellow', """green""", '''blue''' ]"#, ["a": ["red", "yellow", "green", "blue"]]),
        .init("nested arrays", "a = [ [ 1, 2 ], [3, 4, 5] ]", ["a": [[1, 2], [3, 4, 5]]]),
        .init("mixed types", #"a = [ 0.1, 2, "x", true, [ "y" ], { z = 1 } ]"#, ["a": [0.1, 2, "x", true, ["y"], ["z": 1]]]),
        .init("empty arrays", "a = []\nb = [ ]\nc = [\n]", ["a": [], "b": [], "c": []]),
        .init(
            "multi-line array with comments and trailing comma",
            """
            a = [
              1, # one
              2,
              # a comment line

              3,
            ]
            """,
            ["a": [1, 2, 3]]
        ),
        .init("comment right after the bracket", "a = [ # hi\n  1\n]", ["a": [1]]),
        .init("array of inline tables", "points = [ { x = 1, y = 2 }, { x = 7, y = 8 } ]", ["points": [["x": 1, "y": 2], ["x": 7, "y": 8]]]),
        .init("inline table", #"name = { first = "Tom", last = "Preston-Werner" }"#, ["name": ["first": "Tom", "last": "Preston-Werner"]]),
        .init("empty inline table", "a = {}\nb = { }", ["a": [:], "b": [:]]),
        .init("dotted keys in inline table", #"animal = { type.name = "pug", type.size = 2 }"#, ["animal": ["type": ["name": "pug", "size": 2]]]),
        .init("nested inline tables", "a = { b = { c = { d = 1 } } }", ["a": ["b": ["c": ["d": 1]]]]),
        .init("inline table without spaces", "a={b=1,c=[2]}", ["a": ["b": 1, "c": [2]]]),
    ]

    static let keyCases: [TOMLParseCase] = [
        .init("bare keys", "key = 1\nbare_key = 2\nbare-key = 3\n1234 = 4", ["key": 1, "bare_key": 2, "bare-key": 3, "1234": 4]),
        .init(
            "quoted keys",
            #""127.0.0.1" = "a"\n"character encoding" = "b"\n"ʎǝʞ" = "c"\n'key2' = "d"\n'quoted "value"' = "e""#
                .replacingNewlineEscapes(),
            ["127.0.0.1": "a", "character encoding": "b", "ʎǝʞ": "c", "key2": "d", #"quoted "value""#: "e"]
        ),
        .init("escapes in quoted keys", #""a\tb" = 1"#, ["a\tb": 1]),
        .init("empty quoted key", "\"\" = \"blank\"", ["": "blank"]),
        .init("empty literal key", "'' = 'blank'", ["": "blank"]),
        .init(
            "dotted keys",
            #"name = "Orange"\nphysical.color = "orange"\nphysical.shape = "round"\nsite."google.com" = true"#.replacingNewlineEscapes(),
            ["name": "Orange", "physical": ["color": "orange", "shape": "round"], "site": ["google.com": true]]
        ),
        .init("whitespace around dots", #"fruit . flavor = "banana""#, ["fruit": ["flavor": "banana"]]),
        .init("numbers as dotted keys", #"3.14159 = "pi""#, ["3": ["14159": "pi"]]),
        .init("no whitespace around equals", "a=1", ["a": 1]),
        .init(
            "dotted keys spread over lines",
            "apple.type = \"fruit\"\norange.type = \"fruit\"\napple.skin = \"thin\"\norange.skin = \"thick\"",
            ["apple": ["type": "fruit", "skin": "thin"], "orange": ["type": "fruit", "skin": "thick"]]
        ),
    ]

    static let tableCases: [TOMLParseCase] = [
        .init(
            "tables",
            """
            [table-1]
            key1 = "some string"
            key2 = 123

            [table-2]
            key1 = "another string"
            key2 = 456
            """,
            ["table-1": ["key1": "some string", "key2": 123], "table-2": ["key1": "another string", "key2": 456]]
        ),
        .init("root keys before tables", "top = 1\n[t]\ninner = 2", ["top": 1, "t": ["inner": 2]]),
        .init("quoted header keys", "[dog.\"tater.man\"]\ntype.name = \"pug\"", ["dog": ["tater.man": ["type": ["name": "pug"]]]]),
        .init("whitespace in headers", "[ j . \"ʞ\" . 'l' ]\nx = 1", ["j": ["ʞ": ["l": ["x": 1]]]]),
        .init("indented tables and keys", "  [a]\n    b = 1\n\t[c]\n\td = 2", ["a": ["b": 1], "c": ["d": 2]]),
        .init("empty table", "[empty]", ["empty": [:]]),
        .init("super-table defined after its sub-table", "[x.y.z.w]\na = 1\n[x]\nb = 2", ["x": ["b": 2, "y": ["z": ["w": ["a": 1]]]]]),
        .init("sub-tables in any order", "[a.b]\nc = 1\n[a.d]\ne = 2", ["a": ["b": ["c": 1], "d": ["e": 2]]]),
        .init(
            "header below a table made by dotted keys",
            """
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true

            [fruit.apple.texture]
            smooth = true
            """,
            ["fruit": ["apple": ["color": "red", "taste": ["sweet": true], "texture": ["smooth": true]]]]
        ),
        .init(
            "array of tables",
            """
            [[products]]
            name = "Hammer"
            sku = 738594937

            [[products]]  # an empty table in the array

            [[products]]
            name = "Nail"
            sku = 284758393
            color = "gray"
            """,
            ["products": [["name": "Hammer", "sku": 738_594_937], [:], ["name": "Nail", "sku": 284_758_393, "color": "gray"]]]
        ),
        .init(
            "nested arrays of tables and sub-tables",
            """
            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"
            shape = "round"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"

            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"
            """,
            [
                "fruits": [
                    [
                        "name": "apple",
                        "physical": ["color": "red", "shape": "round"],
                        "varieties": [["name": "red delicious"], ["name": "granny smith"]],
                    ],
                    ["name": "banana", "varieties": [["name": "plantain"]]],
                ],
            ]
        ),
        .init("dotted keys in each array element", "[[a]]\nb.c = 1\n[[a]]\nb.c = 2", ["a": [["b": ["c": 1]], ["b": ["c": 2]]]]),
        .init("same sub-table in each array element", "[[a]]\n[a.b]\nx = 1\n[[a]]\n[a.b]\nx = 2", ["a": [["b": ["x": 1]], ["b": ["x": 2]]]]),
    ]

    static let layoutCases: [TOMLParseCase] = [
        .init("empty document", "", [:]),
        .init("only comments and blank lines", "# one\n\n   # two\n\n", [:]),
        .init("comments everywhere", "# head\nkey = \"value\"  # end of line\n[t] # after header\nx = 1#tight", ["key": "value", "t": ["x": 1]]),
        .init("CRLF line endings", "a = 1\r\nb = 2\r\n# c\r\n[t]\r\nc = 3\r\n", ["a": 1, "b": 2, "t": ["c": 3]]),
        .init("byte order mark", "\u{FEFF}a = 1", ["a": 1]),
        .init("tabs as whitespace", "a\t=\t1\t# tab", ["a": 1]),
        .init("no newline at end", "a = 1", ["a": 1]),
        .init("tab in comment", "# a\tb\na = 1", ["a": 1]),
    ]

    @Test("parses strings", arguments: stringCases)
    func strings(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("parses numbers and booleans", arguments: numberCases)
    func numbers(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("parses date-times as their text", arguments: dateTimeCases)
    func dateTimes(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("parses arrays and inline tables", arguments: arrayAndInlineTableCases)
    func arraysAndInlineTables(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("parses keys", arguments: keyCases)
    func keys(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("parses tables and arrays of tables", arguments: tableCases)
    func tables(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("handles comments, whitespace and line endings", arguments: layoutCases)
    func layout(_ testCase: TOMLParseCase) throws {
        #expect(try TOMLParser.parse(testCase.toml) == testCase.expected)
    }

    @Test("parses NaN in every spelling")
    func notANumber() throws {
        let root = try TOMLParser.parse("a = nan\nb = +nan\nc = -nan")
        for key in ["a", "b", "c"] {
            let value = try #require(root[key]?.doubleValue)
            #expect(value.isNaN, "\(key)")
        }
    }

    @Test("parses a full server configuration")
    func serverConfiguration() throws {
        let text = #"""
        # MarketMate server configuration
        host = "0.0.0.0"
        port = 8080
        data_dir = "/var/lib/marketmate"
        database_url = "postgres://marketmate:secret@db.internal:5432/marketmate?sslmode=require"
        log_level = "info"
        log_format = "json"
        max_body_size = 10_485_760
        cors_origins = [
          "https://shop.example.com",
          "https://admin.example.com",
        ]
        trusted_proxies = ["10.0.0.1"]
        public_url = "https://shop.example.com"

        [auth]
        issuer = "marketmate"
        audience = "marketmate-api"
        access_token_ttl = 900      # seconds
        refresh_token_ttl = 2592000
        signing_key_file = "/etc/marketmate/jwt-signing-key.pem"
        hash_concurrency = 2
        """#
        let root = try TOMLParser.parse(text)
        #expect(root["host"]?.stringValue == "0.0.0.0")
        #expect(root["port"]?.intValue == 8080)
        #expect(root["max_body_size"]?.intValue == 10_485_760)
        #expect(root["cors_origins"]?.arrayValue?.compactMap(\.stringValue) == ["https://shop.example.com", "https://admin.example.com"])
        #expect(root["trusted_proxies"] == ["10.0.0.1"])
        let auth = try #require(root["auth"]?.tableValue)
        #expect(auth["issuer"] == "marketmate")
        #expect(auth["access_token_ttl"]?.intValue == 900)
        #expect(auth["hash_concurrency"]?.doubleValue == 2)
        #expect(root.count == 11)
    }

    // MARK: Accessors

    @Test("accessors return the payload of their own case only")
    func accessors() {
        let string: TOMLValue = "s"
        #expect(string.stringValue == "s")
        #expect(string.intValue == nil)
        #expect(string.typeName == "string")

        let integer: TOMLValue = 7
        #expect(integer.intValue == 7)
        #expect(integer.doubleValue == 7.0)
        #expect(integer.stringValue == nil)
        #expect(integer.boolValue == nil)

        let float: TOMLValue = 2.5
        #expect(float.doubleValue == 2.5)
        #expect(float.intValue == nil)

        let boolean: TOMLValue = true
        #expect(boolean.boolValue == true)
        #expect(boolean.doubleValue == nil)

        let date = TOMLValue.datetime("1979-05-27")
        #expect(date.datetimeValue == "1979-05-27")
        #expect(date.stringValue == nil)
        #expect(date.typeName == "date-time")

        let array: TOMLValue = [1, "two"]
        #expect(array.arrayValue == [.integer(1), .string("two")])
        #expect(array.tableValue == nil)

        let table: TOMLValue = ["k": ["nested": true]]
        #expect(table.tableValue?["k"] == ["nested": true])
        #expect(table["k"]?["nested"]?.boolValue == true)
        #expect(table["missing"] == nil)
        #expect(array["k"] == nil)
        #expect(table.arrayValue == nil)
    }

    // MARK: Errors

    @Test("the error description names line and column")
    func errorDescription() {
        let error = TOMLError(line: 3, column: 7, message: "expected '=' after key")
        #expect(error.description == "line 3, column 7: expected '=' after key")
        #expect("\(error)" == "line 3, column 7: expected '=' after key")
    }

    @Test("a missing '=' is reported exactly")
    func missingEquals() {
        #expect(throws: TOMLError(line: 3, column: 7, message: "expected '=' after key")) {
            try TOMLParser.parse("a = 1\nb = 2\nname  \"x\"")
        }
    }

    static let syntaxErrorCases: [TOMLErrorCase] = [
        // Keys and '='
        .init("missing equals", "a = 1\nb = 2\nname  \"x\"", line: 3, column: 7, "expected '=' after key"),
        .init("key alone at end of input", "key", line: 1, column: 4, "expected '=' after key"),
        .init("key alone on a line", "key\nother = 1", line: 1, column: 4, "expected '=' after key"),
        .init("invalid character in bare key", "a$ = 1", line: 1, column: 2, "expected '=' after key"),
        .init("missing key", "= 1", line: 1, column: 1, "expected a key before '='"),
        .init("missing key after dot", "a. = 1", line: 1, column: 4, "expected a key after '.', found '='"),
        .init("multi-line string as key", "\"\"\"a\"\"\" = 1", line: 1, column: 1, "a multi-line string cannot be a key"),
        .init("key and value on separate lines", "a =\nb = 1", line: 1, column: 4, "expected a value, found a newline"),

        // Values
        .init("value missing at end of input", "a =", line: 1, column: 4, "expected a value, found end of input"),
        .init("value missing before comment", "a = # c", line: 1, column: 5, "expected a value, found '#'"),
        .init("unquoted string", "a = hello", line: 1, column: 5, "invalid value 'hello': strings must be quoted"),
        .init("capitalised boolean", "a = True", line: 1, column: 5, "booleans are lowercase"),
        .init("unexpected character", "a = @", line: 1, column: 5, "expected a value, found '@'"),

        // Garbage after a value or header
        .init("two values", "a = 1 2", line: 1, column: 7, "unexpected '2' after value"),
        .init("text after a string", "a = \"x\" y", line: 1, column: 9, "unexpected 'y' after value"),
        .init("two booleans", "a = true false", line: 1, column: 10, "unexpected 'f' after value"),
        .init("text after an array", "a = [1] x", line: 1, column: 9, "unexpected 'x' after value"),
        .init("key after a header", "[a] x = 1", line: 1, column: 5, "unexpected 'x' after table header"),
        .init("second key on the same line", "a = 1 b = 2", line: 1, column: 7, "unexpected 'b' after value"),
        .init("second string on the same line", "a = 'x' 'y'", line: 1, column: 9, #"unexpected "'" after value"#),
        .init("garbage after an inline table", "a = {} }", line: 1, column: 8, "unexpected '}' after value"),
        .init("garbage after a multi-line array", "a = [\n  1,\n] 2", line: 3, column: 3, "unexpected '2' after value"),

        // Strings
        .init("unterminated basic string", "a = 1\nb = \"abc", line: 2, column: 5, "unterminated string"),
        .init("basic string broken by a newline", "b = \"abc\nc = 1", line: 1, column: 5, "unterminated string"),
        .init("unterminated literal string", "a = 'abc", line: 1, column: 5, "unterminated string"),
        .init("literal string broken by a newline", "a = 'abc\n'", line: 1, column: 5, "unterminated string"),
        .init("unterminated multi-line string", "a = \"\"\"abc\n\ndef", line: 1, column: 5, "unterminated multi-line string"),
        .init("unterminated multi-line literal", "x = 1\na = '''abc\n", line: 2, column: 5, "unterminated multi-line string"),
        .init("unterminated quoted key", "\"abc = 1", line: 1, column: 1, "unterminated string"),
        .init("input ends in an escape", "a = \"\\", line: 1, column: 6, "input ends inside an escape sequence"),
        .init("too many quotes", "a = \"\"\"x\"\"\"\"\"\"", line: 1, column: 9, "too many quotes"),

        // Escapes
        .init("unknown escape", #"a = "a\qb""#, line: 1, column: 7, #"invalid escape sequence '\q'"#),
        .init("escape of a space", #"a = "a\ b""#, line: 1, column: 7, "invalid escape sequence a space"),
        .init("unknown escape in multi-line string", "a = \"\"\"\nok\nbad \\x41\"\"\"", line: 3, column: 5, #"invalid escape sequence '\x'"#),
        .init("short \\u escape", #"a = "\u12""#, line: 1, column: 6, "must be followed by exactly 4 hexadecimal digits"),
        .init("short \\U escape", #"a = "\U0001F60""#, line: 1, column: 6, "must be followed by exactly 8 hexadecimal digits"),
        .init("surrogate escape", #"a = "\uD800""#, line: 1, column: 6, "not a Unicode scalar value"),
        .init("escape beyond Unicode", #"a = "\U00110000""#, line: 1, column: 6, "not a Unicode scalar value"),
        .init("escape in a quoted key", #""a\z" = 1"#, line: 1, column: 3, #"invalid escape sequence '\z'"#),

        // Control characters
        .init("control character in basic string", "a = \"x\u{01}y\"", line: 1, column: 7, "control character U+0001"),
        .init("DEL in literal string", "a = 'x\u{7F}'", line: 1, column: 7, "control character U+007F"),
        .init("NUL in multi-line string", "a = \"\"\"x\u{00}\"\"\"", line: 1, column: 9, "control character U+0000"),
        .init("escape character in multi-line literal", "a = '''\n\u{1B}[31m'''", line: 2, column: 1, "control character U+001B"),
        .init("control character in comment", "# hi\u{07}", line: 1, column: 5, "control character U+0007 is not allowed in a comment"),
        .init("lone carriage return", "a = 1\rb = 2", line: 1, column: 6, "a carriage return must be followed by a line feed"),
        .init("lone carriage return in multi-line string", "a = \"\"\"x\ry\"\"\"", line: 1, column: 9, "carriage return"),

        // Numbers
        .init("leading zero", "a = 01", line: 1, column: 5, "invalid number '01': leading zeros are not allowed"),
        .init("leading zero in a float", "a = 03.14", line: 1, column: 5, "leading zeros are not allowed"),
        .init("leading zero after a sign", "a = -012", line: 1, column: 5, "leading zeros are not allowed"),
        .init("double underscore", "a = 1__000", line: 1, column: 5, "an underscore must be between two digits"),
        .init("trailing underscore", "a = 1_", line: 1, column: 5, "an underscore must be between two digits"),
        .init("leading underscore", "a = _1", line: 1, column: 5, "an underscore must be between two digits"),
        .init("underscore before the point", "a = 1_.5", line: 1, column: 5, "an underscore must be between two digits"),
        .init("nothing after the point", "a = 1.", line: 1, column: 5, "expected digits after the decimal point"),
        .init("nothing before the point", "a = .5", line: 1, column: 5, "expected a digit before the decimal point"),
        .init("point before the exponent", "a = 1.e5", line: 1, column: 5, "expected digits after the decimal point"),
        .init("empty exponent", "a = 1e", line: 1, column: 5, "expected digits in the exponent"),
        .init("two points", "a = 1.2.3", line: 1, column: 5, "invalid number '1.2.3'"),
        .init("letters after digits", "a = 12abc", line: 1, column: 5, "invalid number '12abc'"),
        .init("a sign alone", "a = +", line: 1, column: 5, "invalid number '+'"),
        .init("empty hexadecimal", "a = 0x", line: 1, column: 5, "not a valid hexadecimal integer"),
        .init("bad hexadecimal digit", "a = 0xG1", line: 1, column: 5, "not a valid hexadecimal integer"),
        .init("bad binary digit", "a = 0b102", line: 1, column: 5, "not a valid binary integer"),
        .init("bad octal digit", "a = 0o8", line: 1, column: 5, "not a valid octal integer"),
        .init("uppercase prefix", "a = 0X1F", line: 1, column: 5, "invalid number '0X1F'"),
        .init("signed hexadecimal", "a = -0x1", line: 1, column: 5, "hexadecimal integers cannot have a sign"),
        .init("integer overflow", "a = 9223372036854775808", line: 1, column: 5, "does not fit in 64 bits"),
        .init("negative integer overflow", "a = -9223372036854775809", line: 1, column: 5, "does not fit in 64 bits"),
        .init("hexadecimal overflow", "a = 0xFFFFFFFFFFFFFFFF", line: 1, column: 5, "does not fit in 64 bits"),
        .init("float overflow", "a = 1e400", line: 1, column: 5, "float '1e400' is out of range"),
        .init("misspelt infinity", "a = infinity", line: 1, column: 5, "invalid value 'infinity'"),
        .init("number in an array", "a = [1, 2x]", line: 1, column: 9, "invalid number '2x'"),

        // Date-times
        .init("month out of range", "a = 1979-13-01", line: 1, column: 5, "month must be 01 to 12"),
        .init("day out of range", "a = 1979-02-30", line: 1, column: 5, "day 30 does not exist"),
        .init("leap day in a common year", "a = 2023-02-29", line: 1, column: 5, "day 29 does not exist"),
        .init("leap day in a century year", "a = 1900-02-29", line: 1, column: 5, "day 29 does not exist"),
        .init("short date", "a = 1979-5-27", line: 1, column: 5, "expected a date as YYYY-MM-DD"),
        .init("hour out of range", "a = 1979-05-27T25:00:00", line: 1, column: 5, "hour must be 00 to 23"),
        .init("minute out of range", "a = 12:60:00", line: 1, column: 5, "minute must be 00 to 59"),
        .init("time without seconds", "a = 07:32", line: 1, column: 5, "expected a time as HH:MM:SS"),
        .init("bad separator", "a = 1979-05-27X07:32:00", line: 1, column: 5, "expected 'T' between date and time"),
        .init("bad offset", "a = 1979-05-27T07:32:00+7:00", line: 1, column: 5, "expected an offset like +02:00"),
        .init("empty fraction", "a = 1979-05-27T07:32:00.Z", line: 1, column: 5, "expected digits after '.'"),
        .init("text after the offset", "a = 1979-05-27T07:32:00Zx", line: 1, column: 5, "unexpected text after the offset"),
        .init("offset on a local time", "a = 07:32:00Z", line: 1, column: 5, "unexpected text after the time"),

        // Arrays
        .init("missing comma", "a = [1 2]", line: 1, column: 8, "expected ',' or ']' after an array element, found '2'"),
        .init("double comma", "a = [1,,2]", line: 1, column: 8, "expected a value, found ','"),
        .init("leading comma", "a = [,]", line: 1, column: 6, "expected a value, found ','"),
        .init("unterminated array", "a = [1, 2", line: 1, column: 5, "unterminated array"),
        .init("unterminated multi-line array", "x = 1\na = [\n  1,\n  2\n", line: 2, column: 5, "unterminated array"),
        .init("bad element deep in a multi-line array", "a = [\n  1,\n  2,\n  \"x\n]", line: 4, column: 3, "unterminated string"),

        // Inline tables
        .init("trailing comma in inline table", "a = {x = 1,}", line: 1, column: 12, "a trailing comma is not allowed in an inline table"),
        .init("newline in inline table", "a = {x = 1\n}", line: 1, column: 11, "an inline table must be on a single line"),
        .init("newline after the brace", "a = {\nx = 1}", line: 1, column: 6, "an inline table must be on a single line"),
        .init("unterminated inline table", "a = {x = 1", line: 1, column: 5, "unterminated inline table"),
        .init("missing comma in inline table", "a = {x = 1 y = 2}", line: 1, column: 12, "expected ',' or '}' in inline table, found 'y'"),
        .init("missing equals in inline table", "a = {x}", line: 1, column: 7, "expected '=' after key"),

        // Headers
        .init("unterminated header", "[a", line: 1, column: 3, "expected ']' to close the table header, found end of input"),
        .init("unterminated array-of-tables header", "[[a]\nx = 1", line: 1, column: 4, "expected ']]' to close the array-of-tables header"),
        .init("empty header", "[]", line: 1, column: 2, "expected a key, found ']'"),
        .init("header ending in a dot", "[a.]", line: 1, column: 4, "expected a key after '.', found ']'"),
        .init("spaced array-of-tables brackets", "[ [a] ]", line: 1, column: 3, "expected a key, found '['"),
        .init("indented bad header", "a = 1\n  [b\n", line: 2, column: 5, "expected ']' to close the table header, found a newline"),
        .init("line counting after a multi-line string", "a = \"\"\"\nline\n\"\"\"\nb = 1 x", line: 4, column: 7, "unexpected 'x' after value"),
    ]

    static let structureErrorCases: [TOMLErrorCase] = [
        // Duplicate keys
        .init("duplicate key", "a = 1\na = 2", line: 2, column: 1, "duplicate key 'a'"),
        .init("duplicate key in a table", "[server]\nport = 1\nport = 2", line: 3, column: 1, "duplicate key 'server.port'"),
        .init("duplicate bare and quoted key", "spelling = 1\n\"spelling\" = 2", line: 2, column: 1, "duplicate key 'spelling'"),
        .init("duplicate dotted key", "a.b = 1\na.b = 2", line: 2, column: 3, "duplicate key 'a.b'"),
        .init("value over a dotted table", "a.b = 1\na = 2", line: 2, column: 1, "duplicate key 'a'"),
        .init("duplicate key with a quoted name", "\"a b\" = 1\n'a b' = 2", line: 2, column: 1, #"duplicate key '"a b"'"#),
        .init("dotted key through a value", "a = 1\na.b = 2", line: 2, column: 1, "key 'a' is already defined as an integer, not a table"),
        .init("duplicate key in an inline table", "a = {x = 1, x = 2}", line: 1, column: 13, "duplicate key 'x'"),
        .init("inline table over its own dotted key", "a = {x.y = 1, x = 2}", line: 1, column: 15, "duplicate key 'x'"),

        // Redefined tables
        .init("table defined twice", "[a]\nb = 1\n[a]\nc = 2", line: 3, column: 2, "table 'a' is already defined"),
        .init("empty table defined twice", "[a]\n[a]", line: 2, column: 2, "table 'a' is already defined"),
        .init("sub-table defined twice", "[a]\n[a.b]\n[a.b]", line: 3, column: 4, "table 'a.b' is already defined"),
        .init("super-table defined twice", "[[a.b]]\n[a]\n[a]", line: 3, column: 2, "table 'a' is already defined"),
        .init("header over a value", "[a]\nb = 1\n[a.b]", line: 3, column: 4, "key 'a.b' is already defined as an integer"),
        .init("header through a value", "a = \"x\"\n[a.b]", line: 2, column: 2, "key 'a' is already defined as a string, not a table"),
        .init("header over a dotted-key table", "[fruit]\napple.color = \"red\"\n[fruit.apple]", line: 3, column: 8, "table 'fruit.apple' is already defined by dotted keys"),
        .init("header over a root dotted-key table", "a.b = 1\n[a]", line: 2, column: 2, "table 'a' is already defined by dotted keys"),
        .init("dotted keys into a header table", "[a.b.c]\nz = 9\n[a]\nb.c.t = 1", line: 4, column: 1, "cannot add to table 'a.b' with dotted keys"),
        .init("dotted keys into an array of tables", "[[a.b]]\n[a]\nb.x = 1", line: 3, column: 1, "cannot add to array of tables 'a.b' with dotted keys"),

        // Inline tables are complete as written
        .init("header into an inline table", "a = {x = 1}\n[a.b]", line: 2, column: 2, "cannot add to inline table 'a'"),
        .init("dotted key into an inline table", "a = {x = 1}\na.y = 2", line: 2, column: 1, "cannot add to inline table 'a'"),
        .init("header over an inline table", "a = {}\n[a]", line: 2, column: 2, "key 'a' is already defined as a table"),
        .init("dotted key into a nested inline table", "a = {b = {c = 1}, b.d = 2}", line: 1, column: 19, "cannot add to inline table 'b'"),

        // Arrays of tables
        .init("table over an array of tables", "[[a]]\n[a]", line: 2, column: 2, "table 'a' is already defined as an array of tables"),
        .init("array of tables over a table", "[a]\n[[a]]", line: 2, column: 3, "cannot define array of tables 'a': it is already defined as a table"),
        .init("array of tables over a static array", "a = []\n[[a]]", line: 2, column: 3, "cannot append to static array 'a'"),
        .init("array of tables over a value", "a = 1\n[[a]]", line: 2, column: 3, "key 'a' is already defined as an integer"),
        .init("header through a static array", "a = [{b = 1}]\n[a.c]", line: 2, column: 2, "key 'a' is already defined as an array, not a table"),
        .init("sub-table twice in one array element", "[[a]]\n[a.b]\n[a.b]", line: 3, column: 4, "table 'a.b' is already defined"),
    ]

    @Test("rejects malformed documents with line and column", arguments: syntaxErrorCases)
    func syntaxErrors(_ testCase: TOMLErrorCase) {
        Self.expectError(testCase)
    }

    @Test("rejects duplicate keys and redefined tables with line and column", arguments: structureErrorCases)
    func structureErrors(_ testCase: TOMLErrorCase) {
        Self.expectError(testCase)
    }

    static func expectError(_ testCase: TOMLErrorCase, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let root = try TOMLParser.parse(testCase.toml)
            Issue.record("expected an error, parsed \(root)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.line == testCase.line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.column == testCase.column, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(testCase.message), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("every error is a TOMLError")
    func typedError() {
        #expect(throws: TOMLError.self) { try TOMLParser.parse("[a]\n[a]") }
    }
}

extension String {
    /// Turns the two characters `\n` into a newline, so raw-string test documents can span lines
    /// on one source line.
    fileprivate func replacingNewlineEscapes() -> String {
        split(separator: "\\n", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}
