import MarketModels
import TerminalKit

/// The import screen: the file, then the job's progress, then the counts and the rows the
/// server turned down.
///
///      Import products into Kiln & Co.                                       done
///
///      File  ~/products.csv
///
///      ██████████████████████████████████████████████████████████ 12/12 rows
///      ✓ Imported into Kiln & Co.: 10 created, 0 updated, 2 rejected.
///
///      ╭─ Rows not imported (2) ──────────────────────────────────────────────╮
///      │▸ Row 4  price: Write a price as a plain decimal such as 12.50, with… │
///      │  Row 9  title: A title is required.                                  │
///      ├──────────────────────────────────────────────────────────────────────┤
///      │ Row 4: price: Write a price as a plain decimal such as 12.50,        │
///      │ without a currency sign.                                             │
///      ╰──────────────────────────────────────────────────────────────────────╯
///      i imports another file · esc closes
enum ImportView {
    struct Layout {
        var heading: Rect
        var file: Rect
        /// One row, or up to three for a long sentence.
        var problem: Rect
        var progress: Rect
        var state: Rect
        /// The row errors box (or, while choosing, the notes on the format).
        var lower: Rect
        var hint: Rect
    }

    /// A pure function of the body area (and the problem's length), so clicks land where
    /// the last frame drew.
    static func layout(_ body: Rect, problemLines: Int = 1) -> Layout {
        let rows = TerminalKit.Layout.rows(
            [.fixed(1), .fixed(1), .fixed(1), .fixed(max(1, problemLines)), .fixed(1), .fixed(1), .fixed(1), .fill(min: 3), .fixed(1)],
            in: body.inset(horizontal: 1))
        return Layout(heading: rows[0], file: rows[2], problem: rows[3], progress: rows[4], state: rows[5], lower: rows[7], hint: rows[8])
    }

    static func layout(_ body: Rect, model: ImportModel) -> Layout {
        let width = max(1, body.width - 2)
        return layout(body, problemLines: model.problem.map { min(3, Paragraph($0).lineCount(width: width)) } ?? 1)
    }

    /// The row errors box split in two: the list, and the selected row's message in full
    /// under a divider (server messages are longer than a row at 80 columns).
    struct ErrorsLayout {
        var list: Rect
        var divider: Int?
        var detail: Rect
    }

    /// The box is as tall as its rows need (a report, not a page), within `lower`.
    static func errorsBox(_ lower: Rect, count: Int) -> Rect {
        Rect(x: lower.x, y: lower.y, width: lower.width, height: min(lower.height, count + 2 + 3))
    }

