/// Product images over the configured store. Made on demand: it only holds the shared
/// catalog services, the queue and the store (a directory path today).
extension AppEnvironment {
    var images: ProductImageService {
        ProductImageService(configuration: configuration, catalog: catalog, jobs: jobs)
    }
}
