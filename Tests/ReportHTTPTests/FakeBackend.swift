import Foundation
import ReportHTTP
import SamizdatModel
import Synchronization

/// A backend with canned answers that remembers what it was asked.
final class FakeBackend: ReportBackend {
    let summaries: [DocumentSummary]
    let view: DocumentView
    let searchRequests = Mutex<[SearchRequest]>([])
    let concordanceRequests = Mutex<[KWICRequest]>([])
    let reportKinds = Mutex<[MessageKind]>([])
    let dispersionRequests = Mutex<[DispersionRequest]>([])
    /// Whether `search` answers the counts it is asked for, as index does since protocol 1
    /// counts (otherwise as an older index, which ignores `counts`).
    let answersCounts: Bool

    init(answersCounts: Bool = false) {
        self.answersCounts = answersCounts
        summaries = [
            FakeBackend.summary(id: "doc-b", title: "Beta <Book>", author: "Zola", tokens: 900, pages: 12),
            FakeBackend.summary(id: "doc-a", title: "Alpha", author: "Adorno", tokens: 5000, pages: 3),
        ]
        view = FakeBackend.readerView()
    }

    static func summary(id: String, title: String, author: String, tokens: Int, pages: Int) -> DocumentSummary {
        DocumentSummary(
            id: id,
            version: 1,
            contentHash: "hash",
            title: title,
            author: author,
            source: "\(id).txt",
            paragraphs: 4,
            sentences: 9,
            tokens: tokens,
            pages: pages,
            sections: 2,
            notes: 1,
            citations: 0,
            bytes: 100,
            indexedAt: id == "doc-a" ? 1_796_300_000 : 1_796_200_000
        )
    }

    /// Four paragraphs over pages 204–206: page 205 starts inside the second paragraph, page 206
    /// between the third and fourth; one note marker in the second paragraph.
    static func readerView() -> DocumentView {
        let texts = ["Chapter One", "The first paragraph runs over a page break here.", "A quoted passage.", "After the break."]
        var paragraphs: [ParagraphView] = []
        var offset = 0
        let kinds: [ParagraphKind] = [.heading, .body, .blockQuote, .body]
        let pages = ["204", "204", "205", "206"]
        for (index, text) in texts.enumerated() {
            let end = offset + text.utf8.count
            paragraphs.append(
                ParagraphView(
                    index: index,
                    kind: kinds[index],
                    text: text,
                    start: offset,
                    end: end,
                    page: pages[index],
                    lastPage: nil,
                    section: 0,
                    sectionTitle: "Chapter One"
                )
            )
            offset = end + 2
        }
        let breakOffset = paragraphs[1].start + "The first paragraph runs over ".utf8.count
        let pageSpans = [
            PageSpan(label: "204", start: 0, end: breakOffset), PageSpan(label: "205", start: breakOffset, end: paragraphs[3].start - 1),
            PageSpan(label: "206", start: paragraphs[3].start - 1, end: offset),
        ]
        let note = Note(label: "1", text: "See the archive, box <7>.", marker: paragraphs[1].end - 1, section: 0, page: "205")
        return DocumentView(
            summary: summary(id: "doc-a", title: "Alpha", author: "Adorno", tokens: 5000, pages: 3),
            sections: [Section(kind: .chapter, level: 1, title: "Chapter One", start: 0, end: offset, page: "204")],
            pages: pageSpans,
            paragraphs: paragraphs,
            notes: [note]
        )
    }

    func status() async -> SystemStatus {
        let pipeline = PipelineStatus(
            states: ["indexed": 2, "failed": 0],
            backlog: 7,
            workers: [.init(id: "segment-1", lastHeartbeatMsAgo: 10, inFlight: 1, credit: 1, processed: 2)],
            redeliveries: 0,
            failures: [],
            acceptedPerSecond: 2.5,
            indexedPerSecond: 1.25,
            bytesAccepted: 100
        )
        let stats = IndexStats(
            documents: 2,
            versions: 2,
            paragraphs: 8,
            sentences: 18,
            tokens: 5900,
            types: 1234,
            notes: 2,
            citations: 3,
            sections: 4,
            pages: 15,
            bytes: 200
        )
        return SystemStatus(pipeline: pipeline, index: stats, unavailable: [:])
    }

    func documents() async throws -> [DocumentSummary] {
        summaries
    }

    func document(id: String) async throws -> DocumentView {
        guard id == view.summary.id else {
            throw ProtocolError(.notFound, "no document \(id)", parameter: "doc")
        }
        return view
    }

