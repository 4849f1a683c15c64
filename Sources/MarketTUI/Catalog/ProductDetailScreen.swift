import MarketClient
import MarketModels
import TerminalKit

/// One product: title, shop, price and stock, description, the variants table, and the
/// first image as colour half blocks beside them.
struct ProductDetailModel {
    let productID: ProductID
    /// What the list already knew, drawn at once while the full product loads.
    var product: ProductDTO?
    /// The first image's preview, decoded (nil: none yet, or none at all).
    var picture: PixelGrid?
    var isLoading = true
    var errorMessage: String?
    var variants = TableState(columns: [])
    var scroll = 0
}

public enum ProductDetailAction: Sendable {
    case load
    case loaded(Result<ProductDTO, any Error>)
    case key(KeyPress)
    case scroll(Int)
    case addToCart
    case back
}

enum ProductDetailScreen {
    static func update(_ model: inout ProductDetailModel, _ action: ProductDetailAction, env: TUIEnvironment) -> Effect<ProductDetailAction> {
        switch action {
        case .load:
            model.isLoading = true
            let client = env.client, id = model.productID
            return .run { send in
                do { send(.loaded(.success(try await client.product(id)))) } catch { send(.loaded(.failure(error))) }
            }
        case .loaded(.success(let product)):
            model.isLoading = false
            model.errorMessage = nil
            let clean = ProductDTO.sanitizedForTerminal(product)
            model.product = clean
            model.picture = ProductPicture.grid(for: clean)
            model.variants = TableState(columns: variantColumns(clean), rowCount: clean.variants.count)
            return .none
        case .loaded(.failure(let error)):
            model.isLoading = false
            model.errorMessage = ErrorText.sentence(for: error)
            return .none
        case .key(let press):
            _ = model.variants.handle(.key(press))
            return .none
        case .scroll(let delta):
            model.scroll = max(0, model.scroll + delta)
            return .none
        case .addToCart, .back:
            return .none  // the app handles these
        }
    }

    static func commands(_ model: ProductDetailModel) -> [Command<ProductDetailAction>] {
        var commands: [Command<ProductDetailAction>] = [Command("back", "Back to the list", .back, footer: "back")]
        if let product = model.product, product.inStock {
            commands.append(Command("add-to-cart", "Add to the cart", .addToCart, footer: "add to cart"))
        }
        commands += [
            Command("refresh", "Reload the product", .load),
            Command("page-down", "Scroll the description down", .scroll(5)),
            Command("page-up", "Scroll the description up", .scroll(-5)),
        ]
        return commands
    }

    static func draw(_ model: ProductDetailModel, into buffer: inout CellBuffer, area: Rect, theme: Theme, tick: Int) {
        guard let product = model.product else {
            let message = model.errorMessage ?? Spinner(tick: tick).frame + " Loading the product…"
            buffer.write(message, in: area, row: 1, column: 2, style: model.errorMessage == nil ? theme[.muted] : theme[.error])
            return
        }
        let variantRows = product.variants.isEmpty ? 0 : min(product.variants.count + 3, max(4, area.height / 2))
        let sections = Layout.rows([.fill(min: 6), .fixed(variantRows)], in: area.inset(horizontal: 1))
        var details = sections[0]
        // The picture takes the right of the details, as wide as it draws; without colour
        // it would be a block of identical glyphs, so the text keeps the room.
        if let picture = model.picture, theme.colorDepth != .none {
            let image = HalfBlockImage(picture)
            let columns = ProductPicture.columns(forWidth: details.width)
            let drawn = image.drawnArea(in: Rect(x: details.maxX - columns, y: details.y, width: columns, height: details.height))
            image.render(into: &buffer, area: Rect(x: details.maxX - drawn.width, y: details.y, width: drawn.width, height: drawn.height), theme: theme)
            details.width -= drawn.width + 2
        }
        let parts = Layout.rows([.fixed(4), .fill(min: 2)], in: details) + [sections[1]]
        // Heading: title, shop, price, stock.
        buffer.write(product.title, in: parts[0], style: theme[.title])
        var byline = "by \(product.shop.name)"
        if let category = product.category { byline += "  ·  \(category)" }
        if model.isLoading { byline += "  " + Spinner(tick: tick).frame }
        buffer.write(byline, in: parts[0], row: 1, style: theme[.muted])
        let (stock, role) = CatalogView.stockLabel(product.inventoryCount)
        let price = product.price.formatted
        buffer.write(price, in: parts[0], row: 2, style: theme[.price])
        buffer.write("Stock: " + (product.inventoryCount > 0 ? stock + (product.inventoryCount > 5 ? " in stock" : "") : stock), in: parts[0], row: 2, column: DisplayWidth.of(price) + 4, style: theme[role])
        if !product.tags.isEmpty {
            buffer.write(product.tags.map { "#" + $0 }.joined(separator: " "), in: parts[0], row: 3, style: theme[.info])
        }
        if let error = model.errorMessage {
            buffer.write(error, in: parts[0], row: 3, style: theme[.error])
        }
        // Description, scrollable.
        Paragraph(product.description, scroll: model.scroll).render(into: &buffer, area: parts[1], theme: theme)
        // Variants.
        guard variantRows > 0 else { return }
        let optionNames = optionNames(product)
        let rows = product.variants.map { variant -> [String] in
            [variant.sku] + optionNames.map { variant.options[$0] ?? "" } + [variant.price.formatted, CatalogView.stockLabel(variant.inventoryCount).0]
        }
        let box = Box(title: "Variants")
        box.render(into: &buffer, area: parts[2], theme: theme)
        Table(rows: rows, state: model.variants).render(into: &buffer, area: box.inner(parts[2]), theme: theme)
    }

    static func optionNames(_ product: ProductDTO) -> [String] {
        Array(Set(product.variants.flatMap { $0.options.keys })).sorted()
    }

    /// SKU, one column per option name (size, colour, ...), price and stock; all sortable.
    static func variantColumns(_ product: ProductDTO) -> [TableColumn] {
        var columns = [TableColumn("SKU", width: .fixed(18), sortable: true)]
        columns += optionNames(product).map { TableColumn($0.capitalized, width: .fill(min: 6), sortable: true) }
        columns += [
            TableColumn("Price", width: .fixed(14), alignment: .right, sortable: true),
            TableColumn("Stock", width: .fixed(9), alignment: .right, sortable: true),
        ]
        return columns
    }
}
