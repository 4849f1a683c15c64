import MarketModels
import TerminalKit

/// The checkout's last screens: the payment's authentication, and the outcome with the
/// order numbers.
///
///      Thank you: your order is placed and paid (53.20 USD).
///
///        #7QK2M9ZD  Kiln & Co.        2 items   36.00 USD   paid
///        #N4W1C8XE  Byte Bazaar       1 item    17.20 USD   paid
///
///      Your cart is empty again. Enter shows your orders; esc goes back to the cart.
enum CheckoutResultView {
    static func draw(_ model: CheckoutModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        guard let result = model.result else { return }
        var lines: [(String, ThemeRole)] = []
        let amount = result.payment.amount.formatted
        switch (model.step, result.payment.status) {
        case (.authenticate, _):
            lines.append(("Confirm payment (authentication)", .title))
            lines.append(("Your card's issuer asks you to confirm this payment of \(amount). The orders below wait for it.", .text))
            lines.append(CheckoutView.stateLine(busy: model.isConfirming, doing: "Confirming the payment…", error: model.confirmError,
                                                prompt: "Press enter to confirm the payment.", tick: tick))
        case (_, .succeeded):
            lines.append(("Thank you: your order is placed and paid (\(amount)).", .success))
        case (_, .processing):
            lines.append(("Your order is placed; the payment of \(amount) is being processed. The orders show as paid once it is through.", .success))
        case (_, .failed), (_, .cancelled):
            let reason = result.payment.message.map { " (\($0))" } ?? ""
            lines.append(("The payment did not go through\(reason): the orders were cancelled and nothing was charged.", .error))
        case (_, .requiresAction):
            lines.append(("The payment still waits for your authentication.", .warning))
        }
        lines.append(("", .text))
        for order in result.orders {
            let row = [OrderText.number(order.id), TextLayout.pad(TextLayout.truncate(order.shopName, to: 20), to: 20),
                       TextLayout.pad(OrderText.itemCount(order), to: 9), TextLayout.pad(order.total.formatted, to: 14, alignment: .right),
                       OrderText.status(order.status)]
            lines.append(("  " + row.joined(separator: "  "), .text))
        }
        lines.append(("", .text))
        if model.step == .done {
            lines.append(("Your cart is empty again. Enter shows your orders; esc goes back to the cart.", .muted))
        }
        CheckoutView.drawParagraphs(lines, into: &buffer, area: area, theme: theme)
    }
}
