import Hummingbird

/// Refuses a client that sends more than its limit with 429 Too Many Requests, `Retry-After` and a
/// message naming the limit. `/healthz` and `/metrics` are never limited: probes and Prometheus must
/// get through.
public struct ClientRateLimitMiddleware<Context: RemoteAddressRequestContext>: RouterMiddleware {
    public static var exemptPaths: Set<String> { rateLimitExemptPaths }

    let limiter: ClientRateLimiter

    public init(limiter: ClientRateLimiter) {
        self.limiter = limiter
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if rateLimitExemptPaths.contains(request.uri.path) {
            return try await next(request, context)
        }
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        switch limiter.admit(client, at: .now) {
        case .admitted:
            return try await next(request, context)
        case .refused(let seconds):
            let limit = limiter.limit
            throw HTTPError(
                .tooManyRequests,
                headers: [.retryAfter: "\(seconds)"],
                message:
                    "too many requests from \(client): the limit is \(limit.requestsPerSecond) per second with bursts of \(limit.burst); retry after \(seconds) s"
            )
        }
    }
}

/// Probes and Prometheus; built once (a generic type cannot keep a stored static).
let rateLimitExemptPaths: Set<String> = ["/healthz", "/metrics"]
