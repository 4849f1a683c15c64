import Foundation
import Testing
@testable import MarketServer

@Suite("Payment configuration")
struct PaymentSettingsTests {
    @Test("defaults: the simulated provider, Stripe's real endpoint, no secrets")
    func defaults() throws {
        let config = try ConfigurationLoader.load(environment: ["HOME": "/home/u"])
        #expect(config.payments.provider == .simulated)
        #expect(config.payments.stripeAPIBase == "https://api.stripe.com")
        #expect(config.payments.stripeTimeout == 30)
        #expect(config.payments.stripeAPIKey == nil && config.payments.stripeWebhookSecret == nil)
        let provider = try config.payments.makeProvider()
        #expect(provider is SimulatedPaymentProvider && provider.name == "simulated")
    }

    @Test("[payments] in the file, MARKETMATE_* over it; the secrets only from the environment and never shown")
    func fileAndEnvironment() throws {
        let file = """
            [payments]
            provider = "stripe"
            stripe_api_base = "https://stripe.internal.example"
            stripe_timeout = 20
            """
        let fileOnly = try ConfigFiles.load(file, environment: ["MARKETMATE_STRIPE_API_KEY": "sk_test_x"])
        #expect(fileOnly.payments.stripeAPIBase == "https://stripe.internal.example" && fileOnly.payments.stripeTimeout == 20)
        let config = try ConfigFiles.load(file, environment: [
            "MARKETMATE_STRIPE_API_KEY": "sk_test_very_secret_key", "MARKETMATE_STRIPE_WEBHOOK_SECRET": "whsec_very_secret_hook",
            "MARKETMATE_STRIPE_API_BASE": "http://127.0.0.1:12111", "MARKETMATE_STRIPE_TIMEOUT": "45",
        ])
        #expect(config.payments.provider == .stripe)
        #expect(config.payments.stripeAPIBase == "http://127.0.0.1:12111")
        #expect(config.payments.stripeTimeout == 45)
        #expect(config.payments.stripeAPIKey?.value == "sk_test_very_secret_key")
        #expect(config.payments.stripeWebhookSecret?.value == "whsec_very_secret_hook")
        for shown in ["\(config)", String(reflecting: config), { var s = ""; dump(config, to: &s); return s }()] {
            #expect(!shown.contains("very_secret"))
        }
        let provider = try #require(try config.payments.makeProvider() as? StripePaymentProvider)
        #expect(provider.configuration == .init(apiBase: "http://127.0.0.1:12111", apiKey: SecretString("sk_test_very_secret_key"), timeout: 45))

        let fromEnvironment = try ConfigurationLoader.load(environment: ["HOME": "/h", "MARKETMATE_PAYMENTS_PROVIDER": "Stripe", "MARKETMATE_STRIPE_API_KEY": "sk_test_x"])
        #expect(fromEnvironment.payments.provider == .stripe)
    }

    @Test("bad [payments] settings are refused", arguments: [
        ("[payments]\nprovider = \"paypal\"\n", "unknown payment provider 'paypal'"),
        ("[payments]\nprovider = \"stripe\"\n", "needs MARKETMATE_STRIPE_API_KEY"),
        ("[payments]\nstripe_api_key = \"sk_live_x\"\n", "set MARKETMATE_STRIPE_API_KEY"),
        ("[payments]\nstripe_webhook_secret = \"whsec_x\"\n", "set MARKETMATE_STRIPE_WEBHOOK_SECRET"),
        ("[payments]\nstripe_url = \"https://x\"\n", "unknown key 'payments.stripe_url'"),
        ("[payments]\nstripe_timeout = 0\n", "payments.stripe_timeout must be between"),
        ("[payments]\nstripe_timeout = \"10\"\n", "'payments.stripe_timeout' must be an integer"),
        ("[payments]\nstripe_api_base = \"http://api.stripe.com\"\n", "must use https"),
        ("[payments]\nstripe_api_base = \"https://u:p@api.stripe.com\"\n", "must not hold credentials"),
        ("[payments]\nstripe_api_base = \"api.stripe.com\"\n", "must be a URL"),
        ("payments = 3\n", "'payments' must be a table"),
    ])
    func badValues(text: String, expected: String) throws {
        let error = try #require(ConfigFiles.error(text))
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(!error.description.contains("sk_live_x") && !error.description.contains("whsec_x"))
    }

    @Test("a bad MARKETMATE_STRIPE_TIMEOUT or provider in the environment is refused")
    func badEnvironment() {
        #expect(ConfigFiles.error("", environment: ["MARKETMATE_STRIPE_TIMEOUT": "soon"]) == ConfigurationError("MARKETMATE_STRIPE_TIMEOUT must be an integer, got 'soon'"))
        #expect(ConfigFiles.error("", environment: ["MARKETMATE_PAYMENTS_PROVIDER": "cash"])
            == ConfigurationError("MARKETMATE_PAYMENTS_PROVIDER: unknown payment provider 'cash' (simulated, stripe)"))
    }
}
