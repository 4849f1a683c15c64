import MarketClient
import MarketModels
import TerminalKit

extension MarketApp {
    public func update(_ model: inout AppModel, _ action: AppAction) -> Effect<AppAction> {
        switch action {
        case .start:
            var effects: [Effect<AppAction>] = []
            if flavor == .shop { effects.append(CatalogScreen.update(&model.catalog, .load, env: env).map(AppAction.catalog)) }
            effects.append(loadFlags(model))
            if model.user != nil {
                // Check the restored session is still good (and refresh the profile).
                let client = env.client
                effects.append(.run { send in
                    do { send(.sessionRestored(.success(try await client.me()))) } catch { send(.sessionRestored(.failure(error))) }
                })
                effects.append(enterTab(&model, model.tab))
                effects.append(checkUnreadCount(&model))
                effects.append(loadCart(&model))
            }
            return .batch(effects)

        case .sessionRestored(.success(let user)):
            signIn(&model, user: UserDTO.sanitizedForTerminal(user))
            return .none
        case .flagsLoaded(let flags):
            model.flags = flags
            let layout = CatalogLayout(flags: flags)
            if layout != model.catalog.layout {
                model.catalog.layout = layout
                model.catalog.fit(to: CatalogView.listArea(in: AppView.bodyArea(model.lastSize), model: model.catalog))
            }
            return .none

        case .sessionRestored(.failure(let error)):
            if ErrorText.isSessionExpired(error) {
                return signOut(&model, message: "Your session has ended. Please sign in again.")
            }
            showToast(&model, ErrorText.sentence(for: error), .error)
            return .none

        case .login(.signedIn(let user)):
            signIn(&model, user: user)
            model.login = nil
            showToast(&model, "Signed in as \(user.email).", .success)
            return .batch([enterTab(&model, model.tabs[0]), checkUnreadCount(&model), loadCart(&model), loadFlags(model)])
        case .login(.quit):
            model.isFinished = true
            return .none
        case .login(let inner):
            guard var login = model.login else { return .none }
            let effect = LoginScreen.update(&login, inner, env: env)
            model.login = login
            return effect.map(AppAction.login)

        case .catalog(.open(let id)):
            model.detail = ProductDetailModel(productID: id, product: model.catalog.items.first { $0.id == id })
            return update(&model, .detail(.load))
        case .catalog(let inner):
            // A failed load also says so in a toast; what the user typed stays in the field.
            if case .loaded(let query, _, .failure(let error)) = inner, query == model.catalog.loadedQuery {
                showToast(&model, ErrorText.sentence(for: error), .error)
            }
            let effect = CatalogScreen.update(&model.catalog, inner, env: env)
            // The filter panel takes width from the grid: its columns follow.
            model.catalog.fit(to: CatalogView.listArea(in: AppView.bodyArea(model.lastSize), model: model.catalog))
            return effect.map(AppAction.catalog)

        case .detail(.back):
            model.detail = nil
            return .none
        case .detail(.addToCart):
            guard let detail = model.detail, let product = detail.product else { return .none }
            guard model.hasCart else {
                showToast(&model, "Administrators have no cart: sign in as a buyer to shop.", .info)
                return .none
            }
            // A product with variants adds the variant selected in its table.
            var variant: VariantDTO?
            if !product.variants.isEmpty, let index = detail.variants.selected, product.variants.indices.contains(index) {
                variant = product.variants[index]
                if variant?.inventoryCount == 0 {
                    showToast(&model, "\(variant?.sku ?? "That variant") is sold out; choose another one in the table.", .info)
                    return .none
                }
            }
            return update(&model, .cart(.add(product.id, variant?.id, title: product.title)))
        case .detail(let inner):
            guard var detail = model.detail else { return .none }
            if case .loaded(.failure(let error)) = inner { showToast(&model, ErrorText.sentence(for: error), .error) }
            let effect = ProductDetailScreen.update(&detail, inner, env: env)
            if case .scroll = inner, let product = detail.product {
                // No scrolling past the end of the description (the view's width and height,
                // less the heading, the variants box and the picture, roughly).
                let body = AppView.bodyArea(model.lastSize)
                let picture = detail.picture == nil ? 0 : ProductPicture.columns(forWidth: body.width - 2) + 2
                let size = Size(width: max(1, body.width - 2 - picture), height: max(1, body.height / 2 - 4))
                detail.scroll = min(detail.scroll, Paragraph(product.description).maxScroll(in: size))
            }
            model.detail = detail
            return effect.map(AppAction.detail)

        case .account(.logout):
            let client = env.client
            model.account?.isWorking = true
            return .run { send in
                try? await client.logout()
                send(.signedOut)
            }
        case .account(.signedOut):
            return update(&model, .signedOut)
        case .account(.switchToDemoAccount):
            return update(&model, .switchDemoUser)
        case .account(let inner):
            guard var account = model.account else { return .none }
            let effect = AccountScreen.update(&account, inner, env: env)
            model.account = account
            return effect.map(AppAction.account)

        case .vendor(let inner):
            if case .failed(let error) = inner, ErrorText.isSessionExpired(error) {
                return signOut(&model, message: "Your session has ended. Please sign in again.")
            }
            if case .toast(let message, let kind) = inner { showToast(&model, message, kind) }
            return VendorScreen.update(&model.vendor, inner, env: env).map(AppAction.vendor)

        case .admin(let inner):
            if case .failed(let error) = inner, ErrorText.isSessionExpired(error) {
                return signOut(&model, message: "Your session has ended. Please sign in again.")
            }
            if case .toast(let message, let kind) = inner { showToast(&model, message, kind) }
            return AdminHomeScreen.update(&model.admin, inner, env: env).map(AppAction.admin)

        case .flagAdmin(let inner):
            if case .failed(let error) = inner, ErrorText.isSessionExpired(error) {
                return signOut(&model, message: "Your session has ended. Please sign in again.")
            }
            if case .toast(let message, let kind) = inner { showToast(&model, message, kind) }
            return FlagsScreen.update(&model.flagAdmin, inner, env: env).map(AppAction.flagAdmin)

        case .cart(.report(let report)), .orders(.report(let report)):
            switch report {
            case .failed(let error) where ErrorText.isSessionExpired(error):
                return signOut(&model, message: "Your session has ended. Please sign in again.")
            case .failed:
                return .none  // the screen has shown it
            case .toast(let message, let kind):
                showToast(&model, message, kind)
                return .none
            }
        case .cart(.showOrders):
            guard let index = model.tabs.firstIndex(of: .orders) else { return .none }
            return update(&model, .selectTab(index))
        case .cart(let inner):
            return CartScreen.update(&model.cart, inner, env: env).map(AppAction.cart)
        case .orders(let inner):
            return OrdersScreen.update(&model.orders, inner, env: env).map(AppAction.orders)

        case .notifications(let inner):
            if case .failed(let error) = inner, ErrorText.isSessionExpired(error) {
                return signOut(&model, message: "Your session has ended. Please sign in again.")
            }
            if case .toast(let message, let kind) = inner { showToast(&model, message, kind) }
            return NotificationsScreen.update(&model.notifications, inner, env: env).map(AppAction.notifications)

        case .selectTab(let index):
            guard model.login == nil, model.tabs.indices.contains(index) else { return .none }
            return enterTab(&model, model.tabs[index])
        case .nextTab, .previousTab:
            guard model.login == nil, let current = model.tabs.firstIndex(of: model.tab) else { return .none }
            let step = { if case .nextTab = action { return 1 } else { return -1 } }()
            let index = (current + step + model.tabs.count) % model.tabs.count
            return enterTab(&model, model.tabs[index])

        case .showHelp:
            let sections = helpSections(model)
            model.overlay = .help(HelpOverlayState(sections: sections, viewportHeight: max(4, model.lastSize.height - 6)))
            return .none
        case .showPalette:
            let entries = commands(model).enumerated().map { index, command in
                PaletteEntry(id: String(index), title: command.title, keys: env.keymap.label(for: command.id))
            }
            model.overlay = .palette(CommandPaletteState(entries: entries))
            return .none
        case .overlay(let event):
            return handleOverlay(&model, event)

        case .tick:
            model.tick &+= 1
            _ = model.toasts.expire(now: env.now())
            return .none
        case .resized(let size):
            model.lastSize = size
            // Page keys move by what is visible, and the search field scrolls by its width.
            let body = AppView.bodyArea(size)
            model.catalog.fit(to: CatalogView.listArea(in: body, model: model.catalog))
            model.catalog.search.width = max(1, body.width - 8 - 20)
            return .none
        case .toast(let message, let kind):
            showToast(&model, message, kind)
            return .none
        case .notice(let message):
            _ = model.toasts.show(message, kind: .info, until: env.now() + .seconds(10))
            return .none

        case .switchDemoUser:
            guard let next = env.demoAccounts.first(where: { $0.email != model.user?.email }) ?? env.demoAccounts.first else { return .none }
            model.isSwitchingAccount = true
            let client = env.client
            return .run { send in
                do {
                    try? await client.logout()
                    let user = try await client.login(LoginRequest(email: next.email, password: next.password))
                    send(.demoUserSwitched(.success(user)))
                } catch {
                    send(.demoUserSwitched(.failure(error)))
                }
            }
        case .demoUserSwitched(.success(let user)):
            model.isSwitchingAccount = false
            model.vendor = VendorModel()
            model.admin = AdminHomeModel()
        model.flagAdmin = FlagsModel()
            model.flagAdmin = FlagsModel()
            model.notifications = NotificationsModel()
            model.cart = CartModel()
            model.orders = OrdersModel(scope: .mine)
            signIn(&model, user: UserDTO.sanitizedForTerminal(user))
            showToast(&model, "Now signed in as \(user.email) (\(user.role.rawValue)).", .success)
            return .batch([enterTab(&model, model.tabs.contains(.shops) ? .shops : .catalog), checkUnreadCount(&model), loadCart(&model), loadFlags(model)])
        case .demoUserSwitched(.failure(let error)):
            model.isSwitchingAccount = false
            showToast(&model, ErrorText.sentence(for: error), .error)
            return .none

        case .signedOut:
            return signOut(&model, message: "Signed out.")
        case .quit:
            model.isFinished = true
            return .none
        }
    }

