import ArgumentParser
import Foundation
import SamizdatModel
import SamizdatService
import Synchronization

extension Samizdat {
    struct Ingest: AsyncParsableCommand, Sendable {
        static let configuration = CommandConfiguration(
            abstract: "Stream texts, PDFs, EPUBs and web pages into the pipeline: files, directories (recursively) or - for standard input.",
            discussion: """
                Prints one line per text: accepted or duplicate with the document id, or the reason it was refused.
                Exits non-zero if any text was refused. Many files go with a bounded window of requests in flight. \
                A PDF, an EPUB or an HTML page (by its extension or its first bytes) is sent as it is, declared \
                `format: pdf`, `epub` or `html`; ingest keeps the original and segment reads its pages, page labels \
                and structure.
                """
        )

        @Argument(help: "Files, directories (their .txt, .pdf, .epub, .html and .htm files, recursively), or - for standard input.")
        var paths: [String]
        @Option(help: "Title (default: the file name without extension).") var title: String?
        @Option(help: "Author.") var author: String?
        @Option(help: "Source (default: the file name).") var source: String?
        @Option(help: "Your own id for the text; new content under the same id makes a new version. Only with one input.")
        var externalID: String?
        @Option(help: "File extensions taken from directories, comma-separated.") var ext = "txt,pdf,epub,html,htm"
        @Option(help: "Input encoding: utf8, latin1, windows-1252 (transcoded to UTF-8 before sending).")
        var encoding: InputEncoding = .utf8
        @Option(help: "Requests in flight at once.") var window = 16
        @Option(help: "Attempts per text on timeouts (same request id each time).") var attempts = 3
        @Flag(help: "No progress line.") var quiet = false
        @OptionGroup var services: ServiceOptions

        func validate() throws {
            if externalID != nil && (paths.count != 1 || (paths.first.map { isDirectory($0) } ?? false)) {
                throw ValidationError("--external-id names one text: give exactly one file")
            }
            guard window > 0 else { throw ValidationError("--window must be at least 1") }
        }

