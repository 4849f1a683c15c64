import MarketClient
import MarketModels
import TerminalKit

/// The whole terminal app as one `Program`: the shell (header tabs, footer, toasts, help
/// and palette overlays, global keys) around the screens. Both `marketmate` and
/// `marketmate-admin` run it, with a different flavor.
public struct MarketApp: Program {
    public typealias Model = AppModel
    public typealias Action = AppAction

    let env: TUIEnvironment
    public let flavor: AppFlavor

    /// - Parameter downloadsDirectory: where invoices are saved (default `Downloads.directory()`).
    /// - Parameter flagCache: where the last evaluated feature flags are kept (default: memory only).
    public init(
        client: APIClient, keymap: Keymap, flavor: AppFlavor, demoAccounts: [DemoAccount] = [], downloadsDirectory: String? = nil,
        flagCache: FlagCache = FlagCache(path: nil)
    ) {
        env = TUIEnvironment(client: client, keymap: keymap, demoAccounts: demoAccounts, downloadsDirectory: downloadsDirectory, flagCache: flagCache)
        self.flavor = flavor
    }

    /// The first model: signed in when the client restored a session, else the login form.
    public func initialModel(user: UserDTO?) -> AppModel {
        AppModel(flavor: flavor, user: user.map(UserDTO.sanitizedForTerminal))
    }

    public var minimumSize: Size { Size(width: 60, height: 16) }

    public func isFinished(_ model: AppModel) -> Bool { model.isFinished }

    public func tick(_ model: AppModel) -> AppAction? {
        // The unread count is due twice a minute; between checks this is one comparison,
        // so an idle app stays idle.
        if model.user != nil, model.login == nil, model.notifications.isCountDue(now: env.now()) { return .notifications(.checkCount) }
        return model.isBusy || !model.toasts.isEmpty ? .tick : nil
    }

    // MARK: Input

    public func action(for event: InputEvent, in model: AppModel) -> AppAction? {
        let keymap = env.keymap
        switch event {
        case .terminate:
            return .quit
        case .resize(let size):
            return .resized(size)
        case .paste:
            return model.isTextEntry ? textAction(event, model) : nil
        case .mouse(let mouse):
            if model.overlay != nil { return .overlay(event) }
            return mouseAction(mouse, model)
        case .key(let press):
            // Ctrl-C always quits, whatever has focus.
            if press == .ctrl("c") { return .quit }
            if model.overlay != nil { return .overlay(event) }
            if keymap.matches(press, "palette"), !(model.isTextEntry && press == .char(":")) { return .showPalette }
            if model.isTextEntry, let action = textAction(event, model) { return action }
            if keymap.matches(press, "help") { return .showHelp }
            if let action = commands(model).action(for: press, keymap: keymap) { return action }
            if model.login == nil {
                for index in 1...6 where keymap.matches(press, "tab-\(index)") { return .selectTab(index - 1) }
            }
            return movementAction(press, model)
        }
    }

    /// Keys while typing: editing keys go to the field; Enter/Esc/Tab leave or submit.
    private func textAction(_ event: InputEvent, _ model: AppModel) -> AppAction? {
        if model.login != nil {
            if case .key(let press) = event {
                if env.keymap.matches(press, "switch-mode") { return .login(.switchMode) }
                if press == KeyPress(.escape) { return .quit }
            }
            return .login(.edit(event))
        }
        switch model.tab {
        case .catalog:
            if case .key(let press) = event {
                if press.key == .enter { return .catalog(.leaveSearch(keepQuery: true)) }
                if press.key == .escape { return .catalog(.leaveSearch(keepQuery: false)) }
                if press.key == .down || press.key == .tab { return .catalog(.leaveSearch(keepQuery: true)) }
            }
            return .catalog(.edit(event))
        case .shops: return .vendor(.edit(event))
        case .admin: return .admin(.edit(event))
        case .flags: return .flagAdmin(.edit(event))
        case .cart: return .cart(.edit(event))
        case .orders: return .orders(.edit(event))
        case .account, .inbox: return nil
        }
    }

    /// Movement keys, rebindable: the bound chord is turned into the arrow the list
    /// widgets understand.
    private func movementAction(_ press: KeyPress, _ model: AppModel) -> AppAction? {
        // The catalog's grid of cards also moves sideways.
        if model.tab == .catalog, model.detail == nil, model.catalog.layout == .grid, !model.catalog.isFilterPanelOpen {
            if env.keymap.matches(press, "left") { return .catalog(.key(KeyPress(.left))) }
            if env.keymap.matches(press, "right") { return .catalog(.key(KeyPress(.right))) }
        }
        guard let canonical = canonicalMovement(press) else { return nil }
        switch model.tab {
        case .catalog: return model.detail != nil ? .detail(.key(canonical)) : .catalog(.key(canonical))
        case .shops: return .vendor(.key(canonical))
        case .admin: return .admin(.key(canonical))
        case .flags: return .flagAdmin(.key(canonical))
        case .inbox: return .notifications(.key(canonical))
        case .cart: return .cart(.key(canonical))
        case .orders: return .orders(.key(canonical))
        case .account: return nil
        }
    }

    /// The arrow (or home/end/page key) a user's movement binding stands for: lists,
    /// tables and overlays understand those, whatever the user bound.
    func canonicalMovement(_ press: KeyPress) -> KeyPress? {
        let moves: [(String, Key)] = [
            ("up", .up), ("down", .down), ("page-up", .pageUp), ("page-down", .pageDown), ("top", .home), ("bottom", .end),
        ]
        return moves.first { env.keymap.matches(press, $0.0) }.map { KeyPress($0.1) }
    }

