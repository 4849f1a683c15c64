/// Demo data: literal shops and products `seed --demo` writes through the real services.
struct DemoShop: Sendable {
    let name: String
    let slug: String
    let description: String
    let currency: String          // ISO code, "USD" or "EUR"
    let contactEmail: String
    let ownerEmail: String        // one of DemoCatalog.vendors' emails
    let products: [DemoProduct]
}

struct DemoProduct: Sendable {
    let title: String
    let description: String
    let price: Int64              // minor units (cents)
    let category: String          // lowercase path, e.g. "kitchen/mugs": segments of a-z, 0-9, '-', up to 3 deep
    let tags: [String]            // 2-6 lowercase tags, letters/digits/spaces/hyphens, <= 32 chars
    let stock: Int                // 0...500; a few products deliberately 0 (out of stock)
    let status: String            // "active" for almost all; 3-4 "draft" in total; 1-2 "archived"
    let variants: [DemoVariant]   // [] for simple products
}

struct DemoVariant: Sendable {
    let sku: String               // A-Z 0-9 and '-', unique within its shop, e.g. "TT-TEE-BLK-M"
    let options: [String: String] // e.g. ["size": "M", "colour": "black"]
    let price: Int64?             // nil = the product's price
    let stock: Int
}

enum DemoCatalog {
    /// Vendor accounts besides vendor@demo.marketmate.test (password demo-password-1 for all).
    static let vendors: [(email: String, name: String)] = [
        ("priya@demo.marketmate.test", "Priya Natarajan"),
        ("camille@demo.marketmate.test", "Camille Dubois"),
        ("jordan@demo.marketmate.test", "Jordan Okafor"),
        ("hana@demo.marketmate.test", "Hana Sato"),
    ]

    /// Buyer accounts besides buyer@demo.marketmate.test.
    static let buyers: [(email: String, name: String)] = [
        ("sam@demo.marketmate.test", "Sam Rivera"),
        ("lena@demo.marketmate.test", "Lena Fischer"),
        ("tomas@demo.marketmate.test", "Tomás Herrera"),
        ("mei@demo.marketmate.test", "Mei Lin"),
    ]

    static let shops: [DemoShop] = [
        .kilnAndCo,
        .northwindOutfitters,
        .byteBazaar,
        .papeterieCreme,
        .threadTheory,
        .leafAndLoam,
    ]
}
