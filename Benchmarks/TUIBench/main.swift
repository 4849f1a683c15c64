import Foundation
import MarketClient
import MarketModels
import MarketTUI
import TerminalKit

// The terminal benchmark: frame cost and bytes on the wire, measured in process.
//   frame:  the catalog with 1,000 loaded products at 200x60; one frame is update (the
//           selection moves) + view + present; p50/p99 over many frames, through the
//           in-memory backend and through ncurses into a pseudo-terminal.
//   bytes:  what ncurses writes to the terminal when the selection moves down one row.
// Launch time and client RSS are measured on the real binary by scripts/bench-tui.

struct Options {
    var frames = 2000
    var products = 1000
    var width = 200
    var height = 60
    var mixedScripts = false

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--frames": frames = Int(iterator.next() ?? "") ?? frames
            case "--products": products = Int(iterator.next() ?? "") ?? products
            case "--size":
                let parts = (iterator.next() ?? "").split(separator: "x").compactMap { Int($0) }
                if parts.count == 2 { width = parts[0]; height = parts[1] }
            case "--mixed-scripts": mixedScripts = true
            case "-h", "--help":
                print("""
                Usage: marketmate-tui-bench [--frames N] [--products N] [--size WxH] [--mixed-scripts]

                Measures the catalog screen's frame time (update + view + render) with N
                loaded products (default 1000) at WxH (default 200x60), in memory and through
                ncurses into a pseudo-terminal, and the bytes ncurses writes when the
                selection moves one row. Titles are ASCII unless --mixed-scripts puts CJK and
                emoji in a third of them. Prints one line per figure.
                """)
                exit(0)
            default:
                FileHandle.standardError.write(Data("unknown argument \(argument) (see --help)\n".utf8))
                exit(2)
            }
        }
    }
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func microseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000_000 + Double(duration.components.attoseconds) / 1e12
}

let options = Options(arguments: CommandLine.arguments)
let now = Date()
let user = UserDTO(id: UserID.generate(), email: "bench@example.com", name: "Bench", role: .buyer, verified: true, locale: nil, createdAt: now, updatedAt: now)
let client = APIClient(endpoint: ServerEndpoint("http://127.0.0.1:9")!, sessionStore: InMemorySessionStore())
let keymap = KeyBindings.defaults
let app = MarketApp(client: client, keymap: keymap, flavor: .shop)
let products = BenchmarkSupport.syntheticProducts(count: options.products, mixedScripts: options.mixedScripts)
let theme = ThemeCatalog.builtIn.theme

/// Runs `frames` frames (half down, half up so the selection stays in range) and
/// returns per-frame microseconds, sorted.
@MainActor
func measure(backend: any TerminalBackend) -> [Double] {
    let runtime = Runtime(program: app, model: BenchmarkSupport.model(app: app, user: user, products: products), backend: backend, theme: theme)
    runtime.draw()
    var samples: [Double] = []
    samples.reserveCapacity(options.frames)
    let clock = ContinuousClock()
    for frame in 0..<options.frames {
        let event = (frame / 500) % 2 == 0 ? BenchmarkSupport.down : BenchmarkSupport.up
        let elapsed = clock.measure {
            runtime.process([event])
            runtime.draw()
        }
        samples.append(microseconds(elapsed))
    }
    return samples.sorted()
}

@MainActor
func report(_ name: String, _ samples: [Double]) {
    let p50 = percentile(samples, 0.5), p99 = percentile(samples, 0.99), worst = samples.last ?? 0
    print(String(format: "%@ at %dx%d, %d products%@, %d frames: p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                 name, options.width, options.height, options.products, options.mixedScripts ? " (mixed scripts)" : "",
                 samples.count, p50 / 1000, p99 / 1000, worst / 1000))
}

report("frame (memory backend)", measure(backend: MemoryBackend(width: options.width, height: options.height)))
PtyBenchmarks.run(app: app, user: user, products: products, theme: theme, options: options, report: report)
