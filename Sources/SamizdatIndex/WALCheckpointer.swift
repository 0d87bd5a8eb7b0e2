import Foundation
import GRDBSQLite

/// Copies a store's write-ahead log into its database file on a thread of its own, after each
/// write: so that a commit returns once its pages are in the log (committed and searchable) and
/// not after a second copy of every page it wrote, which SQLite's automatic checkpoint makes
/// inside the commit (a quarter of a bulk load's time). The store turns that one off for its
/// writer's connection, and this one runs on a connection of its own.
///
/// Checkpoints are PASSIVE: they never wait for readers or block the writer. `finish` waits
/// for the one under way, then truncates the log (TRUNCATE), which waits for readers.
final class WALCheckpointer: @unchecked Sendable {
    private let path: String
    private let queue = DispatchQueue(label: "samizdat.wal-checkpoint", qos: .utility)
    private let lock = NSLock()
    // guarded by `lock`
    private var pending = false
    private var spent = 0.0
    private var failure: String?
    /// Used on `queue` only.
    private var connection: OpaquePointer?

    init(path: String) {
        self.path = path
    }

    deinit {
        if let connection { sqlite3_close_v2(connection) }
    }

    /// Asks for a checkpoint soon (requests made while one waits to start are one).
    func request() {
        lock.lock()
        defer { lock.unlock() }
        guard !pending else { return }
        pending = true
        queue.async {
            self.lock.withLock { self.pending = false }
            self.run(SQLITE_CHECKPOINT_PASSIVE)
        }
    }

    /// Waits for the checkpoint under way, then copies what is left and truncates the log.
    /// Throws the last failure of a checkpoint, if any since the last call.
    func finish() throws {
        queue.sync { run(SQLITE_CHECKPOINT_TRUNCATE) }
        if let failed = takeFailure() { throw CheckpointError(description: failed) }
    }

    /// The last failure of a checkpoint since the last call, if any.
    func takeFailure() -> String? {
        lock.withLock {
            defer { failure = nil }
            return failure
        }
    }

    /// Seconds the checkpoints have taken so far, all told.
    var seconds: Double { lock.withLock { spent } }

    struct CheckpointError: Error, CustomStringConvertible {
        var description: String
    }

    private func run(_ mode: Int32) {
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let s = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            lock.withLock { spent += s }
        }
        if connection == nil {
            var db: OpaquePointer?
            let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
            guard rc == SQLITE_OK, let db else {
                record("cannot open \(path) for checkpoints: \(String(cString: sqlite3_errstr(rc)))")
                if let db { sqlite3_close_v2(db) }
                return
            }
            sqlite3_busy_timeout(db, 5_000)
            // a connection opens the WAL with its first read; until then a checkpoint copies nothing
            let read = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nil, nil, nil)
            guard read == SQLITE_OK else {
                record("cannot read \(path) for checkpoints: \(String(cString: sqlite3_errmsg(db)))")
                sqlite3_close_v2(db)
                return
            }
            connection = db
        }
        let rc = sqlite3_wal_checkpoint_v2(connection, nil, mode, nil, nil)
        // busy: another checkpoint or, for TRUNCATE, a reader that stayed; the next one copies on
        if rc != SQLITE_OK && rc != SQLITE_BUSY {
            record("checkpoint of \(path) failed: \(String(cString: sqlite3_errmsg(connection)))")
        }
    }

    private func record(_ message: String) {
        lock.withLock { failure = message }
    }
}

/// Sends a large write's WAL pages to disk while the write goes on, on another thread, so that
/// the commit's own sync (synchronous = FULL) waits for its last pages only, not for the
/// tens of MiB the write's rows put in the WAL. Opens the WAL file for itself: a write-back
/// error its sync meets is still reported to SQLite's own sync at the commit.
final class WALFlusher: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var busy = false
    private var again = false

    /// Nil when the WAL cannot be opened (the commit then syncs it all, as without this).
    init?(path: String) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
    }

    deinit { close(fd) }

    /// Starts a sync of the WAL; one under way syncs again when it ends (it may have begun
    /// before the pages written since).
    func flush() {
        let start = lock.withLock {
            if busy {
                again = true
                return false
            }
            busy = true
            return true
        }
        guard start else { return }
        DispatchQueue.global(qos: .utility).async {
            repeat {
                self.lock.withLock { self.again = false }
                _ = fdatasync(self.fd)
            } while self.lock.withLock({
                if !self.again { self.busy = false }
                return self.again
            })
        }
    }
}