        func run() async throws {
            let inputs = try collect()
            guard !inputs.isEmpty else { throw ValidationError("no input files found in \(paths.joined(separator: " "))") }
            let client: RequestClient
            do { client = try services.client(.ingest, endpoint: services.ingest) } catch { throw fail(error) }
            let progress = Progress(total: inputs.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
            await withTaskGroup(of: Void.self) { group in
                var next = 0
                func start(_ i: Int) {
                    group.addTask {
                        let line = await send(inputs[i], client: client, progress: progress)
                        progress.print(line.text, toError: !line.ok)
                    }
                }
                while next < min(window, inputs.count) {
                    start(next)
                    next += 1
                }
                while await group.next() != nil {
                    if next < inputs.count {
                        start(next)
                        next += 1
                    }
                }
            }
            progress.finish()
            await client.close()
            let failed = progress.counts.withLock { $0.failed }
            if failed > 0 {
                FileHandle.standardError.write(Data("\(failed) of \(inputs.count) texts refused\n".utf8))
                throw ExitCode(1)
            }
        }

        struct Input: Sendable {
            var path: String
            var name: String
        }

        func isDirectory(_ path: String) -> Bool {
            var d: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
        }

        func collect() throws -> [Input] {
            let exts = Set(ext.split(separator: ",").map { $0.lowercased() })
            var out: [Input] = []
            for p in paths {
                if p == "-" {
                    out.append(Input(path: "-", name: "stdin"))
                    continue
                }
                if isDirectory(p) {
                    guard let e = FileManager.default.enumerator(atPath: p) else { continue }
                    var found: [String] = []
                    while let rel = e.nextObject() as? String {
                        let full = (p as NSString).appendingPathComponent(rel)
                        if exts.contains((rel as NSString).pathExtension.lowercased()), !isDirectory(full),
                            !((rel as NSString).lastPathComponent.hasPrefix("."))
                        {
                            found.append(full)
                        }
                    }
                    out += found.sorted().map { Input(path: $0, name: ($0 as NSString).lastPathComponent) }
                } else if FileManager.default.fileExists(atPath: p) {
                    out.append(Input(path: p, name: (p as NSString).lastPathComponent))
                } else {
                    throw ValidationError("no such file or directory: \(p)")
                }
            }
            return out
        }

        struct Line {
            var ok: Bool
            var text: String
        }

        func send(_ input: Input, client: RequestClient, progress: Progress) async -> Line {
            let raw: Data
            if input.path == "-" {
                raw = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let d = FileManager.default.contents(atPath: input.path) else {
                    progress.count(.failed)
                    return Line(ok: false, text: "\(input.path): error: cannot read the file")
                }
                raw = d
            }
            // a file goes as its bytes, declared by its extension or its first bytes; text is transcoded
            let named = DocumentFormat(fileExtension: (input.name as NSString).pathExtension)
            let sniffed = DocumentFormat.sniff(raw)
            let format: DocumentFormat = named?.isBinary == true ? named! : sniffed
            let transcoded = format.isBinary ? raw : encoding.utf8Bytes(raw)
            guard let body = transcoded else {
                progress.count(.failed)
                return Line(ok: false, text: "\(input.path): error: not valid \(encoding.rawValue)")
            }
            let header = { (req: String) in
                IngestHeader(
                    req: req,
                    title: title ?? (input.name as NSString).deletingPathExtension,
                    author: author,
                    source: source ?? input.name,
                    externalID: externalID,
                    format: format.isBinary ? format.rawValue : nil
                )
            }
            let req = client.nextRequestID()
            var attempt = 0
            while true {
                attempt += 1
                do {
                    let reply = try await client.request(id: req, timeout: services.timeoutDuration) { id in
                        try WireMessage(.ingest, header(id), body: [body])
                    }
                    switch reply.kind {
                    case .accepted:
                        let h = try reply.header(as: AcceptedHeader.self)
                        progress.count(.accepted, bytes: h.bytes)
                        return Line(ok: true, text: "accepted   \(h.doc) v\(h.version)  \(input.path)")
                    case .duplicate:
                        let h = try reply.header(as: DuplicateHeader.self)
                        progress.count(.duplicate)
                        return Line(ok: true, text: "duplicate  \(h.doc) v\(h.version)  \(input.path)")
                    case .busy:
                        let h = try reply.header(as: BusyHeader.self)
                        progress.count(.busy)
                        attempt -= 1  // busy is not a failed attempt: wait as told and go again
                        try await Task.sleep(for: .milliseconds(h.retryMs))
                    case .error:
                        let e = try reply.header(as: ErrorHeader.self).error
                        progress.count(.failed)
                        return Line(ok: false, text: "\(input.path): error: \(e.description)")
                    default:
                        progress.count(.failed)
                        return Line(ok: false, text: "\(input.path): error: unexpected reply '\(reply.kind.rawValue)'")
                    }
                } catch let e as ProtocolError where e.code == .unavailable && attempt < attempts {
                    progress.count(.retry)
                    continue  // Lazy Pirate: same request id, ingest answers it once
                } catch {
                    progress.count(.failed)
                    return Line(ok: false, text: "\(input.path): error: \((error as? ProtocolError)?.description ?? "\(error)")")
                }
            }
        }
    }
}

/// The progress line on standard error: counts and throughput, redrawn in place.
final class Progress: Sendable {
    enum Event { case accepted, duplicate, failed, busy, retry }
    struct Counts { var accepted = 0, duplicate = 0, failed = 0, busy = 0, retry = 0, bytes = 0 }
    let total: Int
    let enabled: Bool
    let start = ContinuousClock.now
    let counts = Mutex(Counts())

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func count(_ e: Event, bytes: Int = 0) {
        counts.withLock { c in
            switch e {
            case .accepted:
                c.accepted += 1
                c.bytes += bytes
            case .duplicate: c.duplicate += 1
            case .failed: c.failed += 1
            case .busy: c.busy += 1
            case .retry: c.retry += 1
            }
        }
    }

    func print(_ line: String, toError: Bool) {
        counts.withLock { c in
            if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            (toError ? FileHandle.standardError : FileHandle.standardOutput).write(Data((line + "\n").utf8))
            if enabled { FileHandle.standardError.write(Data(status(c).utf8)) }
        }
    }

    func status(_ c: Counts) -> String {
        let secs = max(0.001, (ContinuousClock.now - start).seconds)
        var s = "[\(c.accepted + c.duplicate + c.failed)/\(total)] accepted \(c.accepted) duplicate \(c.duplicate) refused \(c.failed)"
        if c.busy > 0 { s += " busy-waits \(c.busy)" }
        if c.retry > 0 { s += " retries \(c.retry)" }
        return s + String(format: "  %.2f MB/s", Double(c.bytes) / 1e6 / secs)
    }

    func finish() {
        counts.withLock { c in
            if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            FileHandle.standardError.write(Data((status(c) + "\n").utf8))
        }
    }
}
