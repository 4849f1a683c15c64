import MarketModels
import TerminalKit

/// Draws the checkout: the steps along the top with the current one lit, then the step.
///
///      Checkout   Address › Shipping › Payment › Review › Confirm
///
///      How should it travel? Prices are summed over your 2 orders.
///      ▸ Standard                                      8.00 USD   3 to 5 days
///        Express                                      24.00 USD   1 day
enum CheckoutView {
    static func rows(_ body: Rect) -> [Rect] {
        Layout.rows([.fixed(1), .fixed(1), .fixed(1), .fixed(1), .fill], in: body.inset(horizontal: 1))
    }

    /// Where the shipping and payment lists are (clicks land there).
    static func choicesArea(_ body: Rect) -> Rect { rows(body)[4] }

    static func draw(_ model: CheckoutModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        let rows = rows(area)
        drawSteps(model, into: &buffer, area: rows[0], theme: theme)
        let content = rows[4]
        switch model.step {
        case .address:
            buffer.write("Where should it go? Tab moves between fields; enter on the last one goes on.", in: rows[2], style: theme[.muted])
            let form = Form(state: model.address)
            form.render(into: &buffer, area: content, theme: theme)
            return form.cursorPosition(in: content)
        case .shipping:
            drawShipping(model, intro: rows[2], into: &buffer, area: content, theme: theme, tick: tick)
        case .payment:
            let message = model.paymentError ?? "Pay with one of the simulated provider's test cards (no card number is ever sent):"
            buffer.write(TextLayout.truncate(message, to: rows[2].width), in: rows[2], style: theme[model.paymentError == nil ? .muted : .error])
            ListView(PaymentMethodRules.testMethods.map(\.label), state: model.paymentList) { buffer, area, label, _, theme in
                buffer.write(label, in: area, style: theme[.text])
            }.render(into: &buffer, area: content, theme: theme)
        case .review, .confirm:
            let intro = model.step == .review ? "Check the order; enter goes on to confirm it." : "Last step: enter places the order and pays for it."
            buffer.write(intro, in: rows[2], style: theme[.muted])
            drawReview(model, into: &buffer, area: content, theme: theme, tick: tick)
        case .authenticate, .done:
            CheckoutResultView.draw(model, into: &buffer, area: Rect(x: rows[2].x, y: rows[2].y, width: rows[2].width, height: content.maxY - rows[2].y),
                                    theme: theme, tick: tick)
        }
        return nil
    }

    static func drawSteps(_ model: CheckoutModel, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        var column = buffer.write("Checkout", in: area, style: theme[.title]) + 3
        let steps: [CheckoutModel.Step] = [.address, .shipping, .payment, .review, .confirm]
        for (index, step) in steps.enumerated() {
            let current = step == model.step || (step == .confirm && model.step > .confirm)
            let role: ThemeRole = current ? .accent : (step < model.step ? .text : .muted)
            column += buffer.write(step.title, in: area, column: column, style: theme[role])
            if index < steps.count - 1 { column += buffer.write(" › ", in: area, column: column, style: theme[.muted]) }
        }
    }

    static func drawShipping(_ model: CheckoutModel, intro: Rect, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        if let error = model.quoteError {
            buffer.write(TextLayout.truncate(error, to: intro.width), in: intro, style: theme[.error])
        } else if model.quote == nil {
            buffer.write(Spinner(tick: tick).frame + " Asking for the shipping options…", in: intro, style: theme[.muted])
            return
        } else {
            let orders = model.quote?.orders.count ?? 0
            buffer.write("How should it travel? Prices are summed over your \(orders) order\(orders == 1 ? "" : "s").", in: intro, style: theme[.muted])
        }
        ListView(model.shippingOptions, state: model.shippingList, emptyText: "No shipping option serves every shop of your cart.") { buffer, area, option, _, theme in
            let days = option.estimatedDays.map { $0 == 0 ? "today" : $0 == 1 ? "1 day" : "\($0) days" } ?? ""
            let price = option.price.formatted
            let right = TextLayout.pad(price, to: 14, alignment: .right) + "   " + TextLayout.pad(days, to: 8)
            let rightWidth = DisplayWidth.of(right)
            buffer.write(TextLayout.truncate(option.name, to: max(0, area.width - rightWidth - 1)), in: area, style: theme[.text])
            if area.width > rightWidth { buffer.write(right, in: area, column: area.width - rightWidth, style: theme[.price]) }
        }.render(into: &buffer, area: area, theme: theme)
    }

