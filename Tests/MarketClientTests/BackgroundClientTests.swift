import Foundation
import MarketClient
import MarketModels
import Testing

/// Uploads, job status and the notification feed, against a server that runs its job
/// worker (so imports finish and leave a notification behind).
@Suite("Background client", .liveServer(jobs: true))
struct BackgroundClientTests {
    /// A fresh vendor with a shop of their own.
    static func vendorWithShop() async throws -> (test: TestClient, shop: ShopDTO) {
        let test = try TestClient()
        let tag = UUID().uuidString.prefix(8).lowercased()
        try await test.client.register(RegisterRequest(email: "csv-\(tag)@example.com", password: "long enough password", name: "Cee Ess", role: .vendor))
        let shop = try await test.client.createShop(CreateShopRequest(name: "CSV Corner \(tag)", description: "Imported.", currency: .usd))
        return (test, shop)
    }

    /// A CSV file in the server's throwaway directory (removed with it).
    static func csvFile(_ text: String) throws -> URL {
        let directory = URL(fileURLWithPath: TestClient.temporaryDirectory())
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("products.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Polls until the job has finished (or 20 s pass).
    static func finished(_ id: JobID, client: APIClient) async throws -> UploadJobStatusDTO {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let status = try await client.jobStatus(id: id)
            if status.state.isFinished { return status }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError("job \(id) did not finish within 20 s")
    }

    @Test("a CSV is streamed from disk as text/csv, imported in the background, and its row errors reported")
    func uploadAndFollow() async throws {
        let (vendor, shop) = try await Self.vendorWithShop()
        let file = try Self.csvFile("""
            title,price,inventory,tags
            Oat mug,12.50,4,mug|oat
            Ash bowl,18,2,bowl
            Broken,twelve,1,
            Tall vase,30.00,1,vase

            """)
        let accepted = try await vendor.client.uploadProductsCSV(shopID: shop.id, fileURL: file)
        let upload = try #require(vendor.wire.exchanges.last { $0.path == "/api/v1/uploads/products.csv" })
        #expect(upload.status == 202)
        #expect(upload.request.method == "POST")
        #expect(upload.request.url.query == "shopId=\(shop.id.rawValue)")
        #expect(upload.request.header("Content-Type") == "text/csv")
        // The file went as a file, not as bytes in memory.
        #expect(upload.request.body == nil)
        #expect(upload.request.bodyFile == file)
        #expect(upload.request.description.hasSuffix("body: file products.csv"))

        let status = try await Self.finished(accepted.jobId, client: vendor.client)
        #expect(status.id == accepted.jobId)
        #expect(status.state == .done)
        #expect(status.progress.done == status.progress.total)
        #expect(status.result?.created == 3)
        #expect(status.errors.map(\.row) == [4])
        #expect(status.errors.first?.message.contains("price") == true)
        let imported = try await vendor.client.products(ProductQuery(shopId: shop.id, limit: 10)).items.map(\.title)
        #expect(Set(imported) == ["Oat mug", "Ash bowl", "Tall vase"])
    }

    @Test("a file of several megabytes goes up whole (the server reads its header and gives up at once)")
    func largeFile() async throws {
        let (vendor, shop) = try await Self.vendorWithShop()
        let row = String(repeating: "x", count: 1000) + "\n"
        let file = try Self.csvFile("name,cost\n" + String(repeating: row, count: 6000))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size > 6_000_000)
        let started = ContinuousClock.now
        let accepted = try await vendor.client.uploadProductsCSV(shopID: shop.id, fileURL: file)
        let status = try await Self.finished(accepted.jobId, client: vendor.client)
        #expect(status.state == .failed)
        #expect(status.failure?.contains("\"title\"") == true)
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("another vendor's shop is refused; a missing file never leaves the machine; a job is its uploader's")
    func refusals() async throws {
        let (owner, shop) = try await Self.vendorWithShop()
        let (other, _) = try await Self.vendorWithShop()
        let file = try Self.csvFile("title,price\nMug,1.00\n")
        await #expect {
            _ = try await other.client.uploadProductsCSV(shopID: shop.id, fileURL: file)
        } throws: { error in
            guard case .server(let failure) = error as? ClientError else { return false }
            return failure.status == 403 || failure.status == 404
        }

        let missing = file.deletingLastPathComponent().appendingPathComponent("nope.csv")
        let sent = other.wire.exchanges.count
        await #expect(throws: ClientError.unreadableFile(path: missing.path)) {
            _ = try await other.client.uploadProductsCSV(shopID: shop.id, fileURL: missing)
        }
        await #expect(throws: ClientError.unreadableFile(path: file.deletingLastPathComponent().path)) {
            _ = try await other.client.uploadProductsCSV(shopID: shop.id, fileURL: file.deletingLastPathComponent())
        }
        #expect(other.wire.exchanges.count == sent)
        #expect(ClientError.unreadableFile(path: "/tmp/x.csv").userMessage.contains("/tmp/x.csv"))

        let accepted = try await owner.client.uploadProductsCSV(shopID: shop.id, fileURL: file)
        await #expect {
            _ = try await other.client.jobStatus(id: accepted.jobId)
        } throws: { ($0 as? ClientError)?.code == .notFound }
        _ = try await Self.finished(accepted.jobId, client: owner.client)
    }

    @Test("a finished import lands in the feed; marking one and marking all bring the unread count down")
    func notifications() async throws {
        let (vendor, shop) = try await Self.vendorWithShop()
        let empty = try await vendor.client.notifications()
        #expect(empty.items.isEmpty && empty.unreadCount == 0 && empty.nextCursor == nil)

        for title in ["First", "Second"] {
            let file = try Self.csvFile("title,price\n\(title) mug,3.00\n")
            let accepted = try await vendor.client.uploadProductsCSV(shopID: shop.id, fileURL: file)
            _ = try await Self.finished(accepted.jobId, client: vendor.client)
        }
        // The notification is written with the job's result, so it is there once the status says done.
        let feed = try await vendor.client.notifications(limit: 10)
        #expect(feed.unreadCount == 2)
        #expect(feed.items.count == 2)
        #expect(feed.items.allSatisfy { $0.kind == .importFinished && !$0.read && $0.data["shopId"] == shop.id.rawValue })
        #expect(feed.items[0].createdAt >= feed.items[1].createdAt)
        let url = try #require(vendor.wire.exchanges.last?.request.url)
        #expect(url.query == "limit=10")

        let first = try #require(feed.items.first)
        let marked = try await vendor.client.markNotificationRead(id: first.id)
        #expect(marked.id == first.id && marked.read && marked.readAt != nil)
        let unread = try await vendor.client.notifications(unreadOnly: true)
        #expect(unread.unreadCount == 1)
        #expect(unread.items.map(\.id) == [feed.items[1].id])
        #expect(vendor.wire.exchanges.last?.request.url.query == "unread=true")

        try await vendor.client.markAllNotificationsRead()
        let after = try await vendor.client.notifications(limit: 1)
        #expect(after.unreadCount == 0)
        #expect(after.items.count == 1 && after.nextCursor != nil)

        // Someone else's notification is not found.
        let (other, _) = try await Self.vendorWithShop()
        await #expect {
            _ = try await other.client.markNotificationRead(id: first.id)
        } throws: { ($0 as? ClientError)?.code == .notFound }
    }
}
