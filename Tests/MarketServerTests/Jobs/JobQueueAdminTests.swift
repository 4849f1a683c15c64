import Foundation
import HummingbirdTesting
import MarketModels
import Testing
@testable import MarketServer

@Suite("JobQueue admin API")
struct JobQueueAdminTests {
    struct JobBody: Codable, Sendable { var id: String; var state: String; var attempts: Int; var lastError: String? }

    @Test("admins list dead jobs page by page and retry them; others are refused", arguments: TestDatabase.enabled)
    func deadJobs(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            let queue = app.environment.jobs
            var dead: [String] = []
            for n in 0..<3 {
                let job = try await queue.enqueue("test.count", payload: CountPayload(n: n), options: JobOptions(maxAttempts: 1), on: app.environment.database)
                let claimed = try #require(try await queue.claim(type: "test.count", limit: 1, owner: "w", lease: 60).first)
                try await queue.fail(claimed, owner: "w", error: "broken \(n)", backoff: .init())
                dead.append(job.id)
            }
            let waiting = try await queue.enqueue("test.count", payload: CountPayload(n: 9), on: app.environment.database)

            let buyer = try await client.register("jobs-buyer@example.com")
            _ = try await app.auth.provisionUser(email: "jobs-root@example.com", password: "admin password", name: "Root", role: .admin)
            let admin = try await client.login("jobs-root@example.com", password: "admin password").accessToken
            #expect(try await client.request(.get, "/api/v1/admin/jobs").status == .unauthorized)
            #expect(try await client.request(.get, "/api/v1/admin/jobs", token: buyer.accessToken).status == .forbidden)

            let first = try await client.request(.get, "/api/v1/admin/jobs?limit=2", token: admin).decode(ListPage<JobBody>.self)
            let cursor = try #require(first.nextCursor)
            let rest = try await client.request(.get, "/api/v1/admin/jobs?limit=2&cursor=\(cursor)", token: admin).decode(ListPage<JobBody>.self)
            // IDs order the list; under a frozen test clock they need not follow creation.
            #expect((first.items + rest.items).map(\.id) == dead.sorted() && rest.nextCursor == nil)
            #expect((first.items + rest.items).first { $0.id == dead[0] }?.lastError == "broken 0")
            // By type: registering the buyer queued its verification mail too.
            #expect(try await client.request(.get, "/api/v1/admin/jobs?state=pending&type=test.count", token: admin).decode(ListPage<JobBody>.self).items.map(\.id) == [waiting.id])
            #expect(try await client.request(.get, "/api/v1/admin/jobs?state=zombie", token: admin).status == .badRequest)

            let retried = try await client.request(.post, "/api/v1/admin/jobs/\(dead[0])/retry", token: admin)
            #expect(retried.status == .ok)
            let body = try retried.decode(JobBody.self)
            #expect(body.state == "pending" && body.attempts == 0)
            #expect(try await client.request(.post, "/api/v1/admin/jobs/\(waiting.id)/retry", token: admin).status == .conflict)
            #expect(try await client.request(.post, "/api/v1/admin/jobs/job_nope/retry", token: admin).status == .notFound)
            #expect(try await client.request(.post, "/api/v1/admin/jobs/\(dead[1])/retry", token: buyer.accessToken).status == .forbidden)
        }
    }

    struct PayloadBody: Codable, Sendable { var id: String; var type: String; var payload: String }

    @Test("mail jobs carry one-time codes: the admin API shows their payload redacted, other payloads as stored", arguments: [TestDatabase.sqlite])
    func redactedPayloads(database: TestDatabase) async throws {
        try await TestApp.run(database) { app, client in
            _ = try await client.register("codes@example.com")   // queues a verification mail
            let admin = try await app.admin(client)
            let mail = try await client.request(.get, "/api/v1/admin/jobs?state=pending&type=mail.send", token: admin.token)
                .decode(ListPage<PayloadBody>.self).items
            #expect(mail.count == 1)
            #expect(mail.allSatisfy { $0.payload == JobsAdminController.JobDTO.redacted })
            #expect(try await client.request(.get, "/api/v1/admin/jobs?state=pending&type=mail.send", token: admin.token).text.contains("ev_") == false)
            _ = try await app.environment.jobs.enqueue("test.count", payload: CountPayload(n: 7), on: app.environment.database)
            let plain = try await client.request(.get, "/api/v1/admin/jobs?state=pending&type=test.count", token: admin.token)
                .decode(ListPage<PayloadBody>.self).items
            #expect(plain.map(\.payload) == [#"{"n":7}"#])
        }
    }
}
