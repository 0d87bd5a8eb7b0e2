import Logging
import ZeroMQ

/// Logs the handshakes a server socket refuses that its ZAP handler never sees: a client without keys
/// (a mechanism mismatch) or one that breaks the handshake. Refused keys are logged by the ZAP handler.
public enum HandshakeLog {
    public static func watch(_ socket: Socket, context: Context, security: ServiceSecurity, domain: SocketDomain, logger: Logger) throws {
        guard !security.isInsecure else { return }
        _ = try HandshakeMonitor(socket: socket, context: context) { event in
            switch event {
            case .succeeded, .refused:
                return
            case .protocolFailure, .failed:
                logger.event(
                    "auth.denied",
                    "connection refused: \(event.summary)",
                    level: .warning,
                    ["auth.domain": .string(domain.rawValue), "auth.mechanism": .string(event.isMechanismMismatch ? "NULL" : "-")]
                )
            }
        }
    }
}
