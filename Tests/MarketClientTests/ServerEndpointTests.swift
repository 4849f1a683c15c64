import Foundation
import MarketClient
import Testing

@Suite("Server endpoint")
struct ServerEndpointTests {
    @Test("http and https URLs with a host are accepted", arguments: ["http://127.0.0.1:8080", "https://market.example", "HTTP://localhost:9000/"])
    func accepted(url: String) {
        #expect(ServerEndpoint(url) != nil)
    }

    @Test("anything else is refused", arguments: ["", "127.0.0.1:8080", "ftp://x.example", "file:///etc/passwd", "http://", "javascript:alert(1)"])
    func refused(url: String) {
        #expect(ServerEndpoint(url) == nil)
    }

    @Test("API paths hang off /api/v1")
    func apiURL() {
        #expect(ServerEndpoint.local.apiURL("users/me").absoluteString == "http://127.0.0.1:8080/api/v1/users/me")
    }
}
