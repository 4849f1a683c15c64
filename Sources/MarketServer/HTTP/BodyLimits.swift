/// The largest body each request may send. JSON bodies are read into memory and keep
/// `max_body_size`; routes that stream their body to disk have their own, larger limits
/// (`[uploads]`). The limit is known before the route runs, so an announced oversized
/// body is refused (413) before a byte of it is read, and the streaming routes stop at
/// the same number.
struct BodyLimits: Sendable {
    var standard: Int
    var csvUpload: Int
    var image: Int

    init(configuration: ServerConfiguration) {
        standard = configuration.maxBodySize
        csvUpload = configuration.uploads.csvMaxBytes
        image = configuration.uploads.imageMaxBytes
    }

    func limit(forPath path: String) -> Int {
        if path.hasPrefix("/api/v1/uploads/") { return csvUpload }
        // /api/v1/products/:id/images
        if path.hasPrefix("/api/v1/products/"), path.hasSuffix("/images") { return image }
        return standard
    }
}
