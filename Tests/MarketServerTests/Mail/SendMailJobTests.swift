import FluentKit
import Foundation
import HTTPTypes
import HummingbirdTesting
import MarketModels
import ServiceLifecycle
import Testing
@testable import MarketServer

/// Mail leaves only through `mail.send` jobs enqueued in the caller's transaction.
@Suite("Mail jobs")
struct SendMailJobTests {
    struct Rollback: Error {}

    static let request = MailRequest.passwordReset(to: "a@example.com", name: "Alice", token: "pr_code", link: nil)

    @Test("rolled back: no job, no mail; committed: one .eml once a worker runs, its Message-ID the job's", arguments: TestDatabase.enabled)
    func transactional(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, _ in
            let jobs = app.environment.jobs
            let db = app.environment.database
            await #expect(throws: Rollback.self) {
                try await db.transaction { tx in
                    try await jobs.enqueue(SendMailJobHandler.self, payload: Self.request, on: tx)
                    throw Rollback()
                }
            }
            #expect(try await jobs.runDueJobs(type: SendMailJobHandler.type).isEmpty)
            #expect(try app.outboxFiles().isEmpty)

            let job = try await db.transaction { tx in
                try await jobs.enqueue(SendMailJobHandler.self, payload: Self.request, on: tx)
            }
            // A real worker, as `serve` runs it, delivers it.
            var configuration = JobWorker.Configuration()
            configuration.pollInterval = .milliseconds(50)
            configuration.types = [SendMailJobHandler.type]
            let group = ServiceGroup(services: [JobWorker(environment: app.environment, configuration: configuration)], logger: app.environment.logger)
            let worker = Task { try await group.run() }
            // Stopped and awaited on every path: a worker outliving the test would use a
            // closed database.
            var failure: (any Error)?
            do {
                try await eventually("the mail job completes") { try await jobs.job(id: job.id)?.state == .completed }
            } catch {
                failure = error
            }
            await group.triggerGracefulShutdown()
            try await worker.value
            if let failure { throw failure }

            let files = try app.outboxFiles()
            #expect(files.count == 1)
            let mail = try ParsedMail(#require(files.first))
            #expect(mail.header("Message-ID") == "<\(job.id)@marketmate.invalid>")
            #expect(mail.subject == "Reset your MarketMate password")
            #expect(try mail.parts().count == 2)
            #expect(try mail.parts()[0].text.contains("    pr_code\n"))
        }
    }

    @Test("a temporary failure retries with backoff and the same Message-ID; a permanent one is dead at once", arguments: TestDatabase.enabled)
    func retries(database: TestDatabase) async throws {
        let mailer = RecordingMailer(failures: [
            MailDeliveryError(permanent: false, replyCode: 451, "451 try later"),
            MailDeliveryError(permanent: true, replyCode: 550, "550 no such user"),
        ])
        try await TestApp.run(database, overrides: { $0.mailer = mailer }) { app, _ in
            let jobs = app.environment.jobs
            let first = try await jobs.enqueue(SendMailJobHandler.self, payload: Self.request, on: app.environment.database)
            try await jobs.runDueJobs(type: SendMailJobHandler.type)
            let waiting = try #require(try await jobs.job(id: first.id))
            #expect(waiting.state == .failed && waiting.attempts == 1)
            #expect(waiting.runAt > app.clock.now(), "the retry waits for its backoff")
            #expect(try await jobs.runDueJobs(type: SendMailJobHandler.type).isEmpty, "not due yet")

            app.clock.advance(by: 3600)
            try await jobs.runDueJobs(type: SendMailJobHandler.type)
            let dead = try #require(try await jobs.job(id: first.id))
            #expect(dead.state == .dead && dead.attempts == 2)
            #expect(dead.lastError?.contains("550") == true)
            // Both attempts carried the job ID as Message-ID: duplicates are recognisable.
            #expect(mailer.attempts.map(\.messageID) == [first.id, first.id])

            let second = try await jobs.enqueue(SendMailJobHandler.self, payload: Self.request, on: app.environment.database)
            try await jobs.runDueJobs(type: SendMailJobHandler.type)
            #expect(try await jobs.job(id: second.id)?.state == .completed)
            #expect(mailer.attempts.count == 3)
        }
    }

    @Test("a payload no template can render is dead without a send", arguments: TestDatabase.enabled)
    func unrenderable(database: TestDatabase) async throws {
        let mailer = RecordingMailer()
        try await TestApp.run(database, overrides: { $0.mailer = mailer }) { app, _ in
            let jobs = app.environment.jobs
            var request = Self.request
            request.template = "no.such.template"
            let job = try await jobs.enqueue(SendMailJobHandler.self, payload: request, on: app.environment.database)
            try await jobs.runDueJobs(type: SendMailJobHandler.type)
            #expect(try await jobs.job(id: job.id)?.state == .dead)
            #expect(mailer.attempts.isEmpty)
        }
    }

    @Test("register and forgot-password enqueue their mail with the token write", arguments: TestDatabase.enabled)
    func authEnqueues(database: TestDatabase) async throws {
        let mailer = RecordingMailer()
        try await TestApp.run(database, configure: { $0.publicURL = "https://shop.example" }, overrides: { $0.mailer = mailer }) { app, client in
            _ = try await client.register("queue@example.com", name: "Quinn")
            #expect(mailer.attempts.isEmpty, "nothing is sent outside the job")
            let pending = try await app.environment.jobs.jobs(in: .pending, type: SendMailJobHandler.type)
            #expect(pending.count == 1)
            try await app.deliverMail()
            let verification = try #require(mailer.attempts.first)
            #expect(verification.to == "queue@example.com" && verification.toName == "Quinn")
            #expect(verification.messageID == pending[0].id)
            let token = try #require(verification.textBody.firstMatch(of: /ev_[A-Za-z0-9_-]{43}/).map { String($0.output) })
            #expect(verification.textBody.contains("Or open https://shop.example/verify-email?token=\(token)\n\n"))

            #expect(try await client.request(.post, "/api/v1/auth/forgot-password", json: ForgotPasswordRequest(email: "queue@example.com")).status == .accepted)
            try await app.deliverMail()
            #expect(mailer.attempts.count == 2)
            #expect(mailer.attempts[1].subject == "Reset your MarketMate password")
        }
    }
}