    private func signIn(_ model: inout AppModel, user: UserDTO) {
        model.user = user
        model.cart.buyerName = user.name
        if model.account == nil { model.account = AccountModel(user: user) } else { model.account?.user = user }
        if !model.tabs.contains(model.tab) { model.tab = model.tabs[0] }
    }

    private func signOut(_ model: inout AppModel, message: String) -> Effect<AppAction> {
        let email = model.user?.email ?? ""
        model.user = nil
        model.account = nil
        model.detail = nil
        model.vendor = VendorModel()
        model.admin = AdminHomeModel()
        model.flagAdmin = FlagsModel()
        model.notifications = NotificationsModel()
        model.cart = CartModel()
        model.orders = OrdersModel(scope: .mine)
        model.overlay = nil
        var login = LoginModel(requiredRole: flavor == .admin ? .admin : nil, email: email)
        login.notice = message
        model.login = login
        model.tab = model.tabs[0]
        return loadFlags(model)
    }

    private func enterTab(_ model: inout AppModel, _ tab: Tab) -> Effect<AppAction> {
        // Leaving My shops stops what it does in the background (following an import).
        let left: Effect<AppAction> = model.tab == .shops && tab != .shops
            ? VendorScreen.update(&model.vendor, .disappear, env: env).map(AppAction.vendor) : .none
        model.tab = tab
        return .batch([left, enter(&model, tab)])
    }

