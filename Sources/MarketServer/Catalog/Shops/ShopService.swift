import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Vendor onboarding and shop settings. Slugs are unique; suspending a shop hides its
/// products everywhere at once.
struct ShopService: Sendable {
    let context: CatalogContext

    func create(_ request: CreateShopRequest, owner: Principal) async throws -> ShopDTO {
        try AppError.check(request.validate())
        let db = context.database()
        let now = context.clock.now()
        let id = ShopID.generate(at: now)
        let base = request.slug ?? CatalogRules.slugify(request.name)
        for attempt in 0..<20 {
            // An explicit slug must be free; a derived one gets -2, -3, ... (then a random tail).
            if attempt > 0 && request.slug != nil { break }
            let slug = Self.candidate(base: base, attempt: attempt, id: id)
            let shop = ShopModel(id: id, ownerID: owner.userID, slug: slug, request: request, now: now)
            do {
                try await db.transaction { tx in
                    try await shop.create(on: tx)
                    try await context.changeLog.record(entity: "shop", id: shop.id!, op: .upsert, scope: "public", on: tx)
                }
                await context.publish("shop.created", entity: "shop", id: shop.id!, scope: "public")
                return shop.dto
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw AppError(.conflict, .conflict, "This shop address is taken.", details: [ErrorDetail(field: "slug", code: "taken", message: "Choose another slug.")])
    }

    static func candidate(base: String, attempt: Int, id: ShopID) -> String {
        let root = base.count >= 3 ? base : "shop-" + id.rawValue.suffix(6).lowercased()
        switch attempt {
        case 0: return root
        case 1..<10: return "\(root.prefix(56))-\(attempt + 1)"
        default: return "\(root.prefix(52))-" + id.rawValue.suffix(6 + attempt - 10).lowercased()
        }
    }

    func find(_ rawID: String, principal: Principal?) async throws -> ShopModel {
        guard ShopID(rawValue: rawID) != nil, let shop = try await ShopModel.find(rawID, on: context.database()),
              CatalogAccess.canSee(shop: shop, principal: principal)
        else { throw AppError(.notFound, .notFound, "No such shop.") }
        return shop
    }

    func update(_ rawID: String, _ request: UpdateShopRequest, principal: Principal) async throws -> ShopDTO {
        try AppError.check(request.validate())
        let shop = try await find(rawID, principal: principal)
        guard CatalogAccess.canManage(shop: shop, principal: principal) else {
            throw AppError(.forbidden, .forbidden, "Only the shop's owner can change it.")
        }
        if request.status != nil && principal.role != .admin {
            throw AppError(.forbidden, .forbidden, "Only an administrator can suspend or reinstate a shop.")
        }
        let db = context.database()
        let now = context.clock.now()
        let (updated, statusChanged) = try await db.transaction { tx -> (ShopModel, Bool) in
            try await context.lock(table: ShopModel.schema, id: shop.id!, on: tx)
            guard let current = try await ShopModel.find(shop.id!, on: tx) else { throw AppError(.notFound, .notFound, "No such shop.") }
            if let currency = request.currency, currency.code != current.currency {
                let count = try await ProductModel.query(on: tx).filter(\.$shopID == current.id!).filter(\.$deletedAt == nil).count()
                if count > 0 {
                    throw AppError(.conflict, .conflict, "A shop's currency can change only while it has no products.",
                                   details: [ErrorDetail(field: "currency", code: "locked", message: "Remove the products first.")])
                }
                current.currency = currency.code
            }
            if let name = request.name { current.name = name.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let description = request.description { current.description = description }
            if let email = request.contactEmail { current.contactEmail = email.isEmpty ? nil : EmailAddress.normalize(email) }
            let oldStatus = current.status
            if let status = request.status { current.status = status.rawValue }
            current.updatedAt = now
            try await current.update(on: tx)
            try await context.changeLog.record(entity: "shop", id: current.id!, op: .upsert, scope: "public", on: tx)
            if oldStatus != current.status {
                try await refreshProducts(ofShop: current, on: tx)
            }
            return (current, oldStatus != current.status)
        }
        await context.publish(statusChanged ? "shop.status.updated" : "shop.updated", entity: "shop", id: updated.id!, scope: "public")
        return updated.dto
    }

    /// After a suspension or reinstatement: every product's visibility and index entry.
    private func refreshProducts(ofShop shop: ShopModel, on tx: any Database) async throws {
        let products = try await ProductModel.query(on: tx).filter(\.$shopID == shop.id!).filter(\.$deletedAt == nil).all()
        for product in products {
            let before = product.visible
            product.refreshVisibility(shopActive: shop.isActive)
            guard before != product.visible else { continue }
            try await product.update(on: tx)
            try await context.search.sync(product, on: context.sql(tx))
            try await context.changeLog.record(entity: "product", id: product.id!, op: .upsert, scope: ProductService.scope(product), on: tx)
        }
    }

    /// Active shops for everyone, newest last; `ownerID` narrows to one owner, and the owner
    /// (or an admin) then also sees suspended ones.
    func list(page: PageRequest, ownerID: String?, principal: Principal?) async throws -> ListPage<ShopDTO> {
        var query = ShopModel.query(on: context.database()).sort(\.$id, .ascending).limit(page.limit + 1)
        if let after = page.after { query = query.filter(\.$id > after) }
        if let ownerID {
            query = query.filter(\.$ownerID == ownerID)
            let privileged = principal.map { $0.role == .admin || $0.userID.rawValue == ownerID } ?? false
            if !privileged { query = query.filter(\.$status == ShopStatus.active.rawValue) }
        } else {
            query = query.filter(\.$status == ShopStatus.active.rawValue)
        }
        return page.page(try await query.all(), key: { $0.id! }, map: \.dto)
    }
}
