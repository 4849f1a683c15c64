/// A single-line text editor on grapheme clusters, with the readline keys people's
/// fingers know: ctrl-a/e, alt-b/f, ctrl-w/u/k, and paste. Kept in the app's model;
/// `TextField` draws it.
///
/// The cursor is a grapheme index (0...count), so "👍🏽" or "é" written as e + U+0301 move
/// and delete as one character. Horizontal scrolling is by display width: `scroll` is
/// the first grapheme shown, kept so the cursor stays visible in `width` columns.
public struct TextFieldState: Hashable, Sendable {
    private var characters: [Character]
    /// The cursor, as a grapheme index: 0 is before the first character.
    public private(set) var cursor: Int
    /// The first grapheme shown when the field is `width` columns wide.
    public private(set) var scroll = 0
    /// The most graphemes the field accepts (an insert is cut to fit); nil for no limit.
    public var maxLength: Int?
    /// A password: drawn as one • per grapheme, never as its text.
    public var isSecure: Bool
    /// The columns the field is drawn in, for scrolling that moves only as much as the
    /// cursor needs. 0 means not known yet: the view still keeps the cursor visible, but
    /// the text may jump when the cursor moves back left.
    public var width = 0 {
        didSet { keepCursorVisible() }
    }

    public init(text: String = "", maxLength: Int? = nil, isSecure: Bool = false) {
        self.maxLength = maxLength
        self.isSecure = isSecure
        var characters = Array(TextLayout.sanitize(text))
        if let maxLength { characters = Array(characters.prefix(max(0, maxLength))) }
        self.characters = characters
        cursor = characters.count
    }

