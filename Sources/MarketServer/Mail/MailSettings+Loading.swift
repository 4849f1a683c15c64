import Foundation
import TOML

/// `[mail]` in the config file and its `MARKETMATE_MAIL_*` / `MARKETMATE_SMTP_*`
/// environment variables; `ConfigurationLoader` calls these in its file and environment
/// layers.
extension ConfigurationLoader {
    static func applyMail(_ value: TOMLValue, to config: inout ServerConfiguration) throws(ConfigurationError) {
        guard let table = value.tableValue else { throw ConfigurationError("'mail' must be a table") }
        for (key, value) in table {
            let name = "mail.\(key)"
            func string() throws(ConfigurationError) -> String { try ConfigurationLoader.string(value, name) }
            switch key {
            case "transport": config.mail.transport = try choice(try string(), source: name, what: "mail transport")
            case "from": config.mail.from = try string()
            case "outbox_dir": config.mail.outboxDirectory = try string()
            case "smtp_url": config.mail.smtpURL = try string()
            case "smtp_username": config.mail.smtpUsername = try string()
            case "smtp_ca_file": config.mail.smtpCAFile = try string()
            case "smtp_timeout": config.mail.smtpTimeout = try int(value, name)
            case "smtp_password":
                throw ConfigurationError("'\(name)' is not read from files: set MARKETMATE_SMTP_PASSWORD in the server's environment")
            default: throw ConfigurationError("unknown key '\(name)'")
            }
        }
    }

    static func applyMailEnvironment(_ env: [String: String], to config: inout ServerConfiguration) throws(ConfigurationError) {
        func value(_ name: String) -> String? { environmentValue(env, name) }
        if let v = value("MARKETMATE_MAIL_TRANSPORT") { config.mail.transport = try choice(v, source: "MARKETMATE_MAIL_TRANSPORT", what: "mail transport") }
        if let v = value("MARKETMATE_MAIL_FROM") { config.mail.from = v }
        if let v = value("MARKETMATE_MAIL_OUTBOX_DIR") { config.mail.outboxDirectory = v }
        if let v = value("MARKETMATE_SMTP_URL") { config.mail.smtpURL = v }
        if let v = value("MARKETMATE_SMTP_USERNAME") { config.mail.smtpUsername = v }
        if let v = value("MARKETMATE_SMTP_PASSWORD") { config.mail.smtpPassword = SecretString(v) }
        if let v = value("MARKETMATE_SMTP_CA_FILE") { config.mail.smtpCAFile = v }
        if let v = try environmentInteger(env, "MARKETMATE_SMTP_TIMEOUT") { config.mail.smtpTimeout = v }
    }
}
