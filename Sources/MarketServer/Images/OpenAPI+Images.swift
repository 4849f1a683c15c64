/// Product images, as OpenAPI: the upload (multipart), the delete and the renditions.
extension OpenAPIBuilder {
    mutating func addImagePaths() {
        schema("ImagePreview", Self.object([
            ("width", ["type": "integer", "minimum": 1, "maximum": 32]),
            ("height", ["type": "integer", "minimum": 1, "maximum": 32]),
            ("pixels", Self.string(pattern: "^([0-9a-f]{6})*$", description: "width × height colours, row by row, six hex digits (rrggbb) each")),
        ], required: ["width", "height", "pixels"]))
        schema("ProductImage", Self.object([
            ("id", Self.string(pattern: "^img_[0-9A-HJKMNP-TV-Z]{26}$")),
            ("url", Self.string(description: "The original: /api/v1/images/{id}/original")),
            ("thumbnails", ["type": "object", "description": "Sizes made so far (small, medium, large) and their URLs",
                            "additionalProperties": ["type": "string"]]),
            ("state", Self.enumeration(["processing", "ready", "failed"])),
            ("contentType", Self.enumeration(ImageFormat.allCases.map(\.contentType))),
            ("width", ["type": ["integer", "null"]]), ("height", ["type": ["integer", "null"]]),
            ("bytes", ["type": "integer", "minimum": 1]),
            ("preview", ["oneOf": [Self.ref("ImagePreview"), ["type": "null"]]]),
            ("createdAt", Self.string(format: "date-time")),
        ], required: ["id", "url", "thumbnails", "state", "contentType", "bytes", "createdAt"]))

        let tag = "catalog"
        let imageParameter: JSONValue = ["name": "imageId", "in": "path", "required": true, "schema": ["type": "string"]]
        add(Operation(
            method: "post", path: "/api/v1/products/{id}/images", tag: tag, summary: "Add an image to a product (the shop's owner, admins)",
            description: """
                multipart/form-data with the image in the field "file", streamed to disk (limit: [uploads] image_max_bytes for the \
                whole body, 413 past it). JPEG, PNG and WebP, recognised by their first bytes (415 otherwise). At most \
                \(ProductImageService.maxImagesPerProduct) images a product (409). The image is stored as processing; the small \
                (160 px), medium (480 px) and large (1024 px) sizes and the preview grid are made in the background.
                """,
            secured: true,
            requestBody: ["required": true, "content": ["multipart/form-data": [
                "schema": Self.object([("file", ["type": "string", "format": "binary", "description": "The image file"])], required: ["file"]),
                "encoding": ["file": ["contentType": "image/jpeg, image/png, image/webp"]],
            ]]],
            responses: [
                ("201", "Stored; thumbnails follow", Self.ref("ProductImage")),
                ("400", "A broken multipart body, or no \"file\" field", nil), ("401", "Not signed in", nil),
                ("403", "A public product of someone else's shop", nil), ("404", "No such product visible to the caller", nil),
                ("409", "The product has its maximum number of images", nil), ("413", "Larger than the limit", nil),
                ("415", "Not multipart/form-data, or the file is not JPEG, PNG or WebP", nil),
            ],
            parameters: [Self.idParameter]))
        add(Operation(
            method: "delete", path: "/api/v1/products/{id}/images/{imageId}", tag: tag, summary: "Remove a product's image (owner, admins)",
            secured: true,
            responses: [
                ("204", "Removed, with all its sizes", nil), ("401", "Not signed in", nil), ("403", "A public product of someone else's shop", nil),
                ("404", "No such product or image", nil),
            ],
            parameters: [Self.idParameter, imageParameter]))
        add(Operation(
            method: "get", path: "/api/v1/images/{id}/{size}", tag: tag, summary: "An image's bytes, original or a thumbnail",
            description: """
                Thumbnails exist once the image is ready (404 before). ETag with If-None-Match (304). Images of public products are \
                cacheable for a year (public, immutable); a draft's are private and 404 to everyone but its shop's owner and admins.
                """,
            responses: [
                ("200", "The image", Self.string(format: "binary")), ("304", "Not modified", nil),
                ("404", "No such image or size, or not visible to the caller", nil),
            ],
            parameters: [
                Self.idParameter,
                ["name": "size", "in": "path", "required": true, "schema": Self.enumeration(ImageSize.allCases.map(\.rawValue))],
            ],
            responseContentTypes: ImageFormat.allCases.map(\.contentType)))
    }
}
