import ZeroMQ

/// Every socket a service binds, as the ZAP domain its CURVE server announces: the key ring decides
/// per domain which keys may connect. Internal sockets take only the services that use them.
public enum SocketDomain: String, Sendable, CaseIterable {
    case ingestClient = "ingest.client"
    case ingestWork = "ingest.work"
    case ingestAcks = "ingest.acks"
    case indexIntake = "index.intake"
    case indexQueries = "index.queries"
    case indexEvents = "index.events"
    case reportClient = "report.client"

    /// The service that binds the socket.
    public var owner: ServiceName {
        switch self {
        case .ingestClient, .ingestWork, .ingestAcks: .ingest
        case .indexIntake, .indexQueries, .indexEvents: .index
        case .reportClient: .report
        }
    }

    /// The services whose keys may connect. A service's own key reaches its request sockets, so that
    /// its container's healthcheck (`samizdat ping --key-name <service>`) can ask with the key it holds.
    public var services: Set<ServiceName> {
        switch self {
        case .ingestClient: [.report, .ingest]
        case .ingestWork: [.segment]
        case .ingestAcks: [.segment, .index]
        case .indexIntake: [.segment]
        case .indexQueries: [.report, .ingest, .index]
        case .indexEvents: [.report]
        case .reportClient: [.report]
        }
    }

    /// Whether client keys of the allow-list may connect (their role is checked per request).
    public var takesClients: Bool { self == .ingestClient || self == .reportClient }
}

extension KeyRing {
    /// The ZAP answer for one connection: a service's key where the domain takes that service, an
    /// allowed client's key where the domain takes clients; everything else is refused with why.
    /// User ids: `service:<name>` or `client:<role>:<name>`.
    public func decide(_ request: ZAPRequest) -> ZAPDecision {
        guard let domain = SocketDomain(rawValue: request.domain) else {
            return .deny(reason: "unknown ZAP domain '\(request.domain)'")
        }
        guard request.mechanism == "CURVE", let key = request.clientKey else {
            return .deny(reason: "\(request.mechanism) mechanism refused: CURVE keys are required")
        }
        for service in domain.services where servicePublicKeys[service] == key {
            return .allow(userId: "service:\(service.rawValue)")
        }
        if domain.takesClients, let client = clients.first(where: { $0.publicKey == key }) {
            return .allow(userId: "client:\(client.role.rawValue):\(client.name)")
        }
        return .deny(reason: "key \(key) may not connect to \(domain.rawValue)")
    }
}

/// Who sent a request, from the user id its connection was given.
public enum Requester: Sendable, Equatable {
    case service(ServiceName)
    case client(role: ClientRole, name: String)
    /// The socket has no authentication (`--insecure`).
    case unauthenticated
    /// A user id this code does not know: allowed nothing.
    case unrecognized(String)

    public init(userId: String?) {
        guard let userId else {
            self = .unauthenticated
            return
        }
        let parts = userId.split(separator: ":", maxSplits: 2).map(String.init)
        if parts.count == 2, parts[0] == "service", let service = ServiceName(rawValue: parts[1]) {
            self = .service(service)
        } else if parts.count == 3, parts[0] == "client", let role = ClientRole(rawValue: parts[1]) {
            self = .client(role: role, name: parts[2])
        } else {
            self = .unrecognized(userId)
        }
    }

    /// The user id as log lines name it.
    public var label: String {
        switch self {
        case .service(let service): "service:\(service.rawValue)"
        case .client(let role, let name): "client:\(role.rawValue):\(name)"
        case .unauthenticated: "unauthenticated"
        case .unrecognized(let userId): "unrecognized:\(userId)"
        }
    }

    /// Whether this requester may do what `role` allows. Services may do what their protocol asks;
    /// without authentication everything is allowed, as the operator chose with `--insecure`.
    public func may(_ role: ClientRole) -> Bool {
        switch self {
        case .service, .unauthenticated: true
        case .client(let held, _): held >= role
        case .unrecognized: false
        }
    }
}
