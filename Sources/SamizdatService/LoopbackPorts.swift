import Foundation

/// Finding free TCP ports on 127.0.0.1, for running a private pipeline (tests, `samizdat bench pipeline`).
public enum LoopbackPorts {
    /// The first of `count` consecutive ports that can be bound now, outside `avoiding`.
    public static func freeRange(count: Int, avoiding: Range<Int> = 0..<0) throws -> Int {
        for _ in 0..<200 {
            let base = Int.random(in: 20_000...45_000)
            let range = base..<(base + count)
            if !range.overlaps(avoiding), range.allSatisfy(isFree) { return base }
        }
        throw LoopbackPortsError()
    }

    /// True when a listening socket could bind `port` on 127.0.0.1 now (with SO_REUSEADDR, as
    /// libzmq and Hummingbird bind, so a port in TIME_WAIT counts as free).
    public static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var reuse: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// Pids of `parent`'s children whose command line names `samizdat-SERVICE` (through pgrep).
    public static func childPIDs(of parent: Int32, service: String) -> [Int32] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pgrep")
        p.arguments = ["-P", "\(parent)", "-f", "samizdat-\(service)"]
        let out = Pipe()
        p.standardOutput = out
        do { try p.run() } catch { return [] }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text.split(separator: "\n").compactMap { Int32($0) }
    }
}

public struct LoopbackPortsError: Error, CustomStringConvertible {
    public var description: String { "no free loopback port range found" }
}