    func search(_ request: SearchRequest) async throws -> SearchResponse {
        searchRequests.withLock { $0.append(request) }
        if request.query.hasPrefix("(") {
            throw ProtocolError(.badQuery, "unclosed parenthesis", offset: 7)
        }
        let hits = (0..<25).map { number in
            SearchHit(
                documentID: number < 20 ? "doc-a" : "doc-b",
                title: number < 20 ? "Alpha" : "Beta <Book>",
                source: "a.txt",
                paragraph: number,
                sentence: 0,
                section: nil,
                chapter: number < 12 ? "Chapter One" : "Chapter Two",
                page: "20\(number % 10)",
                paragraphPages: [],
                score: Double(30 - number),
                snippet: "",
                snippetText: "the state <withers> away",
                snippetMatches: [TextRange(start: 4, end: 9)],
                matches: []
            )
        }
        let flat = Array(hits.dropFirst(request.offset).prefix(request.limit))
        let documents = [
            DocumentHits(
                documentID: "doc-a",
                title: "Alpha",
                author: "Adorno",
                source: "a.txt",
                score: 30,
                matchingPassages: 20,
                hits: Array(hits.prefix(min(request.passagesPerDocument, 20)))
            ),
            DocumentHits(
                documentID: "doc-b",
                title: "Beta <Book>",
                author: "Zola",
                source: "b.txt",
                score: 10,
                matchingPassages: 5,
                hits: Array(hits.suffix(5).prefix(request.passagesPerDocument))
            ),
        ]
        // "common" stands for a query with more passages than chapters are counted for
        let totalPassages = request.query == "common" ? 5000 : 25
        var counts: PassageCounts?
        if request.counts && answersCounts {
            if PassageCounts.countsChapters(withinDocument: request.documentID != nil, totalPassages: totalPassages) {
                let passages = hits.map { hit in
                    PassageCounts.Passage(
                        documentID: hit.documentID,
                        title: hit.title,
                        chapter: hit.chapter ?? "",
                        paragraph: hit.paragraph,
                        inNote: false
                    )
                }
                counts = PassageCounts.byChapter(passages, totalPassages: totalPassages, totalDocuments: 2)
            } else {
                let rows = documents.map { document in
                    PassageCounts.Row(
                        documentID: document.documentID,
                        title: document.title,
                        chapter: "",
                        passages: document.matchingPassages,
                        firstParagraph: document.hits.first?.paragraph ?? 0,
                        inNote: false
                    )
                }
                counts = PassageCounts.byDocument(rows, totalPassages: totalPassages, totalDocuments: 2)
            }
        }
        return SearchResponse(
            query: request.query,
            totalPassages: totalPassages,
            totalDocuments: 2,
            documents: Array(documents.dropFirst(request.offset).prefix(request.limit)),
            hits: flat,
            counts: counts
        )
    }

    func concordance(_ request: KWICRequest) async throws -> KWICResponse {
        concordanceRequests.withLock { $0.append(request) }
        if request.query.hasPrefix("(") {
            throw ProtocolError(.badQuery, "unclosed parenthesis", offset: 1)
        }
        let rights = ["apple pie", "banana split", "cherry <tart>"]
        let lines = rights.enumerated().map { number, right in
            ConcordanceLine(
                documentID: "doc-a",
                title: "Alpha",
                source: "a.txt",
                paragraph: number + 1,
                sentence: nil,
                page: "205",
                section: nil,
                chapter: "Chapter One",
                left: "and then the",
                match: "state",
                right: right,
                start: 0,
                end: 5
            )
        }
        return KWICResponse(query: request.query, total: 120, offset: request.offset, sort: request.sort, lines: lines)
    }

    func report(_ kind: MessageKind, body: Data) async throws -> Data {
        reportKinds.withLock { $0.append(kind) }
        let encoder = WireCoding.encoder
        let decoder = WireCoding.decoder
        switch kind {
        case .dispersion:
            let request = try decoder.decode(DispersionRequest.self, from: body)
            try request.validate()
            dispersionRequests.withLock { $0.append(request) }
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.dispersion(request))
        case .trends:
            let request = try decoder.decode(TrendsRequest.self, from: body)
            try request.validate()
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.trends(request))
        case .collocates:
            let request = try decoder.decode(CollocatesRequest.self, from: body)
            try request.validate()
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.collocates(request))
        case .ngrams:
            let request = try decoder.decode(NGramsRequest.self, from: body)
            try request.validate()
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.clusters(request))
        case .keywords:
            let request = try decoder.decode(KeywordsRequest.self, from: body)
            try request.validate()
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.keywords(request))
        case .compare:
            let request = try decoder.decode(CompareRequest.self, from: body)
            try request.validate()
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.compare(request))
        case .citations:
            let request = try decoder.decode(CitationsRequest.self, from: body)
            try request.validate()
            try Self.check(request.scope)
            return try encoder.encode(FakeReports.citations(request))
        case .wordlist:
            let request = try decoder.decode(WordListRequest.self, from: body)
            try request.validate()
            return try encoder.encode(FakeReports.words(request))
        default:
            throw ProtocolError(.unexpectedKind, "the fake has no report \(kind.rawValue)")
        }
    }

    /// An unknown document is `not_found` naming `doc`, as index answers.
    static func check(_ scope: ReportScope) throws {
        if let document = scope.document, !["doc-a", "doc-b"].contains(document) {
            throw ProtocolError(.notFound, "no document \(document)", parameter: "doc")
        }
    }
}
