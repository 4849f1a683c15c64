import MarketClient
import MarketModels
import TerminalKit

/// A shop's products: loading and paging, and stock changes with optimistic updates.
extension VendorScreen {
    /// Every status the owner may see: with `shopId` and no `status`, the server lists the
    /// owner's drafts and archived products too (ProductsController).
    static func productQuery(_ shopID: ShopID, cursor: String? = nil) -> ProductQuery {
        ProductQuery(shopId: shopID, sort: .newest, limit: ShopProductsModel.pageSize, cursor: cursor)
    }

    static func loadProducts(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard let shopID = model.products?.shop.id, let generation = model.products?.page.beginReload() else { return .none }
        let client = env.client, query = productQuery(shopID)
        return .run { send in
            do {
                send(.productsLoaded(shopID, cursor: nil, generation: generation, .success(try await client.products(query))))
            } catch {
                send(.productsLoaded(shopID, cursor: nil, generation: generation, .failure(error)))
            }
        }
    }

    /// Infinite scrolling near the end; and with a sort on, the rest of the pages, so the
    /// order covers every product rather than the ones loaded so far.
    static func loadMoreProductsIfNeeded(_ model: inout VendorModel, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var products = model.products, products.page.hasMore,
              products.table.sort != nil || products.table.rows.isNearEnd(threshold: ShopProductsModel.prefetchDistance),
              let cursor = products.page.beginLoadMore()
        else { return .none }
        model.products = products
        let shopID = products.shop.id, generation = products.page.generation
        let client = env.client, query = productQuery(shopID, cursor: cursor)
        return .run { send in
            do {
                send(.productsLoaded(shopID, cursor: cursor, generation: generation, .success(try await client.products(query))))
            } catch {
                send(.productsLoaded(shopID, cursor: cursor, generation: generation, .failure(error)))
            }
        }
    }

    static func productsLoaded(
        _ model: inout VendorModel, shopID: ShopID, cursor: String?, generation: Int, _ result: Result<ProductListResponse, any Error>,
        env: TUIEnvironment
    ) -> Effect<VendorAction> {
        guard var products = model.products, products.shop.id == shopID else { return .none }
        switch result {
        case .success(let page):
            // A product saved here since the first page came is already at the top; keyset
            // paging would not send it again, but a concurrent edit elsewhere might.
            let known = Set(products.products.map(\.id))
            let items = page.items.map(ProductDTO.sanitizedForTerminal).filter { cursor == nil || !known.contains($0.id) }
            products.keepingSelection { products in
                guard products.page.receive(items, nextCursor: page.nextCursor, cursor: cursor, generation: generation) else { return }
                if cursor == nil { products.stock.reloaded() }
            }
            model.products = products
            return loadMoreProductsIfNeeded(&model, env: env)
        case .failure(let error):
            guard products.page.fail(ErrorText.sentence(for: error), cursor: cursor, generation: generation) else { return .none }
            model.products = products
            return emit(.failed(error))
        }
    }

    // MARK: Stock

    /// Shows the change at once and sends it; `stockAnswered` folds the answer back in.
    static func startStockChange(_ model: inout VendorModel, key: StockKey, delta: Int, env: TUIEnvironment) -> Effect<VendorAction> {
        guard var products = model.products, let current = currentStock(products, key) else { return .none }
        guard delta != 0 else { return .none }
        // The server refuses these too; catching them here avoids showing a number that
        // will only bounce back.
        if current + delta < 0 { return emit(.toast("Stock of \(products.title(of: key)) cannot go below zero.", .info)) }
        if current + delta > CatalogRules.maxInventory { return emit(.toast("Stock cannot go above \(CatalogRules.maxInventory).", .info)) }
        var started = 0
        products.keepingSelection { started = $0.stock.begin(key, delta: delta) }
        model.products = products
        let client = env.client, sequence = started
        return .run { send in
            do {
                let answer = try await client.adjustStock(key.productID, variantId: key.variantID, delta: delta)
                send(.stockAnswered(key.productID, key.variantID, sequence: sequence, .success(answer)))
            } catch {
                send(.stockAnswered(key.productID, key.variantID, sequence: sequence, .failure(error)))
            }
        }
    }

    static func currentStock(_ products: ShopProductsModel, _ key: StockKey) -> Int? {
        guard let product = products.products.first(where: { $0.id == key.productID }) else { return nil }
        guard let variantID = key.variantID else { return products.displayStock(product) }
        return product.variants.first { $0.id == variantID }.map { products.displayStock(product, variant: $0) }
    }

    static func stockAnswered(_ model: inout VendorModel, _ key: StockKey, sequence: Int, _ result: Result<ProductDTO, any Error>) -> Effect<VendorAction> {
        let title = model.products?.title(of: key) ?? "the product"
        guard var products = model.products, products.products.contains(where: { $0.id == key.productID }) else {
            // The vendor has left the shop; the change itself went through or not regardless.
            if case .failure(let error) = result { return emit(.toast("Stock of \(title) was not changed: \(ErrorText.sentence(for: error))", .error), .failed(error)) }
            return .none
        }
        switch result {
        case .success(let answer):
            let clean = ProductDTO.sanitizedForTerminal(answer)
            products.keepingSelection { products in
                if let value = ShopProductsModel.value(of: key, in: clean) {
                    products.stock.answered(key, sequence: sequence, value: value, updatedAt: clean.updatedAt)
                } else {
                    products.stock.failed(key, sequence: sequence)  // the variant is gone
                }
                products.absorb(clean)
                products.stock.dropSettled()
            }
            model.products = products
            return .none
        case .failure(let error):
            products.keepingSelection { products in
                products.stock.failed(key, sequence: sequence)
                products.stock.dropSettled()
            }
            model.products = products
            return emit(.toast("Stock of \(title) was not changed: \(ErrorText.sentence(for: error))", .error), .failed(error))
        }
    }

    static func askSetStock(_ model: inout VendorModel) -> Effect<VendorAction> {
        guard let products = model.products, let product = products.selectedProduct else { return .none }
        guard let key = products.selectedStockKey, let current = currentStock(products, key) else {
            return emit(.toast("“\(product.title)” has variants: select one of the rows under it to set its stock.", .info))
        }
        model.dialog = .setStock(key, label: products.title(of: key), field: TextFieldState(text: String(current), maxLength: 10), error: nil)
        return .none
    }
}
