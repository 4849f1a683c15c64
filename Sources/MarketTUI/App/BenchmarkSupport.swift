import Foundation
import MarketClient
import MarketModels
import TerminalKit

/// Hooks for the terminal benchmark (Benchmarks/TUIBench): a signed-in app with a
/// catalog already loaded, without a server, so frame cost is measured alone.
public enum BenchmarkSupport {
    /// A model whose catalog holds `products`, as if the pages had arrived.
    public static func model(app: MarketApp, user: UserDTO, products: [ProductDTO]) -> AppModel {
        var model = app.initialModel(user: user)
        let query = model.catalog.currentQuery
        model.catalog.loadedQuery = query
        let page = ProductListResponse(items: products, nextCursor: nil, facets: nil)
        _ = app.update(&model, .catalog(.loaded(query, cursor: nil, .success(page))))
        return model
    }

    /// The key press that moves the selection down one row.
    public static let down = InputEvent.key(KeyPress(.down))
    public static let up = InputEvent.key(KeyPress(.up))

    /// `count` products shaped like real ones: titles of two to five words. `mixedScripts`
    /// puts CJK and emoji in a third of the titles and the shop name (more bytes per cell).
    public static func syntheticProducts(count: Int, mixedScripts: Bool = false) -> [ProductDTO] {
        let shop = ShopSummary(id: ShopID.generate(), slug: "bench-shop", name: mixedScripts ? "Bench Shop 陶器" : "Bench Shop")
        let ascii = ["Ceramic", "Mug", "Linen", "Tote", "Stoneware", "Keyboard", "Tent", "Lamp", "Bowl", "Vase", "Cafe", "Duck"]
        let mixed = ["Ceramic", "Mug", "Linen", "Tote", "陶器", "Keyboard", "Tent ⛺", "Lamp", "Bowl", "Vase", "Café", "👍🏽 Duck"]
        let words = mixedScripts ? mixed : ascii
        let now = Date()
        return (0..<count).map { index in
            let title = (0..<(2 + index % 4)).map { words[(index * 7 + $0 * 3) % words.count] }.joined(separator: " ") + " #\(index)"
            return ProductDTO(
                id: ProductID.generate(), shopId: shop.id, shop: shop, title: title, description: "Product \(index)",
                price: Money(amount: Int64(100 + index * 37 % 90_000), currency: .usd), status: .active,
                category: ["kitchen", "desk", "outdoor"][index % 3], tags: [], inventoryCount: index % 17,
                variants: [], images: [], createdAt: now, updatedAt: now)
        }
    }
}
