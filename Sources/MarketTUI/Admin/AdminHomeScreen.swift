import MarketClient
import MarketModels
import TerminalKit

/// The admin home: every account and every shop, in two panes, each a sortable, paged
/// table. Moderation (bans, reports, takedowns) joins it with the admin release.
struct AdminHomeModel {
    enum Pane: Int, CaseIterable {
        case users, shops
        var title: String { self == .users ? "Users" : "Shops" }
    }

    var pane: Pane = .users
    var users = PagedItems<UserDTO>()
    var usersTable = TableState(columns: [
        TableColumn("Email", width: .fill(weight: 3, min: 16), sortable: true),
        TableColumn("Name", width: .fill(weight: 2, min: 8), sortable: true),
        TableColumn("Role", width: .fixed(6), sortable: true),
        TableColumn("Verified", width: .fixed(8), sortable: true),
        TableColumn("Created", width: .fixed(10), sortable: true),
    ])
    /// nil: every role.
    var roleFilter: Role?
    var shops = PagedItems<ShopDTO>()
    var shopsTable = TableState(columns: [
        TableColumn("Shop", width: .fill(weight: 2, min: 10), sortable: true),
        TableColumn("Address", width: .fill(weight: 2, min: 8), sortable: true),
        TableColumn("Owner", width: .fill(weight: 3, min: 10), sortable: true),
        TableColumn("Status", width: .fixed(9), sortable: true),
        TableColumn("Currency", width: .fixed(8), sortable: true),
    ])
    /// Owner id → email, for the shops' Owner column: the API's shops carry only the id.
    var owners: [UserID: String] = [:]
    var ownersGeneration = 0
    var hasAppeared = false

    var isBusy: Bool { users.isBusy || shops.isBusy }
    var isTextEntry: Bool { false }

    var table: TableState {
        get { pane == .users ? usersTable : shopsTable }
        set { if pane == .users { usersTable = newValue } else { shopsTable = newValue } }
    }

    var userRows: [[String]] {
        users.items.map { user in
            [user.email, user.name, user.role.rawValue, user.verified ? "yes" : "no", String((RFC3339.string(from: user.createdAt) ?? "").prefix(10))]
        }
    }

    var shopRows: [[String]] {
        shops.items.map { shop in
            [shop.name, shop.slug, owners[shop.ownerId] ?? shop.ownerId.rawValue, shop.status.rawValue, shop.currency.code]
        }
    }

    /// Rows of the current pane in the table's order.
    var visibleRows: [[String]] {
        let rows = pane == .users ? userRows : shopRows
        return table.sorted(rows)
    }
}

public enum AdminHomeAction: Sendable {
    case appear
    case edit(InputEvent)
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// A request failed; the app signs out when the session is gone.
    case failed(any Error)
    /// The app shows a toast.
    case toast(String, ToastKind)

    /// 0: users, 1: shops.
    case showPane(Int)
    case refresh
    case cycleRoleFilter
    case clearRoleFilter
    case cycleSort
    case usersLoaded(cursor: String?, generation: Int, Result<ListPage<UserDTO>, any Error>)
    case shopsLoaded(cursor: String?, generation: Int, Result<ListPage<ShopDTO>, any Error>)
    case ownersLoaded(generation: Int, Result<ListPage<UserDTO>, any Error>)
}

enum AdminHomeScreen {
    static let pageSize = 50

    static func update(_ model: inout AdminHomeModel, _ action: AdminHomeAction, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        switch action {
        case .appear:
            // Both panes load at once, so switching between them is instant.
            guard !model.hasAppeared else { return .none }
            model.hasAppeared = true
            return .batch([loadUsers(&model, env: env), loadShops(&model, env: env)])

        case .edit, .failed, .toast:
            return .none

        case .key(let press):
            var table = model.table
            guard table.handle(.key(press), keymap: .navigation) else { return .none }
            model.table = table
            return loadMoreIfNeeded(&model, env: env)

        case .mouse(let mouse, let body):
            let layout = AdminHomeView.layout(body)
            if case .press(button: 0) = mouse.kind, mouse.y == layout.panes.y,
               let pane = AdminHomeView.paneTitles(in: layout.panes).firstIndex(where: { mouse.x >= $0.x && mouse.x < $0.maxX }) {
                return update(&model, .showPane(pane), env: env)
            }
            var table = model.table
            guard table.handle(.mouse(mouse), area: layout.table, keymap: .navigation) else { return .none }
            model.table = table
            return loadMoreIfNeeded(&model, env: env)

        case .showPane(let index):
            guard let pane = AdminHomeModel.Pane(rawValue: index) else { return .none }
            model.pane = pane
            return .none

        case .refresh:
            return model.pane == .users ? loadUsers(&model, env: env) : loadShops(&model, env: env)

        case .cycleRoleFilter:
            let roles: [Role?] = [nil, .buyer, .vendor, .admin]
            let index = roles.firstIndex(of: model.roleFilter) ?? 0
            model.roleFilter = roles[(index + 1) % roles.count]
            return loadUsers(&model, env: env)
        case .clearRoleFilter:
            guard model.roleFilter != nil else { return .none }
            model.roleFilter = nil
            return loadUsers(&model, env: env)

        case .cycleSort:
            model.table.stepSort()
            return loadMoreIfNeeded(&model, env: env)

        case .usersLoaded(let cursor, let generation, .success(let page)):
            let users = page.items.map(UserDTO.sanitizedForTerminal)
            guard model.users.receive(users, nextCursor: page.nextCursor, cursor: cursor, generation: generation) else { return .none }
            for user in users { model.owners[user.id] = user.email }
            model.usersTable.setRowCount(model.users.items.count)
            return loadMoreIfNeeded(&model, env: env)
        case .usersLoaded(let cursor, let generation, .failure(let error)):
            guard model.users.fail(ErrorText.sentence(for: error), cursor: cursor, generation: generation) else { return .none }
            return emit(.failed(error))

        case .shopsLoaded(let cursor, let generation, .success(let page)):
            guard model.shops.receive(page.items.map(ShopDTO.sanitizedForTerminal), nextCursor: page.nextCursor, cursor: cursor, generation: generation)
            else { return .none }
            model.shopsTable.setRowCount(model.shops.items.count)
            return .batch([loadMoreIfNeeded(&model, env: env), lookUpOwners(&model, env: env)])
        case .shopsLoaded(let cursor, let generation, .failure(let error)):
            guard model.shops.fail(ErrorText.sentence(for: error), cursor: cursor, generation: generation) else { return .none }
            return emit(.failed(error))

        case .ownersLoaded(let generation, .success(let page)):
            guard generation == model.ownersGeneration else { return .none }
            for user in page.items.map(UserDTO.sanitizedForTerminal) { model.owners[user.id] = user.email }
            guard let next = page.nextCursor else { return .none }
            return fetchOwners(model, cursor: next, env: env)
        case .ownersLoaded(_, .failure(let error)):
            // The Owner column falls back to ids; the pane itself is fine.
            return emit(.failed(error))
        }
    }