    static func errorsLayout(_ box: Rect) -> ErrorsLayout {
        let inner = Box().inner(box)
        guard inner.height >= 4 else { return ErrorsLayout(list: inner, divider: nil, detail: .zero) }
        let list = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 3)
        return ErrorsLayout(list: list, divider: list.height + 1, detail: Rect(x: inner.x + 1, y: list.maxY + 1, width: inner.width - 2, height: 2))
    }

    /// Where the row errors list is drawn, for clicks and the wheel.
    static func errorsArea(_ body: Rect, count: Int) -> Rect {
        errorsLayout(errorsBox(layout(body).lower, count: count)).list
    }

    static let formatNotes = """
        The first row names the columns. title and price are required (price in the shop's currency, \
        such as 12.50); handle, description, inventory, category, tags, status, sku and option:<name> \
        are optional. Rows with the same handle become one product with variants. Rows with mistakes \
        are listed afterwards; the others are imported.
        """

    static func draw(_ model: ImportModel, keys: KeyLabels, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let layout = layout(area, model: model)
        VendorScreen.drawHeading(
            "Import products into \(model.shop.name)", detail: stateWord(model), error: nil, isLoading: model.isWorking,
            into: &buffer, area: layout.heading, theme: theme, tick: tick)

        let label = "File  "
        buffer.write(label, in: layout.file, style: theme[.muted])
        let input = layout.file.droppingLeft(DisplayWidth.of(label))
        var cursor: Point?
        if model.isChoosing {
            let field = TextField(state: model.path, placeholder: "~/products.csv", isFocused: true)
            field.render(into: &buffer, area: input, theme: theme)
            cursor = field.cursorPosition(in: input)
        } else {
            buffer.write(TextLayout.truncate(model.path.text, to: input.width), in: input, style: theme[.text])
        }
        if let problem = model.problem {
            Paragraph(problem, style: theme[.error]).render(into: &buffer, area: layout.problem, theme: theme)
        }

        switch model.phase {
        case .choosing:
            let notes = Rect(x: layout.progress.x, y: layout.progress.y, width: layout.progress.width, height: layout.lower.maxY - layout.progress.y)
            Paragraph(formatNotes, style: theme[.muted]).render(into: &buffer, area: notes, theme: theme)
            buffer.write("enter or \(keys.save) uploads · esc closes", in: layout.hint, style: theme[.muted])
        case .uploading:
            buffer.write(Spinner(tick: tick).frame + " Checking and sending the file…", in: layout.state, style: theme[.info])
        case .running(_, let status), .stalled(_, let status):
            drawProgress(status, into: &buffer, area: layout.progress, theme: theme)
            if case .stalled = model.phase {
                buffer.write("Lost touch with the import; \(keys.refresh) asks again.", in: layout.state, style: theme[.warning])
            } else {
                buffer.write(Spinner(tick: tick).frame + " " + runningSentence(status), in: layout.state, style: theme[.info])
            }
            buffer.write("esc closes; the import goes on, and the Inbox says when it is done", in: layout.hint, style: theme[.muted])
        case .finished(let status):
            let sentence = ImportModel.summary(status, shopName: model.shop.name)
            if status.state == .failed {
                // No bar: nothing was imported. The reason can be long (it names the columns).
                let reason = Rect(x: layout.progress.x, y: layout.progress.y, width: layout.progress.width, height: layout.lower.maxY - layout.progress.y)
                Paragraph("✗ " + sentence, style: theme[.error]).render(into: &buffer, area: reason, theme: theme)
            } else {
                drawProgress(status, into: &buffer, area: layout.progress, theme: theme)
                buffer.write(TextLayout.truncate("✓ " + sentence, to: layout.state.width), in: layout.state, style: theme[.success])
                if !status.errors.isEmpty { drawErrors(status.errors, state: model.errors, into: &buffer, area: layout.lower, theme: theme) }
            }
            buffer.write("\(keys.importFile) imports another file · esc closes", in: layout.hint, style: theme[.muted])
        }
        return cursor
    }

    static func stateWord(_ model: ImportModel) -> String {
        switch model.phase {
        case .choosing: ""
        case .uploading: "uploading"
        case .running(_, let status): status?.state == .processing ? "importing" : "waiting"
        case .stalled: "stalled"
        case .finished(let status): status.state == .failed ? "failed" : "done"
        }
    }

    static func runningSentence(_ status: UploadJobStatusDTO?) -> String {
        guard let status, status.state == .processing else { return "Waiting for the server to start the import…" }
        guard let total = status.progress.total else { return "Importing… \(status.progress.done) rows so far" }
        return "Importing… \(status.progress.done) of \(total) rows"
    }

    /// Rows done out of the total (a full bar once finished, whatever the total).
    static func drawProgress(_ status: UploadJobStatusDTO?, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let done = status?.progress.done ?? 0
        let total = status?.progress.total
        var fraction = total.map { $0 > 0 ? Double(done) / Double($0) : 0 } ?? 0
        if status?.state.isFinished == true, total == nil || total == 0 { fraction = 1 }
        let label = total.map { "\(done)/\($0) rows" } ?? "\(done) rows"
        ProgressBar(fraction: fraction, label: label).render(into: &buffer, area: area, theme: theme)
    }

    /// `Row 12  price: must be …`, the numbers in one column, scrollable; the selected
    /// row's message in full below.
    static func drawErrors(_ errors: [RowErrorDTO], state: ListState, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let area = errorsBox(area, count: errors.count)
        let box = Box(title: "Rows not imported (\(errors.count))")
        box.render(into: &buffer, area: area, theme: theme)
        let parts = errorsLayout(area)
        let numberWidth = DisplayWidth.of("Row \(errors.map(\.row).max() ?? 0)") + 2
        ListView(errors, state: state) { buffer, area, error, _, theme in
            buffer.write("Row \(error.row)", in: area, style: theme[.warning])
            let message = area.droppingLeft(numberWidth)
            buffer.write(TextLayout.truncate(error.message, to: message.width), in: message, style: theme[.text])
        }.render(into: &buffer, area: parts.list, theme: theme)
        guard let divider = parts.divider, let index = state.selected, errors.indices.contains(index) else { return }
        box.renderDivider(into: &buffer, area: area, row: divider, theme: theme)
        let error = errors[index]
        Paragraph("Row \(error.row): \(error.message)").render(into: &buffer, area: parts.detail, theme: theme)
    }
}
