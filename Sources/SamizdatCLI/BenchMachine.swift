import Foundation

/// What the bench lines say about the machine and the process (Linux /proc; nil elsewhere).
struct BenchMachine {
    var cpu: String
    var cores: Int
    var memGiB: Double?
    var platform: String

    static var current: BenchMachine {
        var cpu = ""
        if let s = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = s.split(separator: "\n").first(where: { $0.hasPrefix("model name") })
        {
            cpu = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        }
        var mem: Double?
        if let kb = procValue("/proc/meminfo", "MemTotal:") { mem = Double(kb) / 1024 / 1024 }
        let os = ProcessInfo.processInfo.operatingSystemVersionString
        return BenchMachine(cpu: cpu, cores: ProcessInfo.processInfo.activeProcessorCount, memGiB: mem, platform: os)
    }

    /// Peak resident set size of this process in MiB (VmHWM).
    /// CPU seconds this process has used, user and system, all threads.
    static var cpuSeconds: Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    static var peakRSSMiB: Double? { procValue("/proc/self/status", "VmHWM:").map { Double($0) / 1024 } }

    /// The first number after `key` in a /proc file (kB for the memory fields).
    static func procValue(_ path: String, _ key: String) -> Int? {
        guard let s = try? String(contentsOfFile: path, encoding: .utf8),
            let line = s.split(separator: "\n").first(where: { $0.hasPrefix(key) })
        else { return nil }
        return line.split(separator: " ").dropFirst().lazy.compactMap { Int($0) }.first
    }

    static var swiftVersion: String {
        #if swift(>=6.3)
        return "6.3"
        #elseif swift(>=6.2)
        return "6.2"
        #else
        return "<6.2"
        #endif
    }
}
