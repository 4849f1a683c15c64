import Foundation
import HTTPTypes
import Hummingbird
import Logging
import CoreMetrics
import Metrics
import Prometheus

/// The app's own Prometheus registry, fed through swift-metrics with an explicit factory,
/// so several servers in one test process never share (or double-bootstrap) globals.
public final class AppMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.registry = registry
        self.factory = factory
    }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let dimensions = [("method", method), ("route", route), ("status", String(status))]
        CoreMetrics.Counter(label: "marketmate_http_requests_total", dimensions: dimensions, factory: factory).increment()
        CoreMetrics.Timer(label: "marketmate_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .recordNanoseconds(duration.nanoseconds)
    }

    public func counter(_ label: String, _ dimensions: [(String, String)] = []) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
    }

    public func exposition() -> String { registry.emitToString() }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Access log line and request metrics for every request, labelled by route pattern
/// (never the raw path, which would explode label cardinality and could carry ids).
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: AppMetrics
    let accessLogger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Inner middleware turns errors into responses; reaching here is itself a bug.
            record(request, context: context, status: 500, start: start)
            throw error
        }
        record(request, context: context, status: Int(response.status.code), start: start)
        return response
    }

    /// Clients choose the method string; only known ones become labels, so made-up methods
    /// cannot grow the registry without end.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .patch, .delete, .options: method.rawValue
        default: "OTHER"
        }
    }

    private func record(_ request: Request, context: Context, status: Int, start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let route = context.endpointPath ?? "NotFound"
        metrics.recordRequest(method: Self.methodLabel(request.method), route: route, status: status, duration: elapsed)
        guard accessLogger.logLevel <= .info else { return }
        let metadata: Logger.Metadata = [
            "requestId": .string(context.requestID),
            "method": .string(Self.methodLabel(request.method)),
            "path": .string(String(request.uri.path.prefix(512))),
            "route": .string(route),
            "status": .stringConvertible(status),
            "durationMs": .stringConvertible((Double(elapsed.nanoseconds) / 1_000_000 * 1000).rounded() / 1000),
            "client": .string(context.clientIP),
        ]
        accessLogger.info("request", metadata: metadata)
    }
}
