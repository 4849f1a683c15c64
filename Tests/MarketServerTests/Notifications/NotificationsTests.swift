import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

/// The in-app feed on SQLite and PostgreSQL: entries written by the service (as jobs do),
/// listed newest first with the unread count, marked read one by one or all at once, an
/// idempotent create, the event on the bus, and no user seeing another's entries.
@Suite("Notifications")
struct NotificationsTests {
    @Test("feed: newest first, paging, unread filter and count, mark read (first time kept), read-all", arguments: TestDatabase.enabled)
    func feed(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let alice = try await client.buyer("alice")
            let bob = try await client.buyer("bob")
            var ids: [NotificationID] = []
            for n in 1...5 {
                app.tick()
                let model = try await app.notify(alice.user.id, title: "Entry \(n)")
                ids.append(NotificationID(rawValue: try #require(model?.id))!)
            }
            _ = try await app.notify(bob.user.id, title: "Bob's")

            let first = try await client.notifications(token: alice.token, query: "?limit=2")
            #expect(first.items.map(\.title) == ["Entry 5", "Entry 4"])
            #expect(first.unreadCount == 5)
            let cursor = try #require(first.nextCursor)
            let second = try await client.notifications(token: alice.token, query: "?limit=10&cursor=\(cursor)")
            #expect(second.items.map(\.title) == ["Entry 3", "Entry 2", "Entry 1"])
            #expect(second.nextCursor == nil)

            let read = try await client.request(.post, "/api/v1/notifications/\(ids[0])/read", token: alice.token)
            #expect(read.status == .ok)
            let entry = try read.decode(NotificationDTO.self)
            #expect(entry.read && entry.readAt != nil)
            app.tick()
            let again = try await client.request(.post, "/api/v1/notifications/\(ids[0])/read", token: alice.token).decode(NotificationDTO.self)
            #expect(again.readAt == entry.readAt)

            let unread = try await client.notifications(token: alice.token, query: "?unread=true")
            #expect(unread.items.count == 4 && unread.unreadCount == 4 && unread.items.allSatisfy { !$0.read })
            #expect(try await client.request(.get, "/api/v1/notifications?unread=maybe", token: alice.token).status == .badRequest)

            #expect(try await client.request(.post, "/api/v1/notifications/read-all", token: alice.token).status == .noContent)
            #expect(try await client.notifications(token: alice.token).unreadCount == 0)
            // Bob's feed is his alone, and untouched.
            let bobs = try await client.notifications(token: bob.token)
            #expect(bobs.items.map(\.title) == ["Bob's"] && bobs.unreadCount == 1)
        }
    }

    @Test("another user's entry is 404 to read or mark; bad ids are 404; no token is 401", arguments: [TestDatabase.sqlite])
    func visibility(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let alice = try await client.buyer("alice")
            let mallory = try await client.buyer("mallory")
            let id = try #require(try await app.notify(alice.user.id, title: "Private")?.id)
            let stolen = try await client.request(.post, "/api/v1/notifications/\(id)/read", token: mallory.token)
            #expect(stolen.status == .notFound)
            #expect(try stolen.errorBody.code == "not_found")
            #expect(try await client.notifications(token: alice.token).unreadCount == 1)
            #expect(try await client.notifications(token: mallory.token).items.isEmpty)
            // An empty last page still says nextCursor: null, as every list does.
            #expect(try await client.request(.get, "/api/v1/notifications", token: mallory.token).text.contains(#""nextCursor":null"#))
            #expect(try await client.request(.post, "/api/v1/notifications/ntf_nope/read", token: alice.token).status == .notFound)
            #expect(try await client.request(.post, "/api/v1/notifications/\(id)/read", token: nil).status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/notifications", token: nil).status == .unauthorized)
        }
    }

    @Test("create with an id is idempotent and publishes once; the event is scoped to the user", arguments: TestDatabase.enabled)
    func idempotentCreate(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let alice = try await client.buyer("alice")
            let service = app.environment.notifications
            let events = app.environment.events.subscribe()
            let id = NotificationID.generate()
            let draft = NotificationDraft(userID: alice.user.id, kind: .system, title: "Once", body: "Only once.", data: ["k": "v"])
            let created = try await service.create(draft, id: id, on: app.environment.database)
            let repeated = try await service.create(draft, id: id, on: app.environment.database)
            #expect(created != nil && repeated == nil)
            await service.published(try #require(created))
            var iterator = events.makeAsyncIterator()
            let event = try #require(await iterator.next())
            #expect(event.name == "notification.new" && event.entityID == id.rawValue && event.scope == "user:\(alice.user.id)")
            let feed = try await client.notifications(token: alice.token)
            #expect(feed.items.count == 1 && feed.items[0].data == ["k": "v"])
        }
    }
}

extension TestApp {
    @discardableResult
    func notify(_ user: UserID, title: String) async throws -> NotificationModel? {
        try await environment.notifications.create(
            NotificationDraft(userID: user, kind: .system, title: title, body: "Body of \(title)."), on: environment.database)
    }
}