    private func enter(_ model: inout AppModel, _ tab: Tab) -> Effect<AppAction> {
        switch tab {
        case .catalog:
            return model.catalog.loadedQuery == nil ? CatalogScreen.update(&model.catalog, .load, env: env).map(AppAction.catalog) : .none
        case .shops:
            guard let user = model.user else { return .none }
            return VendorScreen.update(&model.vendor, .appear(ownerID: user.id), env: env).map(AppAction.vendor)
        case .admin:
            return AdminHomeScreen.update(&model.admin, .appear, env: env).map(AppAction.admin)
        case .flags:
            return FlagsScreen.update(&model.flagAdmin, .appear, env: env).map(AppAction.flagAdmin)
        case .inbox:
            return NotificationsScreen.update(&model.notifications, .appear, env: env).map(AppAction.notifications)
        case .cart:
            return CartScreen.update(&model.cart, .appear, env: env).map(AppAction.cart)
        case .orders:
            guard let user = model.user else { return .none }
            return OrdersScreen.update(&model.orders, .appear(userID: user.id, role: user.role), env: env).map(AppAction.orders)
        case .account:
            return .none
        }
    }

    /// The user's feature flags: the copy cached from the last start first (so a server
    /// that cannot be reached still gets the last known layout), then the server's answer,
    /// which is cached in turn. A failure is silent: the flags keep their defaults. (Flag
    /// values are never drawn as text here, only mapped onto choices such as the layout.)
    func loadFlags(_ model: AppModel) -> Effect<AppAction> {
        guard flavor == .shop else { return .none }
        let client = env.client, cache = env.flagCache
        let key = FlagCache.key(server: client.endpoint.baseURL.absoluteString, userID: model.user?.id.rawValue)
        return .run { send in
            if let cached = cache.load(key) { send(.flagsLoaded(cached)) }
            guard let fresh = try? await client.flags(attributes: ["appVersion": APIClient.version]) else { return }
            cache.save(fresh, key)
            send(.flagsLoaded(fresh))
        }
    }

