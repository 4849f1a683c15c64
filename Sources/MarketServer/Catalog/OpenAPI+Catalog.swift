/// The Catalog section of API.md, as OpenAPI.
extension OpenAPIBuilder {
    static let idParameter: JSONValue = ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]

    static func query(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }

    mutating func addCatalogPaths() {
        schema("Currency", Self.string(pattern: "^[A-Z]{3}$", description: "ISO 4217 code"))
        schema("ShopSummary", Self.object([("id", Self.string()), ("slug", Self.string()), ("name", Self.string())], required: ["id", "slug", "name"]))
        schema("Shop", Self.object([
            ("id", Self.string(pattern: "^shp_[0-9A-HJKMNP-TV-Z]{26}$")), ("slug", Self.string()), ("ownerId", Self.string()),
            ("name", Self.string()), ("description", Self.string()), ("currency", Self.ref("Currency")),
            ("contactEmail", Self.string(nullable: true)), ("status", Self.enumeration(["active", "suspended"])),
            ("createdAt", Self.string(format: "date-time")), ("updatedAt", Self.string(format: "date-time")),
        ], required: ["id", "slug", "ownerId", "name", "description", "currency", "status", "createdAt", "updatedAt"]))
        schema("CreateShopRequest", Self.object([
            ("name", Self.string(minLength: 2, maxLength: 80)), ("description", Self.string(maxLength: 2000)),
            ("currency", Self.ref("Currency")), ("contactEmail", Self.string(format: "email")),
            ("slug", Self.string(pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", minLength: 3, maxLength: 60)),
        ], required: ["name", "description", "currency"]))
        schema("UpdateShopRequest", Self.object([
            ("name", Self.string(minLength: 2, maxLength: 80)), ("description", Self.string(maxLength: 2000)),
            ("currency", Self.ref("Currency")), ("contactEmail", Self.string()),
            ("status", ["type": "string", "enum": ["active", "suspended"], "description": "Admins only."]),
        ]))
        schema("Variant", Self.object([
            ("id", Self.string()), ("sku", Self.string()), ("options", ["type": "object", "additionalProperties": ["type": "string"]]),
            ("price", Self.ref("Money")), ("inventoryCount", ["type": "integer"]),
        ], required: ["id", "sku", "options", "price", "inventoryCount"]))
        schema("VariantInput", Self.object([
            ("sku", Self.string(pattern: "^[A-Za-z0-9._-]{1,64}$")), ("options", ["type": "object", "additionalProperties": ["type": "string", "maxLength": 40]]),
            ("price", Self.ref("Money")), ("inventoryCount", ["type": "integer", "minimum": 0, "maximum": 1_000_000_000]),
        ], required: ["sku", "inventoryCount"]))
        // ProductImage is described with the image routes (OpenAPI+Images.swift).
        schema("Product", Self.object([
            ("id", Self.string(pattern: "^prd_[0-9A-HJKMNP-TV-Z]{26}$")), ("shopId", Self.string()), ("shop", Self.ref("ShopSummary")),
            ("title", Self.string()), ("description", Self.string()), ("price", Self.ref("Money")),
            ("status", Self.enumeration(["draft", "active", "archived"])), ("category", Self.string(nullable: true)),
            ("tags", ["type": "array", "items": ["type": "string"]]), ("inventoryCount", ["type": "integer"]), ("inStock", ["type": "boolean"]),
            ("variants", ["type": "array", "items": Self.ref("Variant")]), ("images", ["type": "array", "items": Self.ref("ProductImage")]),
            ("createdAt", Self.string(format: "date-time")), ("updatedAt", Self.string(format: "date-time")),
        ], required: ["id", "shopId", "shop", "title", "description", "price", "status", "tags", "inventoryCount", "inStock", "variants", "images", "createdAt", "updatedAt"]))
        let productFields: [(String, JSONValue)] = [
            ("title", Self.string(minLength: 1, maxLength: 200)), ("description", Self.string(maxLength: 5000)), ("price", Self.ref("Money")),
            ("inventoryCount", ["type": "integer", "minimum": 0, "maximum": 1_000_000_000]),
            ("category", Self.string(pattern: "^[a-z0-9-]+(/[a-z0-9-]+){0,2}$", description: "A path such as kitchen/mugs")),
            ("tags", ["type": "array", "maxItems": 20, "items": Self.string(minLength: 1, maxLength: 32)]),
            ("status", Self.enumeration(["draft", "active", "archived"])),
            ("variants", ["type": "array", "maxItems": 100, "items": Self.ref("VariantInput")]),
        ]
        schema("CreateProductRequest", Self.object(productFields, required: ["title", "description", "price"]))
        schema("UpdateProductRequest", Self.object(productFields))
        schema("StockAdjustmentRequest", Self.object([("variantId", Self.string()), ("delta", ["type": "integer"])], required: ["delta"]))
        let facetCount = Self.object([("value", Self.string()), ("label", Self.string(nullable: true)), ("count", ["type": "integer"])], required: ["value", "count"])
        schema("Facets", Self.object([
            ("category", ["type": "array", "items": facetCount]), ("tag", ["type": "array", "items": facetCount]),
            ("shop", ["type": "array", "items": facetCount]),
            ("price", ["type": "array", "items": Self.object([("min", ["type": "integer"]), ("max", ["type": ["integer", "null"]]), ("count", ["type": "integer"])], required: ["min", "count"])]),
        ]))
        schema("ProductList", Self.object([
            ("items", ["type": "array", "items": Self.ref("Product")]), ("nextCursor", Self.string(nullable: true)), ("facets", Self.ref("Facets")),
        ], required: ["items", "nextCursor"]))
        schema("Suggestions", Self.object([("suggestions", ["type": "array", "items": ["type": "string"]])], required: ["suggestions"]))

        let tag = "catalog"
        add(Operation(method: "get", path: "/api/v1/shops", tag: tag, summary: "Active shops; with ownerId, one owner's (theirs include suspended ones)",
                      responses: [("200", "A page of shops", Self.listOf("Shop"))],
                      parameters: Self.pagingParameters + [Self.query("ownerId", Self.string(), "Only this owner's shops")]))
        add(Operation(method: "post", path: "/api/v1/shops", tag: tag, summary: "Open a shop (vendors)", secured: true,
                      requestSchema: "CreateShopRequest", responses: [("201", "Created", Self.ref("Shop"))]))
        add(Operation(method: "get", path: "/api/v1/shops/{id}", tag: tag, summary: "A shop", description: "Suspended shops are 404 except for their owner and admins.",
                      responses: [("200", "The shop", Self.ref("Shop")), ("304", "Not modified", nil)], parameters: [Self.idParameter]))
        add(Operation(method: "patch", path: "/api/v1/shops/{id}", tag: tag, summary: "Change a shop (owner; admins also suspend)", secured: true,
                      requestSchema: "UpdateShopRequest", responses: [("200", "Updated", Self.ref("Shop"))], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/shops/{id}/products", tag: tag, summary: "Add a product to a shop (its owner)",
                      description: "status defaults to active. With variants, inventoryCount is the sum of theirs.", secured: true,
                      requestSchema: "CreateProductRequest", responses: [("201", "Created", Self.ref("Product"))], parameters: [Self.idParameter]))
        let listParameters: [JSONValue] = Self.pagingParameters + [
            Self.query("q", Self.string(maxLength: 5000), "Full-text search: stemmed, accent-insensitive, last word as a prefix"),
            Self.query("category", Self.string(), "A category path; includes its subcategories"),
            Self.query("tag", Self.string(), "One tag"),
            Self.query("shopId", Self.string(), "One shop (its owner also sees drafts)"),
            Self.query("minPrice", ["type": "integer", "minimum": 0], "Minor units"),
            Self.query("maxPrice", ["type": "integer", "minimum": 0], "Minor units"),
            Self.query("inStock", ["type": "boolean"], "Only products with stock (true) or without (false)"),
            Self.query("status", Self.enumeration(["draft", "active", "archived"]), "Owners listing their shop"),
            Self.query("sort", Self.enumeration(["relevance", "price", "-price", "newest"]), "Default: relevance with q, else newest"),
            Self.query("facets", Self.string(pattern: "^(category|tag|shop|price)(,(category|tag|shop|price))*$"), "Comma-separated facet names"),
        ]
        add(Operation(method: "get", path: "/api/v1/products", tag: tag, summary: "Browse and search products",
                      responses: [("200", "A page of products, with facets when asked", Self.ref("ProductList")), ("304", "Not modified", nil)],
                      parameters: listParameters))
        add(Operation(method: "get", path: "/api/v1/products/{id}", tag: tag, summary: "A product with variants, images and its shop",
                      description: "ETag and If-None-Match (304). Drafts are 404 except for the shop's owner and admins.",
                      responses: [("200", "The product", Self.ref("Product")), ("304", "Not modified", nil)], parameters: [Self.idParameter]))
        add(Operation(method: "patch", path: "/api/v1/products/{id}", tag: tag, summary: "Change a product (owner, admin)",
                      description: "variants, when given, is the complete new set, matched by SKU.", secured: true,
                      requestSchema: "UpdateProductRequest", responses: [("200", "Updated", Self.ref("Product"))], parameters: [Self.idParameter]))
        add(Operation(method: "delete", path: "/api/v1/products/{id}", tag: tag, summary: "Remove a product (owner, admin)",
                      description: "Soft delete: orders that reference it stay intact.", secured: true,
                      responses: [("204", "Removed", nil)], parameters: [Self.idParameter]))
        add(Operation(method: "post", path: "/api/v1/products/{id}/stock", tag: tag, summary: "Add or take stock atomically (owner, admin)",
                      description: "409 out_of_stock when the change would take stock below zero.", secured: true,
                      requestSchema: "StockAdjustmentRequest", responses: [("200", "Updated", Self.ref("Product"))], parameters: [Self.idParameter]))
        add(Operation(method: "get", path: "/api/v1/search/suggest", tag: tag, summary: "Completions for what is being typed",
                      responses: [("200", "Suggestions", Self.ref("Suggestions"))],
                      parameters: [Self.query("q", Self.string(maxLength: 5000), "The text typed so far")]))
    }
}
