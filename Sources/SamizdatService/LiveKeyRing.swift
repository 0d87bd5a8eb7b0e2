import Foundation
import Synchronization

/// The key ring a running service checks connections against, with `clients.txt` read again whenever
/// the file changes: an operator adds or revokes a client key without restarting anything. A file
/// that no longer reads keeps the previous allow-list, and says why through `onReloadError`.
public final class LiveKeyRing: Sendable {
    private struct State {
        var ring: KeyRing
        var clientsModified: Date?
    }

    public let directory: String
    private let state: Mutex<State>
    private let onReloadError: @Sendable (Error) -> Void

    public init(ring: KeyRing, directory: String, onReloadError: @escaping @Sendable (Error) -> Void) {
        self.directory = directory
        self.onReloadError = onReloadError
        state = Mutex(State(ring: ring, clientsModified: Self.modified("\(directory)/clients.txt")))
    }

    /// The ring with the allow-list as `clients.txt` says now.
    public func current() -> KeyRing {
        let path = "\(directory)/clients.txt"
        let modified = Self.modified(path)
        return state.withLock { state in
            guard modified != state.clientsModified else { return state.ring }
            state.clientsModified = modified
            do {
                state.ring.clients = try KeyRing.readClients(path)
            } catch {
                onReloadError(error)
            }
            return state.ring
        }
    }

    private static func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
