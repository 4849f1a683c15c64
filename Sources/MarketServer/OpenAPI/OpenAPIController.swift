import Hummingbird

/// Serves the OpenAPI document and an HTML reference rendered from it (no external assets).
struct OpenAPIController {
    let routes: RouteIndex

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("api/v1/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: .init(string: OpenAPIDocument.json)))
        }
        router.get("api/v1/docs") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: .init(byteBuffer: .init(string: APIReferencePage.html)))
        }
    }
}
