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

extension CartDTO {
    static func sanitizedForTerminal(_ cart: CartDTO) -> CartDTO {
        var copy = cart
        for index in copy.items.indices {
            copy.items[index].title = TerminalText.sanitize(cart.items[index].title)
            copy.items[index].sku = cart.items[index].sku.map(TerminalText.sanitize)
            copy.items[index].notice = cart.items[index].notice.map(TerminalText.sanitize)
        }
        for index in copy.shops.indices { copy.shops[index].shopName = TerminalText.sanitize(cart.shops[index].shopName) }
        return copy
    }
}

extension ErrorDetail {
    static func sanitizedForTerminal(_ detail: ErrorDetail) -> ErrorDetail {
        var copy = detail
        copy.message = TerminalText.sanitize(detail.message)
        return copy
    }
}

extension CheckoutQuoteDTO {
    static func sanitizedForTerminal(_ quote: CheckoutQuoteDTO) -> CheckoutQuoteDTO {
        var copy = quote
        copy.orders = quote.orders.map { order in
            var o = order
            o.shopName = TerminalText.sanitize(order.shopName)
            return o
        }
        copy.shippingOptions = quote.shippingOptions.map { option in
            var o = option
            o.name = TerminalText.sanitize(option.name)
            o.code = TerminalText.sanitize(option.code)
            return o
        }
        copy.problems = quote.problems.map(ErrorDetail.sanitizedForTerminal)
        return copy
    }
}

extension OrderDTO {
    static func sanitizedForTerminal(_ order: OrderDTO) -> OrderDTO {
        func clean(_ text: String?) -> String? { text.map(TerminalText.sanitize) }
        var copy = order
        copy.shopName = TerminalText.sanitize(order.shopName)
        copy.lines = order.lines.map { line in
            var l = line
            l.title = TerminalText.sanitize(line.title)
            l.sku = clean(line.sku)
            return l
        }
        copy.shippingOption = TerminalText.sanitize(order.shippingOption)
        let address = order.shippingAddress
        copy.shippingAddress = ShippingAddress(
            name: TerminalText.sanitize(address.name), line1: TerminalText.sanitize(address.line1), line2: clean(address.line2),
            city: TerminalText.sanitize(address.city), region: clean(address.region), postalCode: TerminalText.sanitize(address.postalCode),
            country: TerminalText.sanitize(address.country))
        copy.couponCode = clean(order.couponCode)
        copy.carrier = clean(order.carrier)
        copy.trackingNumber = clean(order.trackingNumber)
        copy.timeline = order.timeline.map { event in
            var e = event
            e.note = clean(event.note)
            return e
        }
        return copy
    }
}

extension CheckoutResultDTO {
    static func sanitizedForTerminal(_ result: CheckoutResultDTO) -> CheckoutResultDTO {
        var copy = result
        copy.orders = result.orders.map(OrderDTO.sanitizedForTerminal)
        copy.payment.message = result.payment.message.map(TerminalText.sanitize)
        copy.payment.declineCode = result.payment.declineCode.map(TerminalText.sanitize)
        copy.payment.provider = TerminalText.sanitize(result.payment.provider)
        return copy
    }
}
