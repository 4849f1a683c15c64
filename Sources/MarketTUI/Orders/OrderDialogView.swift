import MarketModels
import TerminalKit

/// The dialogs over the orders: cancelling (asks first), shipping (carrier and tracking)
/// and refunding (an amount, the remainder by default).
enum OrderDialogView {
    static func draw(_ dialog: OrderDialog, into buffer: inout CellBuffer, area: Rect, theme: Theme, isWorking: Bool, tick: Int) -> Point? {
        switch dialog {
        case .confirmCancel(let id, let buttons):
            let message = "Cancel order \(OrderText.number(id))? Its stock goes back on sale, and what was paid is given back."
            Modal(title: "Cancel order", message: message, state: buttons, isAlert: true).render(into: &buffer, area: area, theme: theme)
            return nil
        case .ship(let id, let form):
            return drawForm("Ship order \(OrderText.number(id))", note: "Buyers see the carrier and the tracking number.", form: form,
                            into: &buffer, area: area, theme: theme, working: isWorking ? "Marking it shipped…" : nil, tick: tick)
        case .refund(let id, let form, let remainder):
            return drawForm("Refund order \(OrderText.number(id))", note: "Up to \(remainder.formatted) is left to refund.", form: form,
                            into: &buffer, area: area, theme: theme, working: isWorking ? "Refunding…" : nil, tick: tick)
        }
    }

    /// A boxed form in the middle of `area`: a note, the fields, the form's error, keys.
    static func drawForm(_ title: String, note: String, form: FormState, into buffer: inout CellBuffer, area: Rect, theme: Theme, working: String?, tick: Int) -> Point? {
        let errorRows = form.formError == nil ? 0 : 3
        let box = area.centered(width: min(70, area.width - 2), height: min(area.height, form.fields.count * 2 + 5 + errorRows))
        let frame = Box(title: title, kind: .rounded, style: theme[.border], titleStyle: theme[.dialogTitle], fill: theme[.dialog])
        buffer.fill(box, style: theme[.dialog])
        frame.render(into: &buffer, area: box, theme: theme)
        let rows = Layout.rows([.fixed(1), .fixed(1), .fill, .fixed(1)], in: frame.inner(box).inset(horizontal: 1))
        if let working {
            buffer.write(Spinner(tick: tick).frame + " " + working, in: rows[0], style: theme[.info])
        } else {
            buffer.write(TextLayout.truncate(note, to: rows[0].width), in: rows[0], style: theme[.muted])
        }
        let widget = Form(state: form, isFocused: working == nil)
        widget.render(into: &buffer, area: rows[2], theme: theme)
        buffer.write("enter on the last field sends · esc cancels", in: rows[3], style: theme[.muted])
        return working == nil ? widget.cursorPosition(in: rows[2]) : nil
    }
}