    /// A field for secrets.
    public static func password(maxLength: Int? = nil) -> TextFieldState {
        TextFieldState(maxLength: maxLength, isSecure: true)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    /// Length in grapheme clusters.
    public var count: Int { characters.count }

    /// Replaces the text; the cursor goes to the end.
    public mutating func setText(_ text: String) {
        self = TextFieldState(text: text, maxLength: maxLength, isSecure: isSecure).with(width: width)
    }

    // MARK: Editing

    /// Inserts at the cursor. Line breaks and tabs become spaces and control characters
    /// are dropped (this is one line); text past `maxLength` is cut off.
    public mutating func insert(_ text: String) {
        var inserted = Array(TextLayout.sanitize(text))
        if let maxLength { inserted = Array(inserted.prefix(max(0, maxLength - characters.count))) }
        guard !inserted.isEmpty else { return }
        // Rebuilt as a String so a combining mark typed after a letter joins it, as it
        // will on screen.
        let before = String(characters[..<cursor]) + String(inserted)
        let joined = before + String(characters[cursor...])
        characters = Array(joined)
        cursor = min(before.count, characters.count)
        keepCursorVisible()
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        remove(cursor - 1..<cursor)
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        remove(cursor..<cursor + 1)
    }

    /// ctrl-w: back to the previous whitespace, as the shell does.
    public mutating func deleteWordBackward() {
        remove(boundaryLeft(from: cursor, isWord: { !$0.isWhitespace })..<cursor)
    }

    /// alt-backspace: back to the start of the word (punctuation separates words).
    public mutating func deleteWordPartBackward() {
        remove(boundaryLeft(from: cursor, isWord: Self.isWordCharacter)..<cursor)
    }

    /// alt-d: to the end of the next word.
    public mutating func deleteWordForward() {
        remove(cursor..<boundaryRight(from: cursor))
    }

    /// ctrl-u.
    public mutating func deleteToStart() { remove(0..<cursor) }

    /// ctrl-k.
    public mutating func deleteToEnd() { remove(cursor..<characters.count) }

    // MARK: Moving

    public mutating func moveLeft() { moveCursor(to: cursor - 1) }
    public mutating func moveRight() { moveCursor(to: cursor + 1) }
    public mutating func moveToStart() { moveCursor(to: 0) }
    public mutating func moveToEnd() { moveCursor(to: characters.count) }
    /// alt-b, ctrl-left: to the start of this or the previous word.
    public mutating func moveWordLeft() { moveCursor(to: boundaryLeft(from: cursor, isWord: Self.isWordCharacter)) }
    /// alt-f, ctrl-right: to the end of this or the next word.
    public mutating func moveWordRight() { moveCursor(to: boundaryRight(from: cursor)) }

    public mutating func moveCursor(to index: Int) {
        cursor = min(max(0, index), characters.count)
        keepCursorVisible()
    }

    // MARK: Input

    /// Editing keys and paste. Returns false for keys a field does not use (enter, tab,
    /// esc, up/down, function keys, other ctrl chords), so forms and screens get them.
    public mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .paste(let text):
            insert(text)
            return true
        case .key(let press):
            return handle(press)
        default:
            return false
        }
    }

    private mutating func handle(_ press: KeyPress) -> Bool {
        let modifiers = press.modifiers.subtracting(.shift)
        switch (press.key, modifiers) {
        case (.character(let c), []):
            insert(String(c))
        case (.character(let c), .control):
            switch c {
            case "a": moveToStart()
            case "e": moveToEnd()
            case "b": moveLeft()
            case "f": moveRight()
            case "d": deleteForward()
            case "h": deleteBackward()
            case "w": deleteWordBackward()
            case "u": deleteToStart()
            case "k": deleteToEnd()
            default: return false
            }
        case (.character(let c), .alt):
            switch c {
            case "b": moveWordLeft()
            case "f": moveWordRight()
            case "d": deleteWordForward()
            default: return false
            }
        case (.backspace, []): deleteBackward()
        case (.backspace, .alt), (.backspace, .control): deleteWordPartBackward()
        case (.delete, []): deleteForward()
        case (.left, []): moveLeft()
        case (.right, []): moveRight()
        case (.left, .control), (.left, .alt): moveWordLeft()
        case (.right, .control), (.right, .alt): moveWordRight()
        case (.home, _): moveToStart()
        case (.end, _): moveToEnd()
        default: return false
        }
        return true
    }

    // MARK: Display

    /// What is drawn for each grapheme: itself, or • in a secure field.
    func glyph(at index: Int) -> String { isSecure ? "•" : String(characters[index]) }

    func columns(at index: Int) -> Int { isSecure ? 1 : DisplayWidth.of(characters[index]) }

    /// The first grapheme shown in `width` columns: the stored scroll, moved as little as
    /// possible so the cursor's cell (the character under it, or one cell at the end) is
    /// visible, and pulled back when the text after it no longer fills the field.
    public func visibleStart(width: Int) -> Int {
        guard width > 0 else { return cursor }
        var start = min(scroll, cursor)
        let cursorCell = cursor < characters.count ? columns(at: cursor) : 1
        var used = (start..<cursor).reduce(cursorCell) { $0 + columns(at: $1) }
        while start < cursor, used > width {
            used -= columns(at: start)
            start += 1
        }
        var tail = (start..<characters.count).reduce(1) { $0 + columns(at: $1) }
        while start > 0, tail + columns(at: start - 1) <= width {
            start -= 1
            tail += columns(at: start)
        }
        return start
    }

    /// Where the terminal cursor goes when the field is drawn in `area`.
    public func cursorPosition(in area: Rect) -> Point {
        let start = visibleStart(width: area.width)
        let column = (start..<cursor).reduce(0) { $0 + columns(at: $1) }
        return Point(x: area.x + min(column, max(0, area.width - 1)), y: area.y)
    }

    // MARK: Helpers

    /// Letters, digits, emoji and marks make words; spaces and punctuation separate them.
    static func isWordCharacter(_ character: Character) -> Bool {
        !(character.isWhitespace || character.isPunctuation)
    }

    private func boundaryLeft(from index: Int, isWord: (Character) -> Bool) -> Int {
        var i = index
        while i > 0, !isWord(characters[i - 1]) { i -= 1 }
        while i > 0, isWord(characters[i - 1]) { i -= 1 }
        return i
    }

    private func boundaryRight(from index: Int) -> Int {
        var i = index
        while i < characters.count, !Self.isWordCharacter(characters[i]) { i += 1 }
        while i < characters.count, Self.isWordCharacter(characters[i]) { i += 1 }
        return i
    }

    private mutating func remove(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        let joined = String(characters[..<range.lowerBound]) + String(characters[range.upperBound...])
        characters = Array(joined)
        cursor = min(range.lowerBound, characters.count)
        keepCursorVisible()
    }

    private mutating func keepCursorVisible() {
        scroll = width > 0 ? visibleStart(width: width) : min(scroll, cursor)
    }

    private func with(width: Int) -> TextFieldState {
        var copy = self
        copy.width = width
        return copy
    }
}
