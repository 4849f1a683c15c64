import MarketClient
import MarketModels
import TerminalKit

/// The Inbox tab: the notification feed, newest first, and marking read. Also keeps the
/// header's unread count (`checkCount`), which the shell asks for whatever tab is open.
enum NotificationsScreen {
    static func update(_ model: inout NotificationsModel, _ action: NotificationsAction, env: TUIEnvironment) -> Effect<NotificationsAction> {
        switch action {
        case .appear, .refresh:
            // Always fresh: the feed is what changed while the user was elsewhere.
            guard !model.page.isLoading else { return .none }
            return load(&model, env: env)

        case .loaded(let cursor, let generation, .success(let page)):
            let items = page.items.map(NotificationDTO.sanitizedForTerminal)
            guard model.page.receive(items, nextCursor: page.nextCursor, cursor: cursor, generation: generation) else { return .none }
            model.list.setCount(model.page.items.count)
            if cursor == nil {
                model.unreadCount = page.unreadCount
                model.countGeneration += 1
            }
            return loadMoreIfNeeded(&model, env: env)
        case .loaded(let cursor, let generation, .failure(let error)):
            guard model.page.fail(ErrorText.sentence(for: error), cursor: cursor, generation: generation) else { return .none }
            return .run { send in send(.failed(error)) }

        case .key(let press):
            guard model.list.handle(.key(press), keymap: .navigation) else { return .none }
            return loadMoreIfNeeded(&model, env: env)
        case .mouse(let mouse, let body):
            guard model.list.handle(.mouse(mouse), area: NotificationsView.listArea(body), keymap: .navigation) else { return .none }
            return loadMoreIfNeeded(&model, env: env)

        case .markRead:
            guard let notification = model.selected, !notification.read, !model.marking.contains(notification.id) else { return .none }
            model.marking.insert(notification.id)
            let client = env.client, id = notification.id
            return .run { send in
                do { send(.marked(id, .success(try await client.markNotificationRead(id: id)))) } catch { send(.marked(id, .failure(error))) }
            }
        case .marked(let id, .success(let notification)):
            model.marking.remove(id)
            model.replace(NotificationDTO.sanitizedForTerminal(notification))
            return checkCount(&model, env: env)
        case .marked(let id, .failure(let error)):
            model.marking.remove(id)
            let sentence = "Not marked read: " + ErrorText.sentence(for: error)
            return .run { send in
                send(.toast(sentence, .error))
                send(.failed(error))
            }

        case .markAllRead:
            guard !model.isMarkingAll, model.unreadCount != 0 || model.page.items.contains(where: { !$0.read }) else { return .none }
            model.isMarkingAll = true
            let client = env.client
            return .run { send in
                do {
                    try await client.markAllNotificationsRead()
                    send(.allMarked(.success(())))
                } catch {
                    send(.allMarked(.failure(error)))
                }
            }
        case .allMarked(.success):
            model.isMarkingAll = false
            for index in model.page.items.indices { model.page.items[index].read = true }
            model.unreadCount = 0
            let effect = checkCount(&model, env: env)
            return .batch([effect, .run { send in send(.toast("Every notification is marked read.", .success)) }])
        case .allMarked(.failure(let error)):
            model.isMarkingAll = false
            let sentence = "Not marked read: " + ErrorText.sentence(for: error)
            return .run { send in
                send(.toast(sentence, .error))
                send(.failed(error))
            }

        case .checkCount:
            return checkCount(&model, env: env)
        case .counted(let generation, .success(let count)):
            guard generation == model.countGeneration else { return .none }
            model.unreadCount = count
            return .none
        case .counted(_, .failure(let error)):
            // A background check stays quiet (the header keeps its last number) unless the
            // session is gone, which the app acts on.
            guard ErrorText.isSessionExpired(error) else { return .none }
            return .run { send in send(.failed(error)) }

        case .failed, .toast:
            return .none  // the app has shown or handled them
        }
    }

    static func load(_ model: inout NotificationsModel, env: TUIEnvironment) -> Effect<NotificationsAction> {
        let generation = model.page.beginReload()
        let client = env.client
        return .run { send in
            do {
                send(.loaded(cursor: nil, generation: generation, .success(try await client.notifications(limit: NotificationsModel.pageSize))))
            } catch {
                send(.loaded(cursor: nil, generation: generation, .failure(error)))
            }
        }
    }

    /// Infinite scrolling: the next page when the selection nears the end.
    static func loadMoreIfNeeded(_ model: inout NotificationsModel, env: TUIEnvironment) -> Effect<NotificationsAction> {
        guard model.page.hasMore, model.list.isNearEnd(threshold: 10), let cursor = model.page.beginLoadMore() else { return .none }
        let generation = model.page.generation
        let client = env.client
        return .run { send in
            do {
                send(.loaded(cursor: cursor, generation: generation, .success(try await client.notifications(cursor: cursor, limit: NotificationsModel.pageSize))))
            } catch {
                send(.loaded(cursor: cursor, generation: generation, .failure(error)))
            }
        }
    }

    /// One notification is enough: the page carries the unread count of all of them.
    static func checkCount(_ model: inout NotificationsModel, env: TUIEnvironment) -> Effect<NotificationsAction> {
        model.nextCountCheck = env.now() + NotificationsModel.countInterval
        model.countGeneration += 1
        let client = env.client, generation = model.countGeneration
        return .run { send in
            do {
                send(.counted(generation: generation, .success(try await client.notifications(limit: 1).unreadCount)))
            } catch {
                send(.counted(generation: generation, .failure(error)))
            }
        }
    }

    static func commands(_ model: NotificationsModel) -> [Command<NotificationsAction>] {
        var commands: [Command<NotificationsAction>] = []
        if let selected = model.selected, !selected.read {
            commands += [
                Command("open", "Mark the selected notification read", .markRead),
                Command("mark-read", "Mark the selected notification read", .markRead, footer: "mark read"),
            ]
        }
        if model.unreadCount != 0 || model.page.items.contains(where: { !$0.read }) {
            commands.append(Command("mark-all-read", "Mark every notification read", .markAllRead, footer: "mark all read"))
        }
        commands.append(Command("refresh", "Reload the notifications", .refresh))
        return commands
    }
}
