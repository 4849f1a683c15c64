import MarketModels
import TerminalKit

/// The shell's drawing: header tabs with the cart and unread counts and the user, the screen body,
/// the footer with this screen's keys, toasts, and the help or palette overlay on top.
enum AppView {
    /// The body between the header and the footer.
    static func bodyArea(_ size: Size) -> Rect {
        Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2))
    }
}

extension MarketApp {
    public func view(_ model: AppModel, into buffer: inout CellBuffer, theme: Theme) -> Point? {
        let size = Size(width: buffer.width, height: buffer.height)
        let screen = Rect(x: 0, y: 0, width: size.width, height: size.height)
        let body = AppView.bodyArea(size)
        drawHeader(model, into: &buffer, area: screen.row(0), theme: theme)
        var cursor: Point?
        if let login = model.login {
            cursor = LoginScreen.draw(
                login, into: &buffer, area: body, theme: theme, tick: model.tick, appName: flavor.title,
                switchModeKeys: env.keymap.label(for: "switch-mode", limit: 1))
        } else {
            switch model.tab {
            case .catalog:
                if let detail = model.detail {
                    ProductDetailScreen.draw(detail, into: &buffer, area: body, theme: theme, tick: model.tick)
                } else {
                    cursor = CatalogView.draw(model.catalog, into: &buffer, area: body, theme: theme, tick: model.tick)
                }
            case .shops:
                cursor = VendorScreen.draw(model.vendor, into: &buffer, area: body, theme: theme, tick: model.tick)
            case .admin:
                cursor = AdminHomeScreen.draw(model.admin, into: &buffer, area: body, theme: theme, tick: model.tick)
            case .flags:
                cursor = FlagsView.draw(model.flagAdmin, into: &buffer, area: body, theme: theme, tick: model.tick)
            case .inbox:
                NotificationsView.draw(model.notifications, into: &buffer, area: body, theme: theme, tick: model.tick)
            case .cart:
                cursor = CartView.draw(model.cart, into: &buffer, area: body, theme: theme, tick: model.tick)
            case .orders:
                cursor = OrdersView.draw(model.orders, into: &buffer, area: body, theme: theme, tick: model.tick)
            case .account:
                if let account = model.account {
                    AccountScreen.draw(account, into: &buffer, area: body, theme: theme, tick: model.tick)
                }
            }
        }
        drawFooter(model, into: &buffer, area: screen.row(size.height - 1), theme: theme)
        ToastView(state: model.toasts).render(into: &buffer, area: body, theme: theme)
        switch model.overlay {
        case .help(let help):
            HelpOverlay(state: help, title: "Keys: \(screenTitle(model))").render(into: &buffer, area: body, theme: theme)
            return nil
        case .palette(let palette):
            let palette = CommandPalette(state: palette)
            palette.render(into: &buffer, area: body, theme: theme)
            return palette.cursorPosition(in: body)
        case nil:
            return cursor
        }
    }

    private func drawHeader(_ model: AppModel, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        headerTabs(model, width: area.width).render(into: &buffer, area: area, theme: theme)
    }

    /// The header as drawn, also used to map clicks to tabs. The tabs come first: the
    /// status (cart, who is signed in) is shortened to leave them room, except for the
    /// cart's count and subtotal and the unread count, which always show (tabs that do not
    /// fit then give way around the open one).
    func headerTabs(_ model: AppModel, width: Int) -> Tabs {
        var essential: [String] = []
        // Only a signed-in shopper has a cart; "Cart 0 · not signed in" promised one.
        if model.hasCart { essential.append(model.cart.headerText) }
        // Beside the cart, before the email, so it survives when the status is cut short.
        if model.user != nil, let unread = model.notifications.unreadCount, unread > 0 { essential.append("\(unread) unread") }
        if model.isSwitchingAccount { essential.insert(Spinner(tick: model.tick).frame + " switching", at: 0) }
        let who = model.user.map { "\($0.email) (\($0.role.rawValue))" } ?? "not signed in"
        let titles = model.login == nil ? model.tabs.map(\.rawValue) : []
        let active = model.tabs.firstIndex(of: model.tab) ?? 0
        // As Tabs draws them: " title " and a gap, then " tab " each.
        let tabsWidth = DisplayWidth.of(flavor.title) + 3 + titles.reduce(0) { $0 + DisplayWidth.of($1) + 2 }
        let kept = essential.joined(separator: " · ")
        let room = max(8, width - tabsWidth - 2)
        let statusText: String
        if essential.isEmpty {
            statusText = TextLayout.truncate(who, to: room)
        } else if DisplayWidth.of(kept) + 3 + 8 <= room {
            statusText = TextLayout.truncate(kept + " · " + who, to: room)
        } else {
            statusText = kept  // no room for a useful part of the email
        }
        return Tabs(title: flavor.title, tabs: titles, selected: active, status: statusText)
    }

    private func drawFooter(_ model: AppModel, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let hints = commands(model).compactMap { command -> (String, String)? in
            guard let label = command.footer else { return nil }
            let keys = env.keymap.label(for: command.id, limit: 1)
            return keys.isEmpty ? nil : (keys, label)
        }
        Footer(hints: hints.map { (keys: $0.0, label: $0.1) }).render(into: &buffer, area: area, theme: theme)
    }
}
