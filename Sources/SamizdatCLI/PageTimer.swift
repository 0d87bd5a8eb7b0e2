import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// GETs workbench pages from report's HTTP address and times each from the request to the last
/// byte of the answer (`samizdat bench pages`).
struct PageTimer {
    let base: String
    let session: URLSession

    init(base: String, session: URLSession) {
        self.base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.session = session
    }

    /// The page at `path`: nanoseconds until it was read whole, and its size; any status but 200
    /// is an error naming the page.
    func fetch(_ path: String) async throws -> (nanoseconds: UInt64, bytes: Int) {
        guard let address = URL(string: base + path) else {
            throw BenchError("not an address: \(base + path)")
        }
        let started = benchNanos()
        let (body, response) = try await session.data(from: address)
        let elapsed = benchNanos() - started
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw BenchError("GET \(path) answered \(status): \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        return (elapsed, body.count)
    }

    /// The stored documents, as `/api/documents` lists them.
    func documents() async throws -> [[String: Any]] {
        guard let address = URL(string: base + "/api/documents") else {
            throw BenchError("not an address: \(base)/api/documents")
        }
        let (body, response) = try await session.data(from: address)
        guard (response as? HTTPURLResponse)?.statusCode == 200,
            let list = try JSONSerialization.jsonObject(with: body) as? [[String: Any]]
        else {
            throw BenchError("/api/documents did not answer with a list")
        }
        return list
    }

    /// The id of the document ingested from the file `source`.
    func documentID(source: String) async throws -> String {
        let matches = try await documents().filter { ($0["source"] as? String) == source }
        guard matches.count == 1, let identifier = matches[0]["id"] as? String else {
            throw BenchError("the corpus holds \(matches.count) documents from \(source), not one")
        }
        return identifier
    }

    /// Waits until report answers `/healthz`.
    func waitUntilAnswering(seconds: Double) async throws {
        let deadline = BenchDeadline(seconds: seconds)
        while !deadline.expired {
            if (try? await fetch("/healthz")) != nil {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw BenchError("report did not answer at \(base) within \(Int(seconds)) s")
    }

    /// Waits until index holds `count` documents.
    func waitForDocuments(_ count: Int, seconds: Double) async throws {
        let deadline = BenchDeadline(seconds: seconds)
        var held = 0
        while !deadline.expired {
            held = (try? await documents().count) ?? held
            if held >= count {
                return
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        throw BenchError("index held \(held) of \(count) documents after \(Int(seconds)) s")
    }
}
