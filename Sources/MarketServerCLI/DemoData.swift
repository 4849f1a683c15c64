import MarketModels
import MarketServer

/// The demo accounts `marketmate demo` and `seed --demo` create. Their password is public
/// on purpose: demo data is for looking around, never for production.
public enum DemoData {
    public static let password = "demo-password-1"
    public static let accounts: [(email: String, name: String, role: Role)] = [
        ("admin@demo.marketmate.test", "Ada Admin", .admin),
        ("vendor@demo.marketmate.test", "Vera Vendor", .vendor),
        ("buyer@demo.marketmate.test", "Bo Buyer", .buyer),
    ]
    static var accountList: String { accounts.map(\.email).joined(separator: ", ") }

    public static func seed(_ env: AppEnvironment) async throws -> [UserDTO] {
        var users: [UserDTO] = []
        for account in accounts {
            users.append(try await env.auth.provisionUser(email: account.email, password: password, name: account.name, role: account.role))
        }
        return users
    }
}
