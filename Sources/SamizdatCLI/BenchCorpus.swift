import Foundation
import SamizdatCorpus
import SamizdatModel

/// The texts of a bench corpus, loaded into memory before anything is timed: the `doc_*.txt`
/// files of a folder (as `make_corpus.py` and `samizdat corpus generate` write them), or, when
/// there are none, every `*.txt` file; sorted by name.
struct BenchCorpus {
    let directory: String
    let names: [String]
    let texts: [String]
    let sizes: [Int]
    /// sha256 of all documents' bytes concatenated in name order — `manifest.json`'s `sha256`.
    let sha256: String
    /// The folder's manifest.json, when there is one.
    let manifest: [String: Any]?

    var bytes: Int { sizes.reduce(0, +) }

    init(directory: String) throws {
        self.directory = directory
        let fm = FileManager.default
        guard let all = try? fm.contentsOfDirectory(atPath: directory) else {
            throw BenchError("cannot read the folder \(directory)")
        }
        var names = all.filter { $0.hasPrefix("doc_") && $0.hasSuffix(".txt") }.sorted()
        if names.isEmpty { names = all.filter { $0.hasSuffix(".txt") && $0 != "queries.txt" }.sorted() }
        guard !names.isEmpty else { throw BenchError("no .txt files in \(directory)") }
        var digest = CorpusDigest()
        var texts: [String] = []
        var sizes: [Int] = []
        for n in names {
            guard let d = fm.contents(atPath: (directory as NSString).appendingPathComponent(n)) else {
                throw BenchError("cannot read \(n)")
            }
            digest.update(d)
            sizes.append(d.count)
            texts.append(String(decoding: d, as: UTF8.self))
        }
        self.names = names
        self.texts = texts
        self.sizes = sizes
        self.sha256 = digest.hex()
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        manifest = fm.contents(atPath: manifestPath).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// The documents as ingest would hand them on (ids from the file names; hashing not timed).
    func documents() -> [Document] {
        zip(names, texts).map { name, text in
            Document(
                id: (name as NSString).deletingPathExtension,
                version: 1,
                contentHash: "",
                metadata: DocumentMetadata(title: (name as NSString).deletingPathExtension, source: name),
                text: text
            )
        }
    }

    /// Queries, one per line; a leading `"` = phrase, ` AND ` = and, else term.
    static func queries(path: String) throws -> [(query: String, kind: String)] {
        guard let d = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        return String(decoding: d, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { q in (q, q.hasPrefix("\"") ? "phrase" : q.contains(" AND ") ? "and" : "term") }
    }

    /// The `meta` line: machine, corpus size, docs and sha256, tool and versions.
    func metaLine(command: String) -> BenchLine {
        var m = BenchLine(bench: "meta")
        m.set("tool", "samizdat")
        m.set("version", Samizdat.Bench.toolVersion)
        m.set("command", command)
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        m.set("date", f.string(from: Date()))
        let machine = BenchMachine.current
        m.set("cpu", machine.cpu)
        m.set("cores", machine.cores)
        m.set("mem_gib", machine.memGiB, places: 1)
        m.set("platform", machine.platform)
        m.set("python", "n/a (Swift \(BenchMachine.swiftVersion))")
        m.set("corpus", directory)
        if let mb = manifest?["mb"] as? Double { m.set("corpus_mb", mb, places: 3) } else { m.set("corpus_mb", Double(bytes) / 1e6, places: 3) }
        if let seed = manifest?["seed"] as? Int { m.set("corpus_seed", seed) }
        m.set("corpus_docs", texts.count)
        m.set("corpus_bytes", bytes)
        m.set("corpus_sha256", sha256)
        if let expected = manifest?["sha256"] as? String { m.set("corpus_sha256_matches_manifest", expected == sha256) }
        var versions = BenchLine()
        versions.set("samizdat", Samizdat.Bench.toolVersion)
        versions.set("swift", BenchMachine.swiftVersion)
        m["versions"] = .object(versions)
        return m
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
