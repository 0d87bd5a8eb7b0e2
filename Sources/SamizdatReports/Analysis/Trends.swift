import SamizdatModel

/// The relative frequency of one or several terms across the chapters of the selection's
/// documents, or across its documents in an order.
public enum Trends {
    /// `types`: for each of `request.terms`, its type ids under `request.unit` (the index resolves
    /// them; empty for a term that does not occur).
    public static func compute(
        _ corpus: AnalysisCorpus,
        _ selection: CorpusSelection,
        _ request: TrendsRequest,
        types: [[UInt32]]
    ) -> TrendsResponse {
        let table = UnitTable(corpus.vocabulary, unit: request.unit)
        let parts = ordered(selection.parts, corpus, request.order)
        // ingest order as a rank among the live documents (1 = ingested first), not the
        // store's internal key
        var ingestRank: [String: Int] = [:]
        for (rank, document) in corpus.documents.sorted(by: { $0.order < $1.order }).enumerated() {
            ingestRank[document.id] = rank + 1
        }
        var rows: [TrendsResponse.Row] = []
        for part in parts {
            let document = corpus.documents[part.document]
            let key = request.order == .ingest ? String(ingestRank[document.id] ?? 0) : Self.key(document, request.order)
            let tokens = SelectionCounts.tokens(of: document, region: selection.region, sections: part.sections)
            if request.across == .documents, part.sections == nil, selection.region == .all {
                // a whole document: its counts straight from the type index
                let index = document.typeIndex(table)
                let counts = types.map { Set($0).reduce(0) { $0 + index.count(of: $1) } }
                rows.append(row(document, chapter: nil, key: key, tokens: tokens, counts: counts))
                continue
            }
            let walks = types.map { TermHits(document, table, types: $0, region: selection.region, sections: part.sections) }
            switch request.across {
            case .documents:
                let counts = walks.map(\.hits.count)
                rows.append(row(document, chapter: nil, key: key, tokens: tokens, counts: counts))
            case .chapters:
                let layout = DocumentLayout(document)
                for chapter in layout.chapters {
                    if let sections = part.sections {
                        // a chapter of the selection: its own section is among the part's
                        guard sections.contains(chapter) else {
                            continue
                        }
                    }
                    var chapterTokens = 0
                    for block in document.blocks
                    where layout.chapter(ofSection: block.section) == chapter
                        && DocumentLayout.includes(block, region: selection.region, sections: part.sections)
                    {
                        chapterTokens += Int(block.end - block.start)
                    }
                    let counts = walks.map { walk in
                        walk.hits.reduce(0) { sum, hit in
                            sum + (layout.chapter(ofSection: document.blocks[hit.block].section) == chapter ? 1 : 0)
                        }
                    }
                    rows.append(
                        row(
                            document,
                            chapter: layout.title(ofSection: chapter),
                            key: key,
                            tokens: chapterTokens,
                            counts: counts
                        )
                    )
                }
            }
        }
        return TrendsResponse(
            terms: request.terms,
            unit: request.unit,
            across: request.across,
            order: request.order,
            rows: rows
        )
    }

    static func row(
        _ document: AnalysisDocument,
        chapter: String?,
        key: String,
        tokens: Int,
        counts: [Int]
    ) -> TrendsResponse.Row {
        TrendsResponse.Row(
            document: document.id,
            title: document.title,
            chapter: chapter,
            key: key,
            tokens: tokens,
            counts: counts,
            perTenThousand: counts.map { tokens > 0 ? Double($0) / Double(tokens) * 10_000 : 0 }
        )
    }

    /// The value documents are ordered by, as shown.
    static func key(_ document: AnalysisDocument, _ order: TrendOrder) -> String {
        switch order {
        case .id:
            return document.id
        case .title:
            return document.title
        case .author:
            return document.author
        case .source:
            return document.source
        case .ingest:
            return String(document.order)
        }
    }

    /// The parts in `order`, ties by document id (code-point order).
    static func ordered(
        _ parts: [CorpusSelection.Part],
        _ corpus: AnalysisCorpus,
        _ order: TrendOrder
    ) -> [CorpusSelection.Part] {
        parts.sorted { left, right in
            let leftDocument = corpus.documents[left.document]
            let rightDocument = corpus.documents[right.document]
            if order == .ingest, leftDocument.order != rightDocument.order {
                return leftDocument.order < rightDocument.order
            }
            if order != .ingest, order != .id {
                let leftKey = key(leftDocument, order)
                let rightKey = key(rightDocument, order)
                if leftKey != rightKey {
                    return leftKey.utf8.lexicographicallyPrecedes(rightKey.utf8)
                }
            }
            return leftDocument.id.utf8.lexicographicallyPrecedes(rightDocument.id.utf8)
        }
    }
}

extension TrendsResponse {
    /// The rows as CSV: the row fields, then each term's count and per-10,000 columns.
    public var csv: CSVTable {
        var header = ["document", "title", "chapter", "key", "tokens"]
        for term in terms {
            header.append("\(term) count")
            header.append("\(term) per_ten_thousand")
        }
        var table = CSVTable(header: header)
        for row in rows {
            var fields = [row.document, row.title, row.chapter ?? "", row.key, String(row.tokens)]
            for (count, relative) in zip(row.counts, row.perTenThousand) {
                fields.append(String(count))
                fields.append(CSVTable.number(relative))
            }
            table.append(fields)
        }
        return table
    }
}
