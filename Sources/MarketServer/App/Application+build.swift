import Hummingbird
import Logging
import MarketModels

/// Builds the HTTP application over a bootstrapped environment. Middleware order matters:
/// request setup, then observability (it sees the final status), security headers and
/// CORS (they decorate every response, errors included), then the error envelope.
/// `runsJobWorker` adds the in-process job worker. `serve` turns it on (`--no-jobs` off);
/// it is off by default so HTTP tests do not each poll the queue and hold a LISTEN
/// connection (PostgreSQL runs out of connections when they run in parallel).
public func buildApplication(environment env: AppEnvironment, runsJobWorker: Bool = false) -> some ApplicationProtocol {
    let router = buildRouter(environment: env)
    let config = env.configuration
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
        // Services stop in reverse order after the HTTP server: the job worker drains while
        // the database is still open, then ResourceService closes it.
        // The flag watcher polls the flags file and the database (both loaded at bootstrap).
        services: [ResourceService(storage: env.storage, hasher: env.hasher, logger: env.logger), FlagWatcherService(flags: env.flags)]
            + (runsJobWorker ? [JobWorker(environment: env)] : []),
        onServerRunning: { channel in
            env.logger.info("server listening", metadata: ["address": .string("\(channel.localAddress?.description ?? "?")")])
        },
        logger: env.logger
    )
}

public func buildRouter(environment env: AppEnvironment) -> Router<AppRequestContext> {
    let config = env.configuration
    let trusted = Set(config.trustedProxies)
    let routeIndex = RouteIndex()
    // HEAD is answered wherever GET is (RFC 9110 §9.1).
    let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: RequestSetupMiddleware(bodyLimits: BodyLimits(configuration: config), trustedProxies: trusted))
    var accessLogger = Logger(label: "marketmate.access")
    accessLogger.logLevel = config.logLevel
    router.add(middleware: ObservabilityMiddleware(metrics: env.metrics, accessLogger: accessLogger))
    router.add(middleware: SecurityHeadersMiddleware(hsts: config.servesHTTPS, trustedProxies: trusted))
    router.add(middleware: CORSMiddleware(allowedOrigins: Set(config.corsOrigins)))
    router.add(middleware: ErrorMiddleware(routes: routeIndex))
    // Rate limits (RateLimit/): /auth/* here, per address and account; the API groups below
    // after authentication, per key or user (`limited(by:)`), and their failed
    // authentications per address (`countingFailedAuthentication(by:)`).
    let limiter = config.rateLimits.enabled ? RateLimiter(environment: env) : nil
    if let limiter { router.add(middleware: RateLimitMiddleware(limiter: limiter, position: .auth)) }

    OperationsController(storage: env.storage, metrics: env.metrics, logger: env.logger).addRoutes(to: router)
    let auth = AuthController(auth: env.auth)
    auth.addWellKnownRoutes(to: router)
    OpenAPIController(routes: routeIndex).addRoutes(to: router)

    let api = router.group("api/v1")
    let apiKeys = APIKeyService(auth: env.auth)
    let authenticated = api.group().countingFailedAuthentication(by: limiter)
        .add(middleware: AuthMiddleware(auth: env.auth, apiKeys: apiKeys)).limited(by: limiter)
    auth.addRoutes(to: api, authenticated: authenticated)
    UsersController(auth: env.auth).addRoutes(to: authenticated)
    AdminUsersController(auth: env.auth).addRoutes(to: authenticated.group().add(middleware: RequireRole(.admin)))
    JobsAdminController(jobs: env.jobs).addRoutes(to: authenticated.group().add(middleware: RequireRole(.admin)))
    APIKeysController(keys: apiKeys).addRoutes(to: authenticated)

    let catalog = env.catalog
    let publicCatalog = api.group().countingFailedAuthentication(by: limiter)
        .add(middleware: OptionalAuthMiddleware(auth: env.auth, apiKeys: apiKeys)).limited(by: limiter)
    ShopsController(shops: catalog.shops, products: catalog.products).addRoutes(public: publicCatalog, authenticated: authenticated)
    ProductsController(products: catalog.products, browser: catalog.browser, shops: catalog.shops, cache: catalog.responses).addRoutes(public: publicCatalog, authenticated: authenticated)
    ProductImagesController(images: env.images).addRoutes(public: publicCatalog, authenticated: authenticated)
    UploadsController(imports: env.imports).addRoutes(to: authenticated)
    NotificationsController(notifications: env.notifications).addRoutes(to: authenticated)
    let commerce = env.commerce
    CartController(cart: commerce.cart).addRoutes(to: authenticated)
    CheckoutController(checkout: commerce.checkout, payments: commerce.payments, coupons: commerce.coupons, shipping: commerce.shipping)
        .addRoutes(public: publicCatalog, authenticated: authenticated)
    OrdersController(orders: commerce.orders, refunds: commerce.refunds, invoices: commerce.invoices).addRoutes(to: authenticated)
    StripeWebhookController(webhooks: commerce.webhooks).addRoutes(to: api)
    FlagsController(flags: env.flags).addRoutes(public: publicCatalog, admin: authenticated.group().add(middleware: RequireRole(.admin)))

    routeIndex.set(router.routes.map { RouteIndex.Route(method: $0.method, path: $0.path.description) })
    return router
}
