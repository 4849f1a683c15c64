/// The catalog's services, wired once per environment.
struct CatalogServices: Sendable {
    let context: CatalogContext
    let shops: ShopService
    let products: ProductService
    let browser: ProductBrowser
    var responses: CatalogResponseCache { context.responses }

    init(context: CatalogContext) {
        self.context = context
        let assembler = ProductAssembler()
        shops = ShopService(context: context)
        products = ProductService(context: context, shops: shops, assembler: assembler)
        browser = ProductBrowser(context: context, assembler: assembler)
    }
}