    // MARK: Loading

    static func loadUsers(_ model: inout AdminHomeModel, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        let generation = model.users.beginReload()
        model.usersTable.rows.selectFirst()
        let client = env.client, role = model.roleFilter
        return .run { send in
            do {
                send(.usersLoaded(cursor: nil, generation: generation, .success(try await client.adminUsers(role: role, limit: pageSize))))
            } catch {
                send(.usersLoaded(cursor: nil, generation: generation, .failure(error)))
            }
        }
    }

    static func loadShops(_ model: inout AdminHomeModel, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        let generation = model.shops.beginReload()
        let client = env.client
        return .run { send in
            do {
                send(.shopsLoaded(cursor: nil, generation: generation, .success(try await client.shops(limit: pageSize))))
            } catch {
                send(.shopsLoaded(cursor: nil, generation: generation, .failure(error)))
            }
        }
    }

    /// Looks up the owners of loaded shops not known yet among the vendors, page by page
    /// until none is missing or the vendors run out (a marketplace has far fewer vendors
    /// than buyers). A newer lookup makes an older one's pages stale.
    static func lookUpOwners(_ model: inout AdminHomeModel, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        model.ownersGeneration += 1
        return fetchOwners(model, cursor: nil, env: env)
    }

    static func fetchOwners(_ model: AdminHomeModel, cursor: String?, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        guard model.shops.items.contains(where: { model.owners[$0.ownerId] == nil }) else { return .none }
        let generation = model.ownersGeneration, client = env.client
        return .run { send in
            do {
                send(.ownersLoaded(generation: generation, .success(try await client.adminUsers(role: .vendor, limit: 100, cursor: cursor))))
            } catch {
                send(.ownersLoaded(generation: generation, .failure(error)))
            }
        }
    }

    /// Infinite scrolling near the end; with a sort on, the remaining pages, so the order
    /// covers every row rather than the ones loaded so far.
    static func loadMoreIfNeeded(_ model: inout AdminHomeModel, env: TUIEnvironment) -> Effect<AdminHomeAction> {
        let client = env.client
        switch model.pane {
        case .users:
            guard model.users.hasMore, model.usersTable.sort != nil || model.usersTable.rows.isNearEnd(threshold: 10),
                  let cursor = model.users.beginLoadMore() else { return .none }
            let generation = model.users.generation, role = model.roleFilter
            return .run { send in
                do {
                    send(.usersLoaded(cursor: cursor, generation: generation, .success(try await client.adminUsers(role: role, limit: pageSize, cursor: cursor))))
                } catch {
                    send(.usersLoaded(cursor: cursor, generation: generation, .failure(error)))
                }
            }
        case .shops:
            guard model.shops.hasMore, model.shopsTable.sort != nil || model.shopsTable.rows.isNearEnd(threshold: 10),
                  let cursor = model.shops.beginLoadMore() else { return .none }
            let generation = model.shops.generation
            return .run { send in
                do {
                    send(.shopsLoaded(cursor: cursor, generation: generation, .success(try await client.shops(limit: pageSize, cursor: cursor))))
                } catch {
                    send(.shopsLoaded(cursor: cursor, generation: generation, .failure(error)))
                }
            }
        }
    }

    static func emit(_ actions: AdminHomeAction...) -> Effect<AdminHomeAction> { .sending(actions) }

    // MARK: Commands

    static func commands(_ model: AdminHomeModel) -> [Command<AdminHomeAction>] {
        var commands: [Command<AdminHomeAction>] = [
            model.pane == .users
                ? Command("right", "Show the shops", .showPane(AdminHomeModel.Pane.shops.rawValue), footer: "shops")
                : Command("left", "Show the users", .showPane(AdminHomeModel.Pane.users.rawValue), footer: "users"),
        ]
        if model.pane == .users {
            commands += [
                Command("filter", "Show one role (all, buyers, vendors, admins)", .cycleRoleFilter, footer: "role"),
                Command("clear-filters", "Show every role", .clearRoleFilter),
            ]
        }
        commands += [
            Command("sort", "Sort by the next column (again: the other way)", .cycleSort, footer: "sort"),
            Command("refresh", model.pane == .users ? "Reload the users" : "Reload the shops", .refresh, footer: "reload"),
        ]
        return commands
    }

    static func draw(_ model: AdminHomeModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) -> Point? {
        AdminHomeView.draw(model, into: &buffer, area: area, theme: theme, tick: tick)
        return nil
    }
}