    /// The cart, for the header's count and subtotal, whatever tab is open.
    func loadCart(_ model: inout AppModel) -> Effect<AppAction> {
        guard model.hasCart else { return .none }
        return CartScreen.update(&model.cart, .appear, env: env).map(AppAction.cart)
    }

    /// The header's unread count, now; the tick asks again every `countInterval`.
    func checkUnreadCount(_ model: inout AppModel) -> Effect<AppAction> {
        NotificationsScreen.update(&model.notifications, .checkCount, env: env).map(AppAction.notifications)
    }

    func showToast(_ model: inout AppModel, _ message: String, _ kind: ToastKind) {
        _ = model.toasts.show(message, kind: kind, until: env.now() + .seconds(kind == .error ? 6 : 3))
    }

    private func handleOverlay(_ model: inout AppModel, _ event: InputEvent) -> Effect<AppAction> {
        switch model.overlay {
        case .help(var help):
            // The user's movement keys scroll the help too (the overlay knows arrows).
            var event = event
            if case .key(let press) = event, let arrow = canonicalMovement(press) { event = .key(arrow) }
            if help.handle(event, area: AppView.bodyArea(model.lastSize)) == .closed {
                model.overlay = nil
            } else {
                model.overlay = .help(help)
            }
            return .none
        case .palette(var palette):
            let outcome = palette.handle(event, area: AppView.bodyArea(model.lastSize))
            switch outcome {
            case .chosen(let id):
                model.overlay = nil
                let available = commands(model)
                guard let index = Int(id), available.indices.contains(index) else { return .none }
                return update(&model, available[index].action)
            case .cancelled:
                model.overlay = nil
            default:
                model.overlay = .palette(palette)
            }
            return .none
        case nil:
            return .none
        }
    }

    func helpSections(_ model: AppModel) -> [HelpSection] {
        let screen = commands(model).map { (keys: env.keymap.label(for: $0.id, limit: 3), description: $0.title) }
        let moves = [("up", "Move up"), ("down", "Move down"), ("page-up", "Page up"), ("page-down", "Page down"), ("top", "First item"), ("bottom", "Last item")]
        var moveRows = moves
            .map { (keys: env.keymap.label(for: $0.0, limit: 3), description: $0.1) }
        if model.tab == .catalog, model.detail == nil, model.catalog.layout == .grid {
            // Only the arrows move by card: h and l keep "back" and "open" (see CatalogScreen).
            moveRows.insert(contentsOf: [(keys: "left", description: "Previous card"), (keys: "right", description: "Next card")], at: 2)
        }
        let always = [(keys: "ctrl-c", description: "Quit at once"), (keys: "ctrl-z", description: "Suspend (fg resumes)")]
        return [
            HelpSection(screenTitle(model), rows: screen),
            HelpSection("Moving around", rows: moveRows + always),
        ]
    }

    func screenTitle(_ model: AppModel) -> String {
        if let login = model.login { return login.mode == .login ? "Sign in" : "Create an account" }
        if model.tab == .catalog, model.detail != nil { return "Product" }
        if model.tab == .cart, model.cart.checkout != nil { return "Checkout" }
        if model.tab == .orders, model.orders.detail != nil { return "Order" }
        return model.tab.rawValue
    }
}
