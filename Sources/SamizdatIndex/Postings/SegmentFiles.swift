import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The directory beside a store's database file (`<database>-segments`) that holds its large
/// posting segments, one file each, as Lucene and tantivy keep theirs: a segment's bytes are
/// written (by the threads that encode it, each its own part), made durable, and then named by a
/// row of the `segments` table in the commit that adds it; queries read it mapped into memory.
/// A segment under `minimumBytes` is kept in its row instead (a small write then syncs one file,
/// the WAL, not two).
///
/// Crash safety: a file is synced, and the directory with it, before the commit that names it;
/// a file no row names (its write failed or did not commit, or it was merged away and the process
/// stopped before removing it) is removed when the store opens (`removeUnnamed`), inside a write
/// transaction so that no other writer's file is mid-write. A file merged away is removed after
/// the commit that deletes its row; a snapshot still reading it keeps its mapping.
final class SegmentFiles: Sendable {
    let directory: String
    /// Segments from this size are written to files.
    let minimumBytes: Int

    static let suffix = ".szp"

    init(directory: String, minimumBytes: Int = 4 << 20) throws {
        self.directory = directory
        self.minimumBytes = minimumBytes
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The directory of the store whose database is at `path`.
    static func directory(forDatabase path: String) -> String { path + "-segments" }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// A new, empty file for the segment whose first paragraph is `first`.
    func create(first: Int64) throws -> SegmentFile {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let name = "\(String(first, radix: 16))-\(String(random.next() as UInt64, radix: 16))\(Self.suffix)"
            let fd = open(path(name), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { return SegmentFile(name: name, path: path(name), fd: fd) }
            guard errno == EEXIST else { throw SegmentFileError.system("create \(path(name))", errno) }
        }
        throw SegmentFileError.system("create a segment file in \(directory)", EEXIST)
    }

    /// Writes `bytes` as a new segment file, synced; returns its name.
    func write(_ bytes: UnsafeBufferPointer<UInt8>, first: Int64) throws -> String {
        let file = try create(first: first)
        defer { file.close() }
        do {
            try file.write(bytes, at: 0)
            try file.sync()
        } catch {
            remove([file.name])
            throw error
        }
        return file.name
    }

    /// Makes the files created in the directory durable (their names, not their bytes: `sync`).
    func syncDirectory() throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SegmentFileError.system("open \(directory)", errno) }
        defer { Glibc.close(fd) }
        guard fsync(fd) == 0 else { throw SegmentFileError.system("sync \(directory)", errno) }
    }

    /// The file `name` mapped into memory, read into it at once (as a stored segment was read
    /// from its row), for `PostingSegment(mapped:)`.
    func map(_ name: String) throws -> UnsafeBufferPointer<UInt8> {
        let fd = open(path(name), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SegmentFileError.system("open \(path(name))", errno) }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw SegmentFileError.system("stat \(path(name))", errno) }
        return try Self.map(fd, count: Int(info.st_size), populate: true, path: path(name))
    }

    static func map(_ fd: Int32, count: Int, populate: Bool, path: String) throws -> UnsafeBufferPointer<UInt8> {
        guard count > 0 else { throw SegmentFileError.empty(path) }
        let flags = MAP_SHARED | (populate ? MAP_POPULATE : 0)
        guard let p = mmap(nil, count, PROT_READ, flags, fd, 0), p != MAP_FAILED else {
            throw SegmentFileError.system("map \(path)", errno)
        }
        return UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: count)
    }

    static func unmap(_ buffer: UnsafeBufferPointer<UInt8>) {
        munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
    }

    /// Removes the files `names` (those missing are passed over).
    func remove(_ names: some Sequence<String>) {
        for name in names { unlink(path(name)) }
    }

    /// Removes every segment file but those in `named`.
    func removeUnnamed(_ named: Set<String>) throws {
        let all = try FileManager.default.contentsOfDirectory(atPath: directory)
        remove(all.filter { $0.hasSuffix(Self.suffix) && !named.contains($0) })
    }
}

/// One segment file being written: parts at their offsets (from any thread, each its own
/// range), then synced and mapped.
struct SegmentFile: Sendable {
    let name: String
    let path: String
    let fd: Int32

    func write(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw SegmentFileError.system("write \(path)", errno)
            }
            done += n
        }
    }

    func sync() throws {
        guard fdatasync(fd) == 0 else { throw SegmentFileError.system("sync \(path)", errno) }
    }

    /// Starts sending the bytes written so far to disk, on another thread, then calls `done`
    /// with the failure, if any (the kernel reports a write-back error once per open file, so
    /// `sync` may not meet it again: the caller must keep it).
    func flush(then done: @escaping @Sendable (Error?) -> Void) {
        let copy = dup(fd)
        guard copy >= 0 else { return done(SegmentFileError.system("dup \(path)", errno)) }
        let path = self.path
        DispatchQueue.global(qos: .utility).async {
            let failed = fdatasync(copy) != 0 ? SegmentFileError.system("sync \(path)", errno) : nil
            Glibc.close(copy)
            done(failed)
        }
    }

    /// The file's first `count` bytes mapped into memory (pages come in as they are read).
    func map(count: Int) throws -> UnsafeBufferPointer<UInt8> {
        try SegmentFiles.map(fd, count: count, populate: false, path: path)
    }

    func close() { Glibc.close(fd) }
}

enum SegmentFileError: Error, CustomStringConvertible {
    case system(String, Int32)
    case empty(String)

    var description: String {
        switch self {
        case let .system(what, code): "posting segment file: \(what): \(String(cString: strerror(code)))"
        case let .empty(path): "posting segment file \(path) is empty"
        }
    }
}
