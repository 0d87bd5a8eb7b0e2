import Hummingbird
import NIOCore

/// The request context of report's HTTP routes: Hummingbird's basic context plus the client's address,
/// which the per-client request limit keys on.
public struct WorkbenchRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
