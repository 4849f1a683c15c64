import MarketModels

// Everything the server sends is untrusted in a terminal: a product titled
// "\u{1B}]0;pwned\u{7}" must not retitle the window. These copies are made once,
// when a reply arrives, so views never draw raw server text.

extension ProductDTO {
    static func sanitizedForTerminal(_ product: ProductDTO) -> ProductDTO {
        var copy = product
        copy.title = TerminalText.sanitize(product.title)
        copy.description = TerminalText.sanitizeMultiline(product.description)
        copy.category = product.category.map(TerminalText.sanitize)
        copy.tags = product.tags.map(TerminalText.sanitize)
        copy.shop.name = TerminalText.sanitize(product.shop.name)
        copy.shop.slug = TerminalText.sanitize(product.shop.slug)
        copy.variants = product.variants.map { variant in
            var v = variant
            v.sku = TerminalText.sanitize(variant.sku)
            // Two option names may clean up to the same text: keep one rather than trap.
            v.options = Dictionary(variant.options.map { (TerminalText.sanitize($0.key), TerminalText.sanitize($0.value)) }, uniquingKeysWith: { first, _ in first })
            return v
        }
        return copy
    }
}

extension Facets {
    static func sanitizedForTerminal(_ facets: Facets) -> Facets {
        func clean(_ counts: [FacetCount]?) -> [FacetCount]? {
            counts?.map { count in
                var c = count
                c.value = TerminalText.sanitize(count.value)
                c.label = count.label.map(TerminalText.sanitize)
                return c
            }
        }
        var copy = facets
        copy.category = clean(facets.category)
        copy.tag = clean(facets.tag)
        copy.shop = clean(facets.shop)
        return copy
    }
}

extension ShopDTO {
    static func sanitizedForTerminal(_ shop: ShopDTO) -> ShopDTO {
        var copy = shop
        copy.name = TerminalText.sanitize(shop.name)
        copy.slug = TerminalText.sanitize(shop.slug)
        copy.description = TerminalText.sanitizeMultiline(shop.description)
        copy.contactEmail = shop.contactEmail.map(TerminalText.sanitize)
        return copy
    }
}

extension UserDTO {
    static func sanitizedForTerminal(_ user: UserDTO) -> UserDTO {
        var copy = user
        copy.name = TerminalText.sanitize(user.name)
        copy.email = TerminalText.sanitize(user.email)
        return copy
    }
}

extension NotificationDTO {
    static func sanitizedForTerminal(_ notification: NotificationDTO) -> NotificationDTO {
        var copy = notification
        copy.title = TerminalText.sanitize(notification.title)
        copy.body = TerminalText.sanitizeMultiline(notification.body)
        // Two keys may clean up to the same text: keep one rather than trap.
        copy.data = Dictionary(notification.data.map { (TerminalText.sanitize($0.key), TerminalText.sanitize($0.value)) }, uniquingKeysWith: { first, _ in first })
        return copy
    }
}

extension UploadJobStatusDTO {
    static func sanitizedForTerminal(_ status: UploadJobStatusDTO) -> UploadJobStatusDTO {
        var copy = status
        copy.errors = status.errors.map { RowErrorDTO(row: $0.row, message: TerminalText.sanitize($0.message)) }
        copy.failure = status.failure.map(TerminalText.sanitize)
        return copy
    }
}
