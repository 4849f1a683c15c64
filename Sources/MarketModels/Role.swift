import Foundation

/// What an account may do. Buyers shop, vendors run shops (and can also buy),
/// admins moderate. Registration only ever creates buyers and vendors; admins
/// are made with `marketmate-server create-admin`.
public enum Role: String, Codable, Sendable, CaseIterable {
    case buyer
    case vendor
    case admin

    /// Roles a person may pick for themselves at registration.
    public static let selfRegistrable: [Role] = [.buyer, .vendor]
}
