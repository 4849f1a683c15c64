import Foundation

public enum ShopStatus: String, Codable, Sendable, CaseIterable {
    case active, suspended
}

/// A vendor's shop. `slug` is unique across the marketplace and stable once chosen.
public struct ShopDTO: Codable, Hashable, Sendable {
    public var id: ShopID
    public var slug: String
    public var ownerId: UserID
    public var name: String
    public var description: String
    public var currency: Currency
    public var contactEmail: String?
    public var status: ShopStatus
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: ShopID, slug: String, ownerId: UserID, name: String, description: String, currency: Currency,
                contactEmail: String?, status: ShopStatus, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.slug = slug
        self.ownerId = ownerId
        self.name = name
        self.description = description
        self.currency = currency
        self.contactEmail = contactEmail
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var summary: ShopSummary { ShopSummary(id: id, slug: slug, name: name) }
}

/// What a product carries about its shop.
public struct ShopSummary: Codable, Hashable, Sendable {
    public var id: ShopID
    public var slug: String
    public var name: String
    public init(id: ShopID, slug: String, name: String) {
        self.id = id
        self.slug = slug
        self.name = name
    }
}

/// `POST /shops`. Without a slug one is made from the name.
public struct CreateShopRequest: Codable, Hashable, Sendable {
    public var name: String
    public var description: String
    public var currency: Currency
    public var contactEmail: String?
    public var slug: String?

    public init(name: String, description: String, currency: Currency, contactEmail: String? = nil, slug: String? = nil) {
        self.name = name
        self.description = description
        self.currency = currency
        self.contactEmail = contactEmail
        self.slug = slug
    }

    public func validate() -> [ErrorDetail] {
        var details = CatalogRules.shopName(name) + CatalogRules.description(description, limit: 2000)
        if let contactEmail { details += EmailAddress.validate(contactEmail, field: "contactEmail") }
        if let slug { details += CatalogRules.slug(slug) }
        return details
    }
}

/// `PATCH /shops/:id`. `status` is for admins (suspension); `currency` may change only
/// while the shop has no products, which the server checks.
public struct UpdateShopRequest: Codable, Hashable, Sendable {
    public var name: String?
    public var description: String?
    public var currency: Currency?
    public var contactEmail: String?
    public var status: ShopStatus?

    public init(name: String? = nil, description: String? = nil, currency: Currency? = nil, contactEmail: String? = nil, status: ShopStatus? = nil) {
        self.name = name
        self.description = description
        self.currency = currency
        self.contactEmail = contactEmail
        self.status = status
    }

    public func validate() -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if let name { details += CatalogRules.shopName(name) }
        if let description { details += CatalogRules.description(description, limit: 2000) }
        if let contactEmail, !contactEmail.isEmpty { details += EmailAddress.validate(contactEmail, field: "contactEmail") }
        return details
    }
}