    private func mouseAction(_ mouse: MouseEvent, _ model: AppModel) -> AppAction? {
        guard model.login == nil else { return nil }
        // Clicks on the header select tabs.
        if mouse.y == 0, case .press = mouse.kind {
            let header = Rect(x: 0, y: 0, width: model.lastSize.width, height: 1)
            return headerTabs(model, width: header.width).tab(atColumn: mouse.x, in: header).map(AppAction.selectTab)
        }
        switch model.tab {
        case .catalog where model.detail == nil:
            return .catalog(.mouse(mouse, listArea: CatalogView.listArea(in: AppView.bodyArea(model.lastSize), model: model.catalog)))
        case .catalog:
            switch mouse.kind {
            case .wheelUp: return .detail(.scroll(-3))
            case .wheelDown: return .detail(.scroll(3))
            default: return nil
            }
        case .shops: return .vendor(.mouse(mouse, body: AppView.bodyArea(model.lastSize)))
        case .admin: return .admin(.mouse(mouse, body: AppView.bodyArea(model.lastSize)))
        case .flags: return .flagAdmin(.mouse(mouse, body: AppView.bodyArea(model.lastSize)))
        case .inbox: return .notifications(.mouse(mouse, body: AppView.bodyArea(model.lastSize)))
        case .cart: return .cart(.mouse(mouse, body: AppView.bodyArea(model.lastSize)))
        case .orders: return .orders(.mouse(mouse, body: AppView.bodyArea(model.lastSize)))
        case .account: return nil
        }
    }

    // MARK: Commands of the current screen (keys, footer, help, palette)

    func commands(_ model: AppModel) -> [Command<AppAction>] {
        if let login = model.login { return LoginScreen.commands(login).map { $0.map(AppAction.login) } }
        var commands: [Command<AppAction>]
        switch model.tab {
        case .catalog:
            if let detail = model.detail {
                commands = ProductDetailScreen.commands(detail).map { $0.map(AppAction.detail) }
            } else {
                commands = CatalogScreen.commands(model.catalog).map { $0.map(AppAction.catalog) }
            }
        case .shops: commands = VendorScreen.commands(model.vendor).map { $0.map(AppAction.vendor) }
        case .admin: commands = AdminHomeScreen.commands(model.admin).map { $0.map(AppAction.admin) }
        case .flags: commands = FlagsScreen.commands(model.flagAdmin).map { $0.map(AppAction.flagAdmin) }
        case .inbox: commands = NotificationsScreen.commands(model.notifications).map { $0.map(AppAction.notifications) }
        case .cart: commands = CartScreen.commands(model.cart).map { $0.map(AppAction.cart) }
        case .orders: commands = OrdersScreen.commands(model.orders, closeTitle: nil).map { $0.map(AppAction.orders) }
        case .account:
            commands = model.account.map { AccountScreen.commands($0, demoSwitchTitle: demoSwitchTitle(model)).map { $0.map(AppAction.account) } } ?? []
        }
        commands += [
            Command("next-tab", "Next tab", .nextTab),
            Command("prev-tab", "Previous tab", .previousTab),
            Command("help", "Show every key of this screen", .showHelp, footer: "help"),
            Command("palette", "Open the command palette", .showPalette, footer: "commands"),
            Command("quit", "Quit", .quit, footer: "quit"),
        ]
        if let title = demoSwitchTitle(model), model.tab != .account {
            commands.append(Command("switch-account", title, .switchDemoUser))
        }
        for (index, tab) in model.tabs.enumerated() {
            commands.append(Command("tab-\(index + 1)", "Go to \(tab.rawValue)", .selectTab(index)))
        }
        if let index = model.tabs.firstIndex(of: .account), model.tab != .account {
            commands.append(Command("account", "Your account", .selectTab(index)))
        }
        if let index = model.tabs.firstIndex(of: .inbox), model.tab != .inbox {
            commands.append(Command("notifications", "Show your notifications (the Inbox)", .selectTab(index)))
        }
        // A screen's own use of these ids comes first (`orders` in My shops is the shop's).
        let own = Set(commands.map(\.id))
        if let index = model.tabs.firstIndex(of: .cart), model.tab != .cart, !own.contains("cart") {
            commands.append(Command("cart", "Show your cart", .selectTab(index)))
        }
        if let index = model.tabs.firstIndex(of: .orders), model.tab != .orders, !own.contains("orders") {
            commands.append(Command("orders", "Show your orders", .selectTab(index)))
        }
        return commands
    }

    /// "Switch to the demo vendor" while signed in as the demo buyer, and back.
    func demoSwitchTitle(_ model: AppModel) -> String? {
        guard !env.demoAccounts.isEmpty else { return nil }
        let next = env.demoAccounts.first { $0.email != model.user?.email } ?? env.demoAccounts[0]
        return "Switch to the demo \(next.label)"
    }
}

extension AppModel {
    /// Something is loading: spinners need ticks.
    var isBusy: Bool {
        catalog.isLoading || catalog.isLoadingMore || (detail?.isLoading ?? false) || (login?.isSubmitting ?? false)
            || (account?.isWorking ?? false) || vendor.isBusy || admin.isBusy || flagAdmin.isBusy || notifications.isBusy || isSwitchingAccount
            || cart.isBusy || orders.isBusy
    }
}
