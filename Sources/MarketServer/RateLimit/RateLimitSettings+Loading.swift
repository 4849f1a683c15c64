import TOML

/// `[rate_limits]` in the config file and `MARKETMATE_RATE_LIMITS*` in the environment;
/// `ConfigurationLoader` calls these in its file and environment layers.
///
///     [rate_limits]
///     enabled = true
///     default = "100/1m"        # per API key, else user, else client IP
///     auth = "30/1m"            # /auth/* per client IP
///     auth_account = "10/1m"    # login, register, forgot-password per email address
///     max_keys = 100000
///     [rate_limits.groups]
///     checkout = "20/1m"        # a route group with its own quota
extension ConfigurationLoader {
    static func applyRateLimits(_ value: TOMLValue, to config: inout ServerConfiguration) throws(ConfigurationError) {
        guard let table = value.tableValue else { throw ConfigurationError("'rate_limits' must be a table") }
        for (key, value) in table {
            let name = "rate_limits.\(key)"
            switch key {
            case "enabled":
                guard let on = value.boolValue else { throw ConfigurationError("'\(name)' must be true or false") }
                config.rateLimits.enabled = on
            case "default": config.rateLimits.defaultQuota = try quota(value, name)
            case "auth": config.rateLimits.auth = try quota(value, name)
            case "auth_account": config.rateLimits.authAccount = try quota(value, name)
            case "max_keys": config.rateLimits.maxKeys = try int(value, name)
            case "groups":
                guard let groups = value.tableValue else { throw ConfigurationError("'\(name)' must be a table") }
                for (group, quota) in groups {
                    config.rateLimits.groups[group] = try self.quota(quota, "\(name).\(group)")
                }
            default: throw ConfigurationError("unknown key '\(name)'")
            }
        }
    }

    static func applyRateLimitsEnvironment(_ env: [String: String], to config: inout ServerConfiguration) throws(ConfigurationError) {
        if let v = environmentValue(env, "MARKETMATE_RATE_LIMITS") {
            switch v.lowercased() {
            case "off", "false", "0": config.rateLimits.enabled = false
            case "on", "true", "1": config.rateLimits.enabled = true
            default: throw ConfigurationError("MARKETMATE_RATE_LIMITS must be on or off, got '\(v)'")
            }
        }
        if let v = environmentValue(env, "MARKETMATE_RATE_LIMIT_DEFAULT") { config.rateLimits.defaultQuota = try parsedQuota(v, "MARKETMATE_RATE_LIMIT_DEFAULT") }
        if let v = environmentValue(env, "MARKETMATE_RATE_LIMIT_AUTH") { config.rateLimits.auth = try parsedQuota(v, "MARKETMATE_RATE_LIMIT_AUTH") }
    }

    private static func quota(_ value: TOMLValue, _ name: String) throws(ConfigurationError) -> RateLimitSettings.Quota {
        try parsedQuota(try string(value, name), name)
    }

    private static func parsedQuota(_ text: String, _ name: String) throws(ConfigurationError) -> RateLimitSettings.Quota {
        guard let quota = RateLimitSettings.Quota(parsing: text) else {
            throw ConfigurationError("\(name): '\(text)' is not a quota like \"100/1m\" (requests per s, m or h)")
        }
        return quota
    }
}
