import Foundation
import NIOConcurrencyHelpers

/// A fact that happened, published after its transaction committed.
public struct DomainEvent: Sendable, Equatable {
    public var name: String          // "user.registered", "order.status.updated", ...
    public var entity: String
    public var entityID: String
    public var scope: String?        // who may see it (`user:usr_…`), for realtime rooms
    public var attributes: [String: String]
    public var occurredAt: Date

    public init(name: String, entity: String, entityID: String, scope: String? = nil, attributes: [String: String] = [:], occurredAt: Date) {
        self.name = name
        self.entity = entity
        self.entityID = entityID
        self.scope = scope
        self.attributes = attributes
        self.occurredAt = occurredAt
    }
}

/// One interface for domain events: in-process now, PostgreSQL LISTEN/NOTIFY when several
/// servers share a database.
public protocol EventBus: Sendable {
    func publish(_ event: DomainEvent) async
    /// A stream of every event published after the call. Dropping the stream unsubscribes.
    func subscribe() -> AsyncStream<DomainEvent>
}

/// Fan-out to in-process subscribers. A slow subscriber loses its oldest events past a
/// bounded buffer rather than growing memory without end.
public final class InProcessEventBus: EventBus {
    private let subscribers = NIOLockedValueBox<[UUID: AsyncStream<DomainEvent>.Continuation]>([:])
    private let bufferSize: Int

    public init(bufferSize: Int = 1024) { self.bufferSize = bufferSize }

    public func publish(_ event: DomainEvent) async {
        let targets = subscribers.withLockedValue { Array($0.values) }
        for continuation in targets { continuation.yield(event) }
    }

    public func subscribe() -> AsyncStream<DomainEvent> {
        let (stream, continuation) = AsyncStream<DomainEvent>.makeStream(bufferingPolicy: .bufferingNewest(bufferSize))
        let id = UUID()
        subscribers.withLockedValue { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in
            self?.subscribers.withLockedValue { _ = $0.removeValue(forKey: id) }
        }
        return stream
    }

    public var subscriberCount: Int { subscribers.withLockedValue { $0.count } }
}
