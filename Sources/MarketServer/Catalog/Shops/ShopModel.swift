import FluentKit
import Foundation
import MarketModels

final class ShopModel: Model, @unchecked Sendable {
    static let schema = "shops"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "owner_id") var ownerID: String
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "currency") var currency: String
    @OptionalField(key: "contact_email") var contactEmail: String?
    @Field(key: "status") var status: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: ShopID, ownerID: UserID, slug: String, request: CreateShopRequest, now: Date) {
        self.id = id.rawValue
        self.ownerID = ownerID.rawValue
        self.slug = slug
        self.name = request.name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.description = request.description
        self.currency = request.currency.code
        self.contactEmail = request.contactEmail.map(EmailAddress.normalize)
        self.status = ShopStatus.active.rawValue
        self.createdAt = now
        self.updatedAt = now
    }

    var isActive: Bool { status == ShopStatus.active.rawValue }
    var currencyValue: Currency { Currency(code: currency) ?? .usd }

    var dto: ShopDTO {
        ShopDTO(
            id: ShopID(rawValue: id!)!, slug: slug, ownerId: UserID(rawValue: ownerID)!, name: name, description: description,
            currency: currencyValue, contactEmail: contactEmail, status: ShopStatus(rawValue: status) ?? .active,
            createdAt: createdAt, updatedAt: updatedAt)
    }
}
