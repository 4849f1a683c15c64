import Foundation

extension ServerConfiguration {
    /// The `[payments]` table: which provider checkout charges through, and Stripe's
    /// endpoint. The two Stripe secrets come only from the environment.
    public struct PaymentSettings: Sendable, Equatable {
        public enum Provider: String, Sendable, CaseIterable {
            /// Built in, no network: Stripe's test payment-method ids, test-mode behaviour.
            case simulated
            /// Stripe's REST API with `stripeAPIKey`.
            case stripe
        }

        public var provider: Provider = .simulated
        /// `https://api.stripe.com`; http only to this machine (stripe-mock, tests), so the
        /// secret key never crosses a network in clear.
        public var stripeAPIBase: String = StripePaymentProvider.defaultAPIBase
        /// Seconds for one Stripe API call.
        public var stripeTimeout: Int = 30
        /// Only from `MARKETMATE_STRIPE_API_KEY`: a key in a config file ends up in backups
        /// and version control.
        public var stripeAPIKey: SecretString?
        /// Only from `MARKETMATE_STRIPE_WEBHOOK_SECRET`: verifies `Stripe-Signature` on
        /// `POST /webhooks/stripe`; without it every event is refused.
        public var stripeWebhookSecret: SecretString?

        public init() {}

        static let timeoutRange = 1...120
        static let missingKey = "payments.provider \"stripe\" needs MARKETMATE_STRIPE_API_KEY in the server's environment"

        func validationProblems() -> [String] {
            var problems: [String] = []
            if !Self.timeoutRange.contains(stripeTimeout) {
                problems.append("payments.stripe_timeout must be between \(Self.timeoutRange.lowerBound) and \(Self.timeoutRange.upperBound) seconds")
            }
            if let problem = Self.apiBaseProblem(stripeAPIBase) { problems.append(problem) }
            if provider == .stripe && stripeAPIKey == nil {
                problems.append(Self.missingKey)
            }
            return problems
        }

        /// Why `url` cannot be Stripe's API base, or nil.
        static func apiBaseProblem(_ url: String) -> String? {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
                  let host = components.host, !host.isEmpty else {
                return "payments.stripe_api_base must be a URL such as https://api.stripe.com"
            }
            if components.user != nil || components.password != nil || components.query != nil || components.fragment != nil {
                return "payments.stripe_api_base must not hold credentials, a query or a fragment"
            }
            let loopback = ["127.0.0.1", "::1", "localhost"].contains(host.lowercased())
            guard scheme == "https" || (scheme == "http" && loopback) else {
                return "payments.stripe_api_base must use https (http only to 127.0.0.1, ::1 or localhost)"
            }
            return nil
        }
    }
}

extension ServerConfiguration.PaymentSettings {
    /// The provider these settings describe. Make it once and share it: the simulated
    /// provider remembers intents and idempotency keys in memory.
    public func makeProvider() throws(ConfigurationError) -> any PaymentProvider {
        switch provider {
        case .simulated:
            return SimulatedPaymentProvider()
        case .stripe:
            guard let key = stripeAPIKey else {
                throw ConfigurationError(Self.missingKey)
            }
            return StripePaymentProvider(configuration: .init(apiBase: stripeAPIBase, apiKey: key, timeout: TimeInterval(stripeTimeout)))
        }
    }
}
