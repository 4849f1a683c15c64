import Foundation
import TOML

/// `[payments]` in the config file and its `MARKETMATE_PAYMENTS_*` / `MARKETMATE_STRIPE_*`
/// environment variables; `ConfigurationLoader` calls these in its file and environment
/// layers.
extension ConfigurationLoader {
    static func applyPayments(_ value: TOMLValue, to config: inout ServerConfiguration) throws(ConfigurationError) {
        guard let table = value.tableValue else { throw ConfigurationError("'payments' must be a table") }
        for (key, value) in table {
            let name = "payments.\(key)"
            switch key {
            case "provider": config.payments.provider = try choice(try string(value, name), source: name, what: "payment provider")
            case "stripe_api_base": config.payments.stripeAPIBase = try string(value, name)
            case "stripe_timeout": config.payments.stripeTimeout = try int(value, name)
            case "stripe_api_key", "stripe_webhook_secret":
                throw ConfigurationError("'\(name)' is not read from files: set MARKETMATE_\(key.uppercased()) in the server's environment")
            default: throw ConfigurationError("unknown key '\(name)'")
            }
        }
    }

    static func applyPaymentsEnvironment(_ env: [String: String], to config: inout ServerConfiguration) throws(ConfigurationError) {
        func value(_ name: String) -> String? { environmentValue(env, name) }
        if let v = value("MARKETMATE_PAYMENTS_PROVIDER") {
            config.payments.provider = try choice(v, source: "MARKETMATE_PAYMENTS_PROVIDER", what: "payment provider")
        }
        if let v = value("MARKETMATE_STRIPE_API_BASE") { config.payments.stripeAPIBase = v }
        if let v = try environmentInteger(env, "MARKETMATE_STRIPE_TIMEOUT") { config.payments.stripeTimeout = v }
        if let v = value("MARKETMATE_STRIPE_API_KEY") { config.payments.stripeAPIKey = SecretString(v) }
        if let v = value("MARKETMATE_STRIPE_WEBHOOK_SECRET") { config.payments.stripeWebhookSecret = SecretString(v) }
    }
}
