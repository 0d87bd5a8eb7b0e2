import Foundation
import SamizdatService
import Testing

/// `samizdat up` refuses to start, naming the port, when another process holds one of its ports.
@Suite struct UpCommandTests {
    @Test func upRefusesToStartWhenAPortIsTaken() throws {
        let bin = try Harness.binDirectory()
        let basePort = try LoopbackPorts.freeRange(count: 8)
        // hold the index's query port (base + 4) as a foreign process would
        let holder = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(basePort + 4).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(holder, 1) == 0)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samizdat-up-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(bin)/samizdat")
        process.arguments = [
            "up", "--data-dir", directory.path, "--base-port", "\(basePort)", "--http-port", "\(basePort + 7)", "--bin-dir", bin,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("port \(basePort + 4) (index queries) on 127.0.0.1 is in use"))
        // nothing was started: the data directory was never made
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }
}
