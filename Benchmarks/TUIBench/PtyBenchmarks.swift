import Foundation
import MarketModels
import MarketTUI
import TerminalKit

/// The ncurses half: the same frames written through NcursesBackend into a pseudo-terminal
/// (so ncurses' own diffing and output are in the figure), and the bytes the terminal
/// receives when the selection moves one row.
enum PtyBenchmarks {
    static func run(
        app: MarketApp, user: UserDTO, products: [ProductDTO], theme: Theme, options: Options,
        report: (String, [Double]) -> Void
    ) {
        do {
            let terminal = try PseudoTerminal(width: options.width, height: options.height)
            defer { terminal.close() }
            let backend = try terminal.makeBackend(environment: ["TERM": "xterm-256color", "COLORTERM": "truecolor"])
            defer { backend.shutdown() }
            let runtime = Runtime(program: app, model: BenchmarkSupport.model(app: app, user: user, products: products), backend: backend, theme: theme)
            runtime.process([.resize(backend.size)])
            runtime.draw()
            let firstFrame = terminal.takeOutput().count

            // Bytes for one row down, at this size, after the screen is settled.
            var moves: [Int] = []
            for _ in 0..<20 {
                runtime.process([BenchmarkSupport.down])
                runtime.draw()
                let bytes = terminal.takeOutput()
                moves.append(bytes.count)
                if ProcessInfo.processInfo.environment["BENCH_DUMP"] != nil, moves.count == 5 {
                    print(String(decoding: bytes, as: UTF8.self).unicodeScalars.map { $0.value < 32 ? "^" + String(UnicodeScalar($0.value + 64)!) : String($0) }.joined())
                }
            }
            let sortedMoves = moves.sorted()
            print("bytes to the terminal at \(options.width)x\(options.height): first frame \(firstFrame), selection down one row: median \(sortedMoves[sortedMoves.count / 2]), max \(sortedMoves.last ?? 0) (20 moves)")

            var samples: [Double] = []
            let clock = ContinuousClock()
            for frame in 0..<options.frames {
                let event = (frame / 500) % 2 == 0 ? BenchmarkSupport.up : BenchmarkSupport.down
                let elapsed = clock.measure {
                    runtime.process([event])
                    runtime.draw()
                }
                samples.append(microseconds(elapsed))
                // Keep the pty drained so output never blocks on a full buffer.
                if frame % 50 == 0 { _ = terminal.takeOutput(timeout: .milliseconds(200)) }
            }
            report("frame (ncurses into a pty)", samples.sorted())
        } catch {
            print("pseudo-terminal benchmarks skipped: \(error)")
        }
    }
}
