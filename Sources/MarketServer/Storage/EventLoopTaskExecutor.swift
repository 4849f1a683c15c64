import NIOCore

/// Runs a task's nonisolated code on one NIO event loop (SE-0417 task executor preference).
///
/// For SQLite's writer: a write transaction is a chain of statements, each one a trip from
/// the writer's event loop to its thread pool and back; awaited from the shared cooperative
/// pool, every statement also cost a wake-up of a pool thread and a wait behind whatever
/// request work was queued there, all while the transaction held the only writer. With
/// this preference the code between statements runs on the writer's event loop itself,
/// where each statement's answer arrives.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
