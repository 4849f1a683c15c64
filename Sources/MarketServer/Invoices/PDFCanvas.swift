import CPangoCairo
import Foundation
import MarketModels

/// A PDF drawn in memory: cairo's PDF surface writing into a byte array (no temporary
/// file), pango for text. Knows nothing about invoices. Units are PDF points (1/72 inch);
/// pango runs at 72 dpi, so a "9" font is 9 units tall, the same units as every position.
///
/// Threads: one canvas is used by one thread from start to finish (a cairo context and
/// pango layouts must not be shared), but separate canvases may be drawn at once. Cairo
/// locks its global font caches, fontconfig is thread-safe once initialised (done once,
/// below), and pango's default font map is per thread (since pango 1.32.6), so no pango
/// object is ever shared between two renders.
final class PDFCanvas {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    enum Alignment {
        case left, right, center

        var pango: PangoAlignment {
            switch self {
            case .left: PANGO_ALIGN_LEFT
            case .right: PANGO_ALIGN_RIGHT
            case .center: PANGO_ALIGN_CENTER
            }
        }
    }

    /// Text laid out for a width, measured, ready to draw (any number of times).
    final class TextBox {
        fileprivate let layout: OpaquePointer
        let height: Double

        fileprivate init(layout: OpaquePointer) {
            self.layout = layout
            var width: Int32 = 0
            var height: Int32 = 0
            pango_layout_get_size(layout, &width, &height)
            self.height = Double(height) / Double(PANGO_SCALE)
        }

        deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
    }

    /// Where cairo's stream callback appends the PDF's bytes.
    private final class ByteSink {
        var bytes: [UInt8] = []
    }

    /// FcInit, once per process: fontconfig reads its configuration and font list here
    /// rather than lazily inside two renders at once. A global's initialiser runs once,
    /// thread-safely.
    private static let fontsReady: Bool = FcInit() != 0

    let width: Double
    let height: Double
    private let sink = ByteSink()
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let context: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]

    /// A PDF of `width` x `height` point pages. `metadata` sets the document's info
    /// entries; giving CAIRO_PDF_METADATA_CREATE_DATE keeps the output from depending on
    /// the clock.
    init(width: Double, height: Double, metadata: [(cairo_pdf_metadata_t, String)] = []) throws {
        guard Self.fontsReady else { throw Failure(description: "fontconfig could not start") }
        self.width = width
        self.height = height
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        // The canvas owns the sink for as long as the surface can write to it (deinit
        // destroys the surface before the sink goes).
        surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(), width, height)
        cr = cairo_create(surface)
        context = pango_cairo_create_context(cr)
        try Self.check(cairo_status(cr), "cannot create a PDF")
        for (key, value) in metadata {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
        pango_cairo_context_set_resolution(context, 72)
        // Unhinted outlines and metrics: text is placed the same whatever the font
        // rasteriser would do on screen, and a PDF has no pixel grid to snap to.
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(context))
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// `text` in `font` (a pango font description: "DejaVu Sans Bold 9"), wrapped to
    /// `width` at word boundaries (inside a word when one is wider) and cut with "…" after
    /// `maxLines` lines. Passed as plain text, never markup, so "<b>" prints as itself.
    func text(_ text: String, font: String, width: Double, alignment: Alignment = .left, maxLines: Int = 1) -> TextBox {
        let layout = pango_layout_new(context)!
        pango_layout_set_font_description(layout, fontDescription(font))
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
        pango_layout_set_height(layout, -Int32(max(1, maxLines)))  // negative: a number of lines
        pango_layout_set_alignment(layout, alignment.pango)
        pango_layout_set_text(layout, text, -1)
        if pango_layout_is_ellipsized(layout) != 0 { cut(text, in: layout) }
        return TextBox(layout: layout)
    }

    /// Pango draws its "…" but tags that glyph with all the text it hides, and cairo keeps
    /// the tag in the PDF as the glyph's actual text: copying or searching the invoice
    /// would find words nobody can see. So overlong text is cut here instead: the longest
    /// start of it that fits, with "…" after it, found by bisection (a few layouts, and
    /// only for text that does not fit).
    private func cut(_ text: String, in layout: OpaquePointer) {
        let characters = Array(text)
        func shortened(_ count: Int) -> String {
            String(characters[..<count]).trimmingWhitespace() + "…"
        }
        func fits(_ count: Int) -> Bool {
            pango_layout_set_text(layout, shortened(count), -1)
            return pango_layout_is_ellipsized(layout) == 0
        }
        var low = 0  // fits, or nothing does and "…" alone is the answer
        var high = characters.count - 1  // the whole text did not fit
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(middle) { low = middle } else { high = middle - 1 }
        }
        pango_layout_set_text(layout, shortened(low), -1)
    }

    func draw(_ box: TextBox, x: Double, y: Double, gray: Double = 0) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, box.layout)
    }

    /// Lays out and draws in one step; returns the height used.
    @discardableResult
    func write(_ text: String, font: String, x: Double, y: Double, width: Double, alignment: Alignment = .left, maxLines: Int = 1, gray: Double = 0) -> Double {
        let box = self.text(text, font: font, width: width, alignment: alignment, maxLines: maxLines)
        draw(box, x: x, y: y, gray: gray)
        return box.height
    }

    /// A horizontal rule from `x` to `x + length`.
    func rule(x: Double, y: Double, length: Double, thickness: Double = 0.5, gray: Double = 0) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, thickness)
        cairo_move_to(cr, x, y)
        cairo_line_to(cr, x + length, y)
        cairo_stroke(cr)
    }

    func fill(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_rectangle(cr, x, y, width, height)
        cairo_fill(cr)
    }

    /// Ends the current page and starts a blank one.
    func nextPage() {
        cairo_show_page(cr)
    }

    /// Ends the last page and the document; the PDF's bytes. The canvas is done after this.
    func finish() throws -> [UInt8] {
        cairo_surface_finish(surface)
        try Self.check(cairo_surface_status(surface), "cannot write the PDF")
        return sink.bytes
    }

    private func fontDescription(_ name: String) -> OpaquePointer {
        if let font = fonts[name] { return font }
        let font = pango_font_description_from_string(name)!
        fonts[name] = font
        return font
    }

    private static func check(_ status: cairo_status_t, _ doing: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw Failure(description: "\(doing): \(String(cString: cairo_status_to_string(status)))")
    }
}
