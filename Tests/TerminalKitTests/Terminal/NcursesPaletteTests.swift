import Testing
@testable import TerminalKit

@Suite("ncurses colour numbers and pairs")
struct NcursesPaletteTests {
    let palette256 = NcursesColorMapping(depth: .indexed256, direct: false, defaultColors: true)
    let direct = NcursesColorMapping(depth: .truecolor, direct: true, defaultColors: true)

    @Test("colours become ncurses colour numbers at the terminal's depth")
    func numbers() {
        #expect(palette256.number(.default, foreground: true) == -1)
        #expect(palette256.number(.ansi(9), foreground: true) == 9)
        #expect(palette256.number(.indexed(236), foreground: false) == 236)
        #expect(palette256.number(.rgb(255, 0, 0), foreground: true) == 196)
        let eight = NcursesColorMapping(depth: .ansi8, direct: false, defaultColors: false)
        #expect(eight.number(.ansi(9), foreground: true) == 1)
        #expect(eight.number(.default, foreground: true) == 7)
        #expect(eight.number(.default, foreground: false) == 0)
    }

    @Test("direct colour packs RGB and keeps 0-7 for the palette")
    func directColour() {
        #expect(direct.number(.rgb(0x12, 0x34, 0x56), foreground: true) == 0x123456)
        #expect(direct.number(.rgb(0, 0, 0), foreground: true) == 8)
        #expect(direct.number(.ansi(1), foreground: true) == 1)
        #expect(direct.number(.indexed(196), foreground: true) == 0xFF0000)
        #expect(direct.number(.ansi(9), foreground: true) == 0xFF0000)
    }

    @Test("pairs are allocated once and reused; pair 0 is the default couple")
    func allocation() {
        var table = ColorPairTable(capacity: 16, mapping: palette256)
        #expect(table.pair(for: .init(foreground: -1, background: -1)) == (0, false))
        #expect(table.pair(for: .init(foreground: 1, background: -1)) == (1, true))
        #expect(table.pair(for: .init(foreground: 2, background: 4)) == (2, true))
        #expect(table.pair(for: .init(foreground: 1, background: -1)) == (1, false))
    }

    @Test("when pairs run out the closest existing pair is used, never a new one")
    func exhaustion() {
        var table = ColorPairTable(capacity: 3, mapping: palette256)
        _ = table.pair(for: .init(foreground: 196, background: -1))  // red on default → 1
        _ = table.pair(for: .init(foreground: 21, background: 231))  // blue on white → 2
        let nearRed = table.pair(for: .init(foreground: 160, background: -1))
        #expect(nearRed == (1, false))
        let nearBlue = table.pair(for: .init(foreground: 20, background: 255))
        #expect(nearBlue == (2, false))
        // Asked again, the substitute is remembered.
        #expect(table.pair(for: .init(foreground: 160, background: -1)) == (1, false))
        #expect(table.defined.count == 3)
    }
}
