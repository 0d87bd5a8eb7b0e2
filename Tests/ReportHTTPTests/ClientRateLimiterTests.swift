import Foundation
import Hummingbird
import HummingbirdTesting
import ReportHTTP
import Testing

@Suite struct ClientRateLimiterTests {
    let start = ContinuousClock.now

    @Test func aClientGetsItsBurstThenWaitsForTokens() {
        let limiter = ClientRateLimiter(limit: .init(requestsPerSecond: 2, burst: 3))
        for _ in 0..<3 {
            #expect(limiter.admit("10.0.0.1", at: start) == .admitted)
        }
        #expect(limiter.admit("10.0.0.1", at: start) == .refused(retryAfterSeconds: 1))
        // half a second brings back one token at 2 per second
        #expect(limiter.admit("10.0.0.1", at: start + .milliseconds(500)) == .admitted)
        #expect(limiter.admit("10.0.0.1", at: start + .milliseconds(500)) == .refused(retryAfterSeconds: 1))
    }

    @Test func clientsHaveBucketsOfTheirOwn() {
        let limiter = ClientRateLimiter(limit: .init(requestsPerSecond: 1, burst: 1))
        #expect(limiter.admit("10.0.0.1", at: start) == .admitted)
        #expect(limiter.admit("10.0.0.1", at: start) == .refused(retryAfterSeconds: 1))
        #expect(limiter.admit("10.0.0.2", at: start) == .admitted)
    }

    @Test func theWaitIsRoundedUpToWholeSeconds() {
        let limiter = ClientRateLimiter(limit: .init(requestsPerSecond: 0.25, burst: 1))
        #expect(limiter.admit("client", at: start) == .admitted)
        #expect(limiter.admit("client", at: start + .seconds(1)) == .refused(retryAfterSeconds: 3))
        #expect(limiter.admit("client", at: start + .seconds(4)) == .admitted)
    }

    @Test func refilledBucketsAreForgotten() {
        let limiter = ClientRateLimiter(limit: .init(requestsPerSecond: 10, burst: 2), sweepThreshold: 2)
        for client in ["a", "b", "c"] {
            #expect(limiter.admit(client, at: start) == .admitted)
        }
        #expect(limiter.clientCount == 3)
        // a second later every bucket is full again: the sweep drops them before adding "d"
        #expect(limiter.admit("d", at: start + .seconds(1)) == .admitted)
        #expect(limiter.clientCount == 1)
    }
}

/// The limit in front of real routes: 429 with Retry-After and a message that names the limit.
@Suite struct ClientRateLimitMiddlewareTests {
    @Test func theClientPastItsBurstIsToldWhenToComeBack() async throws {
        let router = Router(context: WorkbenchRequestContext.self)
        router.add(middleware: ClientRateLimitMiddleware(limiter: ClientRateLimiter(limit: .init(requestsPerSecond: 0.01, burst: 2))))
        WorkbenchRoutes.register(on: router, backend: FakeBackend(), events: EventHub())
        try await Application(router: router).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/status", method: .get) { response in #expect(response.status == .ok) }
            }
            try await client.execute(uri: "/api/status", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                // one token every 100 s: however slowly the test runs, the wait is whole seconds up to 100
                let retryAfter = Int(response.headers[.retryAfter] ?? "") ?? 0
                #expect((1...100).contains(retryAfter))
                #expect(String(buffer: response.body).contains("the limit is 0.01 per second with bursts of 2"))
            }
            // probes still get through
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
        }
    }
}
