import Foundation
import TOML

extension ServerConfiguration {
    /// The `[commerce]` table: tax rates by destination, the shipping rates of shops that set
    /// none, and how long idempotency keys are kept.
    public struct CommerceSettings: Sendable, Equatable {
        /// Basis points (725 = 7.25 %) for destinations without an entry in `taxRates`.
        public var defaultTaxBasisPoints: Int64 = 0
        /// "DE" (a country) or "US-CA" (a country and region) → basis points. The most
        /// specific entry wins: region, then country, then the default.
        public var taxRates: [String: Int64] = [:]
        /// Minor units of the shop's currency, for shops without their own options.
        public var standardShipping: Int64 = 499
        public var expressShipping: Int64 = 1499
        /// Hours a finished idempotency key is kept (the contract asks for at least 24).
        public var idempotencyRetentionHours: Int = 48

        public init() {}

        /// The rate for a destination (nil address: the default).
        public func taxBasisPoints(country: String?, region: String?) -> Int64 {
            if let country, let region, let rate = taxRates["\(country)-\(region.uppercased())"] { return rate }
            if let country, let rate = taxRates[country] { return rate }
            return defaultTaxBasisPoints
        }

        func validationProblems() -> [String] {
            var problems: [String] = []
            for (key, rate) in taxRates.sorted(by: { $0.key < $1.key }) {
                if key.range(of: #"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"#, options: .regularExpression) == nil {
                    problems.append("commerce.tax_rates: '\(key)' must be a country code (DE) or country-region (US-CA)")
                }
                if !(0...10_000).contains(rate) { problems.append("commerce.tax_rates.\(key) must be 0 to 10000 basis points") }
            }
            if !(0...10_000).contains(defaultTaxBasisPoints) { problems.append("commerce.default_tax_bp must be 0 to 10000 basis points") }
            if standardShipping < 0 || expressShipping < 0 { problems.append("commerce shipping rates cannot be negative") }
            if idempotencyRetentionHours < 24 { problems.append("commerce.idempotency_retention_hours must be at least 24") }
            return problems
        }
    }
}

extension ConfigurationLoader {
    static func applyCommerce(_ value: TOMLValue, to config: inout ServerConfiguration) throws(ConfigurationError) {
        guard let table = value.tableValue else { throw ConfigurationError("'commerce' must be a table") }
        func int(_ value: TOMLValue, _ name: String) throws(ConfigurationError) -> Int64 {
            guard let i = value.intValue else { throw ConfigurationError("'\(name)' must be an integer") }
            return Int64(i)
        }
        for (key, value) in table {
            let name = "commerce.\(key)"
            switch key {
            case "default_tax_bp": config.commerce.defaultTaxBasisPoints = try int(value, name)
            case "standard_shipping": config.commerce.standardShipping = try int(value, name)
            case "express_shipping": config.commerce.expressShipping = try int(value, name)
            case "idempotency_retention_hours": config.commerce.idempotencyRetentionHours = Int(try int(value, name))
            case "tax_rates":
                guard let rates = value.tableValue else { throw ConfigurationError("'\(name)' must be a table") }
                for (destination, rate) in rates { config.commerce.taxRates[destination] = try int(rate, "\(name).\(destination)") }
            default: throw ConfigurationError("unknown key '\(name)'")
            }
        }
    }

    static func applyCommerceEnvironment(_ env: [String: String], to config: inout ServerConfiguration) throws(ConfigurationError) {
        if let raw = env["MARKETMATE_DEFAULT_TAX_BP"], !raw.isEmpty {
            guard let v = Int64(raw) else { throw ConfigurationError("MARKETMATE_DEFAULT_TAX_BP must be an integer, got '\(raw)'") }
            config.commerce.defaultTaxBasisPoints = v
        }
    }
}
