import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// The orders list, an order in detail, and what may be done to it (see `OrdersModel`).
/// Dialogs and commands are in `OrdersScreen+Actions.swift`, drawing in `OrdersView`.
enum OrdersScreen {
    static func update(_ model: inout OrdersModel, _ action: OrdersAction, env: TUIEnvironment) -> Effect<OrdersAction> {
        switch action {
        case .appear(let userID, let role):
            model.userID = userID
            model.role = role
            model.keys = KeyLabels(keymap: env.keymap)
            // Always fresh: orders move while the user is elsewhere (a shop ships).
            guard !model.page.isLoading else { return .none }
            return .batch([load(&model, env: env), reloadDetail(&model, env: env)])
        case .refresh:
            return .batch([load(&model, env: env), reloadDetail(&model, env: env)])
        case .loaded(let cursor, let generation, .success(let page)):
            let orders = page.items.map(OrderDTO.sanitizedForTerminal)
            guard model.page.receive(orders, nextCursor: page.nextCursor, cursor: cursor, generation: generation) else { return .none }
            model.table.setRowCount(model.page.items.count)
            return loadMoreIfNeeded(&model, env: env)
        case .loaded(let cursor, let generation, .failure(let error)):
            guard model.page.fail(ErrorText.sentence(for: error), cursor: cursor, generation: generation) else { return .none }
            return .sending([.failed(error)])

        case .key(let press):
            if model.detail != nil {
                scroll(&model, press)
                return .none
            }
            guard model.table.handle(.key(press), keymap: .navigation) else { return .none }
            return loadMoreIfNeeded(&model, env: env)
        case .mouse(let mouse, let body):
            guard model.detail == nil, model.dialog == nil,
                  model.table.handle(.mouse(mouse), area: OrdersView.tableArea(body), keymap: .navigation)
            else { return .none }
            return loadMoreIfNeeded(&model, env: env)
        case .cycleFilter:
            let states: [OrderStatus?] = [nil] + OrderStatus.allCases
            let index = states.firstIndex(of: model.statusFilter) ?? 0
            model.statusFilter = states[(index + 1) % states.count]
            model.table.rows.selectFirst()
            return load(&model, env: env)

        case .open:
            guard let order = model.selected else { return .none }
            model.detail = OrderDetailModel(order: order)
            return reloadDetail(&model, env: env)
        case .detailLoaded(let id, let result):
            guard model.detail?.order.id == id else { return .none }
            model.detail?.isLoading = false
            switch result {
            case .success(let order):
                model.detail?.errorMessage = nil
                model.replace(OrderDTO.sanitizedForTerminal(order))
                return .none
            case .failure(let error):
                model.detail?.errorMessage = ErrorText.sentence(for: error)
                return .sending([.failed(error)])
            }
        case .back:
            if model.dialog != nil {
                model.dialog = nil
            } else {
                model.detail = nil
            }
            return .none

        case .askCancel, .complete, .askShip, .askRefund, .edit, .submitDialog, .changed, .refunded:
            return orderAction(&model, action, env: env)

        case .downloadInvoice:
            guard let order = model.current, order.invoiceAvailable, !model.downloading.contains(order.id) else { return .none }
            model.downloading.insert(order.id)
            let client = env.client, id = order.id
            let file = URL(fileURLWithPath: env.downloadsDirectory).appendingPathComponent("invoice-\(OrderText.number(id).dropFirst()).pdf")
            return .run { send in
                do {
                    send(.downloaded(id, .success(try await client.downloadInvoice(id, to: file).path)))
                } catch {
                    send(.downloaded(id, .failure(error)))
                }
            }
        case .downloaded(let id, let result):
            model.downloading.remove(id)
            switch result {
            case .success(let path):
                model.savedInvoices[id] = path
                return .sending([.toast("Invoice of order \(OrderText.number(id)) saved to \(path).", .success)])
            case .failure(let error):
                return .sending([.toast("The invoice was not saved: \(ErrorText.sentence(for: error))", .error), .failed(error)])
            }

        case .report:
            return .none  // the app has shown or handled them
        }
    }

    static func load(_ model: inout OrdersModel, env: TUIEnvironment) -> Effect<OrdersAction> {
        let generation = model.page.beginReload()
        let client = env.client, status = model.statusFilter, shopID = model.scope.shopID
        return .run { send in
            do {
                let page = try await client.orders(status: status, shopId: shopID, limit: OrdersModel.pageSize)
                send(.loaded(cursor: nil, generation: generation, .success(page)))
            } catch {
                send(.loaded(cursor: nil, generation: generation, .failure(error)))
            }
        }
    }

    static func loadMoreIfNeeded(_ model: inout OrdersModel, env: TUIEnvironment) -> Effect<OrdersAction> {
        guard model.page.hasMore, model.table.rows.isNearEnd(threshold: 10), let cursor = model.page.beginLoadMore() else { return .none }
        let generation = model.page.generation
        let client = env.client, status = model.statusFilter, shopID = model.scope.shopID
        return .run { send in
            do {
                let page = try await client.orders(status: status, shopId: shopID, limit: OrdersModel.pageSize, cursor: cursor)
                send(.loaded(cursor: cursor, generation: generation, .success(page)))
            } catch {
                send(.loaded(cursor: cursor, generation: generation, .failure(error)))
            }
        }
    }

    /// The open order, fresh (its timeline grows while it is away).
    static func reloadDetail(_ model: inout OrdersModel, env: TUIEnvironment) -> Effect<OrdersAction> {
        guard let id = model.detail?.order.id else { return .none }
        model.detail?.isLoading = true
        let client = env.client
        return .run { send in
            do { send(.detailLoaded(id, .success(try await client.order(id)))) } catch { send(.detailLoaded(id, .failure(error))) }
        }
    }

    /// Movement keys scroll the open order.
    static func scroll(_ model: inout OrdersModel, _ press: KeyPress) {
        guard var detail = model.detail else { return }
        switch press.key {
        case .up: detail.scroll -= 1
        case .down: detail.scroll += 1
        case .pageUp: detail.scroll -= 10
        case .pageDown: detail.scroll += 10
        case .home: detail.scroll = 0
        case .end: detail.scroll = Int.max / 2
        default: break
        }
        // At most until the last lines are at the top (the view shows what fits of them).
        detail.scroll = min(max(0, detail.scroll), max(0, OrdersView.detailLines(detail.order, model: model).count - 3))
        model.detail = detail
    }
}
