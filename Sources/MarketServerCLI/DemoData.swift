import MarketModels
import MarketServer

/// The demo store `marketmate demo` and `seed --demo` create: accounts with a public
/// password (demo data is for looking around, never for production) and the shops of
/// `DemoCatalog`, written through the real services. Running it twice changes nothing.
public enum DemoData {
    public static let password = "demo-password-1"
    public static let accounts: [(email: String, name: String, role: Role)] = [
        ("admin@demo.marketmate.test", "Ada Admin", .admin),
        ("vendor@demo.marketmate.test", "Vera Vendor", .vendor),
        ("buyer@demo.marketmate.test", "Bo Buyer", .buyer),
    ] + DemoCatalog.vendors.map { ($0.email, $0.name, .vendor) } + DemoCatalog.buyers.map { ($0.email, $0.name, .buyer) }
    static var accountList: String { accounts.prefix(3).map(\.email).joined(separator: ", ") }

    public struct Summary: Sendable {
        public var users: [UserDTO]
        public var shopsCreated: Int
        public var productsCreated: Int
    }

    public static func seed(_ env: AppEnvironment) async throws -> Summary {
        var users: [String: UserDTO] = [:]
        for account in accounts {
            users[account.email] = try await env.auth.provisionUser(email: account.email, password: password, name: account.name, role: account.role)
        }
        var summary = Summary(users: accounts.compactMap { users[$0.email] }, shopsCreated: 0, productsCreated: 0)
        var purchasable: [ProductDTO] = []
        for shop in DemoCatalog.shops {
            guard try await env.shop(slug: shop.slug) == nil, let owner = users[shop.ownerEmail], let currency = Currency(code: shop.currency) else { continue }
            let created = try await env.createShop(
                CreateShopRequest(name: shop.name, description: shop.description, currency: currency, contactEmail: shop.contactEmail, slug: shop.slug),
                ownerID: owner.id)
            summary.shopsCreated += 1
            for product in shop.products {
                let variants = product.variants.map { variant in
                    VariantInput(sku: variant.sku, options: variant.options, price: variant.price.map { Money(amount: $0, currency: currency) }, inventoryCount: variant.stock)
                }
                let created = try await env.createProduct(
                    shopID: created.id,
                    CreateProductRequest(
                        title: product.title, description: product.description, price: Money(amount: product.price, currency: currency),
                        inventoryCount: variants.isEmpty ? product.stock : nil, category: product.category, tags: product.tags,
                        status: ProductStatus(rawValue: product.status), variants: variants.isEmpty ? nil : variants),
                    ownerID: owner.id)
                summary.productsCreated += 1
                if created.status == .active, created.price.currency == .usd, created.variants.isEmpty ? created.inventoryCount > 5 : created.variants.contains(where: { $0.inventoryCount > 5 }) {
                    purchasable.append(created)
                }
            }
        }
        if summary.shopsCreated > 0, let buyer = users["buyer@demo.marketmate.test"] {
            try await seedOrders(env, buyer: buyer.id, products: purchasable)
        }
        if let admin = users["admin@demo.marketmate.test"] {
            try await env.seedFlag(key: catalogLayoutFlag.key, definition: catalogLayoutFlag.definition, by: admin.id)
        }
        return summary
    }

    /// The flag the terminal app's catalog layout follows (`list` or `grid`). In
    /// `marketmate demo` (environment `demo`) buyers get the grid and the demo vendor the
    /// list, so ctrl-s shows both; elsewhere everyone has the list until an admin raises
    /// the rollout (marketmate-admin's Flags tab), which brings the grid to that share of
    /// signed-in users.
    public static let catalogLayoutFlag = (key: "catalog-layout", definition: FlagDefinition(
        type: .string, default: "list",
        rules: [
            FlagRule(environments: ["demo"], roles: ["buyer"], value: "grid", variant: "demo-buyers"),
            FlagRule(percentage: 0, value: "grid", variant: "grid-rollout"),
        ]))

    /// The demo buyer's order history: one order shipped with tracking, one across two shops
    /// waiting to ship, both paid through the simulated provider.
    private static func seedOrders(_ env: AppEnvironment, buyer: UserID, products: [ProductDTO]) async throws {
        let byShop = Dictionary(grouping: products, by: \.shopId).values.sorted { $0[0].shopId.rawValue < $1[0].shopId.rawValue }
        guard byShop.count >= 2 else { return }
        let address = ShippingAddress(name: "Bo Buyer", line1: "12 Harbour Road", city: "Portland", region: "OR", postalCode: "97201", country: "US")
        func item(_ product: ProductDTO, _ quantity: Int) -> (product: ProductID, variant: VariantID?, quantity: Int) {
            (product.id, product.variants.first(where: { $0.inventoryCount > 5 })?.id, quantity)
        }
        try await env.demoPurchase(buyer: buyer, items: [item(byShop[0][0], 1)], address: address, shipWith: ("UPS", "1Z999AA10123456784"))
        try await env.demoPurchase(buyer: buyer, items: [item(byShop[0].last!, 2), item(byShop[1][0], 1)], address: address)
    }
}