    /// The quote per shop, its totals, and what was chosen; on the confirm step, the place
    /// button's state below.
    static func drawReview(_ model: CheckoutModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        guard let quote = model.currentQuote else {
            let text = model.quoteError ?? Spinner(tick: tick).frame + " Pricing your order…"
            buffer.write(text, in: area, style: theme[model.quoteError == nil ? .muted : .error])
            return
        }
        var lines: [(String, ThemeRole)] = []
        let columns = [
            TableColumn("Shop", width: .fill(min: 10)), TableColumn("Subtotal", width: .fixed(12), alignment: .right),
            TableColumn("Discount", width: .fixed(12), alignment: .right), TableColumn("Shipping", width: .fixed(12), alignment: .right),
            TableColumn("Tax", width: .fixed(11), alignment: .right), TableColumn("Total", width: .fixed(12), alignment: .right),
        ]
        let cells = quote.orders.map { order in
            [order.shopName, order.subtotal.formatted, OrderText.minus(order.discount), order.shipping.formatted, order.tax.formatted, order.total.formatted]
        }
        let tableHeight = min(quote.orders.count + 1, max(2, area.height - 7))
        drawFigures(columns: columns, rows: cells, into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: tableHeight), theme: theme)
        let tax = (try? Money.sum(quote.orders.map(\.tax), currency: quote.total.currency))?.formatted ?? ""
        let shipping = model.shippingOptions.first { $0.code == model.shippingOption }?.name ?? model.shippingOption
        lines.append(("Tax \(tax) · discount \(OrderText.minus(quote.discount))\(model.couponCode.map { " (\($0))" } ?? "")", .muted))
        lines.append(("Grand total \(quote.total.formatted)", .price))
        let address = (try? model.shippingAddress().get())?.lines.joined(separator: ", ") ?? ""
        lines.append(("To \(address) · \(shipping) · \(model.selectedPaymentMethod?.label ?? "")", .text))
        for problem in quote.problems { lines.append((problem.message, .error)) }
        if model.step == .confirm {
            lines.append(stateLine(busy: model.isPlacing, doing: "Placing your order… (enter again does nothing: it is one order)", error: model.placingError,
                                   prompt: "Press enter to place the order and pay \(quote.total.formatted).", tick: tick))
        }
        let below = area.y + tableHeight + 1
        drawParagraphs(lines, into: &buffer, area: Rect(x: area.x, y: below, width: area.width, height: max(0, area.maxY - below)), theme: theme)
    }

    /// The last line of a step that sends something: the spinner while it is on its way,
    /// why it failed, or what enter does.
    static func stateLine(busy: Bool, doing: String, error: String?, prompt: String, tick: Int) -> (String, ThemeRole) {
        if busy { return (Spinner(tick: tick).frame + " " + doing, .info) }
        if let error { return (error, .error) }
        return (prompt, .accent)
    }

    /// Lines of text one under another, each wrapped to the width, until the area is full.
    static func drawParagraphs(_ lines: [(String, ThemeRole)], into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        var row = area.y
        for (text, role) in lines where row < area.maxY {
            let paragraph = Paragraph(text, style: theme[role])
            paragraph.render(into: &buffer, area: Rect(x: area.x, y: row, width: area.width, height: area.maxY - row), theme: theme)
            row += max(1, paragraph.lineCount(width: area.width))
        }
    }

    /// A table of figures to read, not to select from: the header, then the rows as they are.
    static func drawFigures(columns: [TableColumn], rows: [[String]], into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let state = TableState(columns: columns)
        Table(rows: [], state: state, isFocused: false, emptyText: "").render(into: &buffer, area: area, theme: theme)
        let rects = state.columnRects(in: area)
        for (index, cells) in rows.enumerated() where index + 1 < area.height {
            for (column, (rect, text)) in zip(columns, zip(rects, cells)) where rect.width > 0 {
                let cell = TextLayout.pad(TextLayout.truncate(text, to: rect.width), to: rect.width, alignment: column.alignment)
                buffer.write(cell, x: rect.x, y: area.y + 1 + index, style: theme[.text])
            }
        }
    }
}
