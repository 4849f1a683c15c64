import FluentKit
import Foundation
import MarketModels
import SQLKit

/// Coupon codes: shop coupons (their owner) and platform-wide ones (admins).
struct CouponService: Sendable {
    let database: @Sendable () -> any Database
    let clock: any AppClock
    let shops: ShopService

    func create(_ request: CreateCouponRequest, principal: Principal) async throws -> CouponDTO {
        var problems = request.validate()
        if let minimum = request.minimumSpend, request.kind == .fixed, let currency = request.currency, minimum.currency != currency {
            problems.append(ErrorDetail(field: "minimumSpend.currency", code: .notAllowed, message: "Use the coupon's currency."))
        }
        try AppError.check(problems)
        if let shopID = request.shopId {
            let shop = try await shops.find(shopID.rawValue, principal: principal)
            guard CatalogAccess.canManage(shop: shop, principal: principal) else {
                throw AppError(.forbidden, .forbidden, "Only the shop's owner can make coupons for it.")
            }
            if let currency = request.currency, currency.code != shop.currency {
                throw AppError.validation(field: "currency", code: "not_allowed", "This shop sells in \(shop.currency).")
            }
        } else if principal.role != .admin {
            throw AppError(.forbidden, .forbidden, "Only admins make platform-wide coupons; give a shopId.")
        }
        let now = clock.now()
        let coupon = CouponModel()
        coupon.id = "cpn_" + ULIDGenerator.shared.next(at: now).description
        coupon.code = CouponRules.normalized(request.code)
        coupon.kind = request.kind.rawValue
        coupon.value = request.value
        coupon.currency = request.currency?.code
        coupon.shopID = request.shopId?.rawValue
        coupon.minimumAmount = request.minimumSpend?.amount
        coupon.minimumCurrency = request.minimumSpend?.currency.code
        coupon.expiresAt = request.expiresAt
        coupon.usageLimit = request.usageLimit
        coupon.usedCount = 0
        coupon.active = true
        coupon.createdBy = principal.userID.rawValue
        coupon.createdAt = now
        coupon.updatedAt = now
        do {
            try await coupon.create(on: database())
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError(.conflict, .conflict, "A coupon with this code exists.", details: [ErrorDetail(field: "code", code: "taken", message: "Codes are unique.")])
        }
        return coupon.dto
    }

    /// Admins see every coupon; others those of the shops they own (`shopId` narrows to one).
    func list(shopID: String?, principal: Principal) async throws -> [CouponDTO] {
        var query = CouponModel.query(on: database())
        if let shopID {
            let shop = try await shops.find(shopID, principal: principal)
            guard CatalogAccess.canManage(shop: shop, principal: principal) else { throw AppError(.forbidden, .forbidden, "Not your shop.") }
            query = query.filter(\.$shopID == shopID)
        } else if principal.role != .admin {
            let owned = try await ShopModel.query(on: database()).filter(\.$ownerID == principal.userID.rawValue).all().compactMap(\.id)
            query = query.filter(\.$shopID ~~ owned)
        }
        return try await query.sort(\.$createdAt, .descending).limit(500).all().map(\.dto)
    }

    /// Stops a coupon being used (rows stay for the orders that used it).
    func deactivate(_ id: String, principal: Principal) async throws -> CouponDTO {
        guard let coupon = try await CouponModel.find(id, on: database()) else { throw AppError(.notFound, .notFound, "No such coupon.") }
        if let shopID = coupon.shopID {
            guard let shop = try await ShopModel.find(shopID, on: database()), CatalogAccess.canManage(shop: shop, principal: principal) else {
                throw AppError(.notFound, .notFound, "No such coupon.")
            }
        } else if principal.role != .admin {
            throw AppError(.notFound, .notFound, "No such coupon.")
        }
        coupon.active = false
        coupon.updatedAt = clock.now()
        try await coupon.update(on: database())
        return coupon.dto
    }

    // MARK: At checkout

    /// The coupon for a code, checked against the clock (400 with the reason otherwise).
    static func usable(code raw: String, now: Date, on db: any Database) async throws -> CouponModel {
        let field = "couponCode"
        guard let coupon = try await CouponModel.query(on: db).filter(\.$code == CouponRules.normalized(raw)).first(), coupon.active else {
            throw AppError.validation(field: field, code: "not_found", "No such coupon.")
        }
        if let expires = coupon.expiresAt, expires <= now {
            throw AppError.validation(field: field, code: "expired", "This coupon has expired.")
        }
        return coupon
    }

    /// Counts one use, unless the limit is reached: a guarded update, so a limit of 10 gives
    /// exactly 10 uses however many checkouts race for them.
    static func redeem(_ coupon: CouponModel, on db: any Database) async throws {
        let rows = try await (db as! any SQLDatabase).raw("""
            UPDATE coupons SET used_count = used_count + 1
            WHERE id = \(bind: coupon.id!) AND active = \(bind: true) AND (usage_limit IS NULL OR used_count < usage_limit)
            RETURNING id
            """).all()
        guard !rows.isEmpty else {
            throw AppError(.conflict, .conflict, "This coupon has been used up.",
                           details: [ErrorDetail(field: "couponCode", code: "coupon_exhausted", message: "No uses left.")])
        }
    }

    /// Gives a use back (the checkout's payment was declined or its orders cancelled before payment).
    static func unredeem(couponID: String, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE coupons SET used_count = used_count - 1 WHERE id = \(bind: couponID) AND used_count > 0").run()
    }
}
