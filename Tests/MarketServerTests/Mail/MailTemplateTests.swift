import Foundation
import Testing
@testable import MarketServer

@Suite("Mail templates")
struct MailTemplateTests {
    static let token = "pr_" + String(repeating: "A", count: 43)

    @Test("verification mail: the text AuthService always sent, code on its own line, link when known")
    func verification() throws {
        let withLink = try MailTemplates.render(.emailVerification(
            to: "a@example.com", name: "Alice", token: "ev_CODE", link: "https://shop.example/verify-email?token=ev_CODE"))
        #expect(withLink.subject == "Confirm your MarketMate email address")
        #expect(withLink.to == "a@example.com" && withLink.toName == "Alice")
        #expect(withLink.textBody == """
            Hello Alice,

            Welcome to MarketMate. Confirm your email address with this code:

                ev_CODE

            Or open https://shop.example/verify-email?token=ev_CODE

            The code is valid for 48 hours. If you did not sign up, ignore this mail.
            """)
        let html = try #require(withLink.htmlBody)
        #expect(html.contains(">ev_CODE</p>"))
        #expect(html.contains("href=\"https://shop.example/verify-email?token=ev_CODE\""))

        let noLink = try MailTemplates.render(.emailVerification(to: "a@example.com", name: "Alice", token: "ev_CODE", link: nil))
        #expect(noLink.textBody.contains("    ev_CODE\n\nThe code is valid for 48 hours."))
        #expect(!(noLink.htmlBody ?? "").contains("href="))
    }

    @Test("reset mail: the text AuthService always sent")
    func reset() throws {
        let mail = try MailTemplates.render(.passwordReset(to: "a@example.com", name: "Bob", token: Self.token, link: nil), messageID: "job_9")
        #expect(mail.subject == "Reset your MarketMate password")
        #expect(mail.messageID == "job_9")
        #expect(mail.textBody == """
            Hello Bob,

            Someone asked to reset the password of your MarketMate account. Use this code:

                \(Self.token)

            The code works once, within 20 minutes. If it was not you, ignore this mail; your password stays as it is.
            """)
    }

    @Test("values are HTML-escaped, and only http(s) links become links")
    func escaping() throws {
        let evil = "<script>alert(\"x\")</script> & 'Co'"
        let mail = try MailTemplates.render(.passwordReset(to: "a@example.com", name: evil, token: "pr_<b>", link: "javascript:alert(1)"))
        let html = try #require(mail.htmlBody)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;"))
        #expect(html.contains("pr_&lt;b&gt;"))
        #expect(!html.contains("javascript:"))
        // The plain text is text: nothing to escape there.
        #expect(mail.textBody.hasPrefix("Hello \(evil),"))

        let quoted = try MailTemplates.render(.passwordReset(to: "a@example.com", name: "A", token: "t", link: "https://x.example/?a=\"><script>"))
        #expect(quoted.htmlBody?.contains("href=\"https://x.example/?a=&quot;&gt;&lt;script&gt;\"") == true)
    }

    @Test("order update when shipped: status, carrier and tracking number in both bodies")
    func orderShipped() throws {
        let mail = try MailTemplates.render(.orderUpdate(
            to: "a@example.com", name: "Cleo", orderID: "ord_01J", status: "shipped",
            carrier: "DHL & Co", trackingNumber: "JD0123<4>", link: "https://shop.example/orders/ord_01J"))
        #expect(mail.subject == "Your MarketMate order ord_01J has shipped")
        #expect(mail.textBody.contains("Your order ord_01J is on its way."))
        #expect(mail.textBody.contains("Order: ord_01J\nStatus: shipped\nCarrier: DHL & Co\nTracking number: JD0123<4>"))
        #expect(mail.textBody.contains("See the order at https://shop.example/orders/ord_01J"))
        let html = try #require(mail.htmlBody)
        #expect(html.contains("DHL &amp; Co") && html.contains("JD0123&lt;4&gt;"))
    }

    @Test("order update before shipping leaves tracking out; subjects stay on one line")
    func orderOtherStates() throws {
        let paid = try MailTemplates.render(.orderUpdate(to: "a@example.com", name: "C", orderID: "ord_1", status: "paid", carrier: "DHL", trackingNumber: "T1"))
        #expect(paid.subject == "Your MarketMate order ord_1 is paid")
        #expect(!paid.textBody.contains("T1") && !(paid.htmlBody ?? "").contains("T1"))
        for status in ["pending", "complete", "cancelled", "refunded", "on_hold"] {
            let mail = try MailTemplates.render(.orderUpdate(to: "a@example.com", name: "C", orderID: "ord_1", status: status))
            #expect(mail.subject.hasPrefix("Your MarketMate order ord_1 "))
        }
        let sneaky = try MailTemplates.render(.orderUpdate(to: "a@example.com", name: "C", orderID: "ord_1\r\nBcc: x@example.com", status: "odd\nstatus"))
        #expect(!sneaky.subject.contains("\r") && !sneaky.subject.contains("\n"))
    }

    @Test("unknown templates and missing values fail for good", arguments: [
        MailRequest(template: .passwordReset, to: "a@example.com", toName: "A", values: ["name": "A"]),
        MailRequest(template: .emailVerification, to: "a@example.com", toName: "A", values: ["name": "A", "token": "  "]),
        MailRequest(template: .orderUpdate, to: "a@example.com", toName: "A", values: ["name": "A", "order_id": "ord_1"]),
    ])
    func missingValues(request: MailRequest) {
        let error = #expect(throws: MailDeliveryError.self) { try MailTemplates.render(request) }
        #expect(error?.isPermanent == true)
        var unknown = request
        unknown.template = "marketing.blast"
        #expect(throws: MailDeliveryError.self) { try MailTemplates.render(unknown) }
    }
}
