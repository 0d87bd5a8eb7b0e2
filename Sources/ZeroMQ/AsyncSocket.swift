import Foundation
import Synchronization

/// One socket on its own thread, reached from async code: sends and receives are handed
/// through a mailbox and an eventfd, so no task ever blocks in libzmq.
/// For clients (the CLI, tests); the services run their own poll loops.
public final class AsyncSocket: Sendable {
    private struct Pending: Sendable {
        var frames: [[Data]]
        var done: CheckedContinuation<Void, Error>
    }
    private struct Receiver: Sendable {
        var id: UInt64
        var deadline: ContinuousClock.Instant?
        var done: CheckedContinuation<ReceivedMessage?, Error>
    }
    private struct State: Sendable {
        var sends: [Pending] = []
        var receivers: [Receiver] = []
        var inbox: [ReceivedMessage] = []
        var closing = false
        var failure: ZeroMQError?
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())
    private let wakeup = Wakeup()
    private let finished = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let stopped = Mutex(false)

    /// Creates the socket with `make` on a new thread and starts its loop.
    public init(name: String = "zmq-async", _ make: @escaping @Sendable () throws -> Socket) throws {
        let ready = DispatchSemaphore(value: 0)
        let startError = Mutex<Error?>(nil)
        let thread = Thread { [self] in
            let socket: Socket
            do { socket = try make() } catch {
                startError.withLock { $0 = error }
                ready.signal()
                return
            }
            ready.signal()
            loop(socket)
            socket.close()
            stopped.withLock { $0 = true }
            if let c = finished.withLock({ c in
                defer { c = nil }
                return c
            }) {
                c.resume()
            }
        }
        thread.name = name
        thread.start()
        ready.wait()
        if let e = startError.withLock({ $0 }) { throw e }
    }

    /// Queues one message and returns once libzmq has taken it.
    public func send(_ frames: [Data]) async throws {
        try await send(batch: [frames])
    }

    /// Queues several messages in one hop to the socket thread.
    public func send(batch: [[Data]]) async throws {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
            let rejected: ZeroMQError? = state.withLock { s in
                if s.closing { return ZeroMQError.terminated }
                s.sends.append(Pending(frames: batch, done: c))
                return nil
            }
            if let rejected { c.resume(throwing: rejected) } else { wakeup.signal() }
        }
    }

    /// The next message, or nil when `timeout` passes first.
    public func receive(timeout: Duration? = nil) async throws -> [Data]? {
        try await receiveMessage(timeout: timeout)?.frames
    }

    /// The next message with the user id its connection was authenticated as, or nil when `timeout`
    /// passes first.
    public func receiveMessage(timeout: Duration? = nil) async throws -> ReceivedMessage? {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<ReceivedMessage?, Error>) in
            enum Outcome {
                case message(ReceivedMessage)
                case closed, queued
            }
            let outcome: Outcome = state.withLock { s in
                if !s.inbox.isEmpty { return .message(s.inbox.removeFirst()) }
                if s.closing { return .closed }
                s.nextID += 1
                s.receivers.append(Receiver(id: s.nextID, deadline: timeout.map { ContinuousClock.now + $0 }, done: c))
                return .queued
            }
            switch outcome {
            case .message(let m): c.resume(returning: m)
            case .closed: c.resume(throwing: ZeroMQError.terminated)
            case .queued: wakeup.signal()
            }
        }
    }

    /// Stops the loop and closes the socket; pending calls fail with `.terminated`.
    public func close() async {
        let already = state.withLock { s in
            defer { s.closing = true }
            return s.closing
        }
        wakeup.signal()
        if already && stopped.withLock({ $0 }) { return }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let done = stopped.withLock { st in
                if !st { finished.withLock { $0 = c } }
                return st
            }
            if done { c.resume() }
        }
    }

    // MARK: the socket thread

    private func loop(_ socket: Socket) {
        var poller = Poller()
        poller.add(socket)
        poller.add(fd: wakeup.fd)
        while true {
            // Hand over queued sends.
            let (sends, closing) = state.withLock { s in
                defer { s.sends.removeAll() }
                return (s.sends, s.closing)
            }
            for p in sends {
                do {
                    for m in p.frames { try socket.send(m) }
                    p.done.resume()
                } catch { p.done.resume(throwing: error) }
            }
            if closing { break }
            // Take what has arrived (send-only kinds never receive: asking them is ENOTSUP).
            var received: [ReceivedMessage] = []
            do { if socket.kind.canReceive { received = try socket.receiveMessageBatch() } } catch {
                fail(error as? ZeroMQError ?? .terminated)
                return
            }
            let now = ContinuousClock.now
            let nextDeadline: ContinuousClock.Instant? = state.withLock { s in
                s.inbox.append(contentsOf: received)
                while !s.inbox.isEmpty, !s.receivers.isEmpty {
                    s.receivers.removeFirst().done.resume(returning: s.inbox.removeFirst())
                }
                s.receivers.removeAll { r in
                    if let d = r.deadline, d <= now {
                        r.done.resume(returning: nil)
                        return true
                    }
                    return false
                }
                return s.receivers.compactMap(\.deadline).min()
            }
            var timeout = -1
            if let d = nextDeadline {
                let left = d - now
                timeout = max(1, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            }
            do {
                if case .ready(let idx) = try poller.poll(timeoutMs: timeout), idx.contains(1) { wakeup.drain() }
            } catch {
                fail(error as? ZeroMQError ?? .terminated)
                return
            }
        }
        fail(.terminated)
    }

    private func fail(_ error: ZeroMQError) {
        let (sends, receivers) = state.withLock { s in
            s.closing = true
            defer {
                s.sends.removeAll()
                s.receivers.removeAll()
            }
            return (s.sends, s.receivers)
        }
        for send in sends {
            send.done.resume(throwing: error)
        }
        for receiver in receivers {
            receiver.done.resume(throwing: error)
        }
    }
}
