import Foundation
import GRDB
import SamizdatModel
import SamizdatReports
import SamizdatText

extension CorpusStore {
    /// The concordance of one body leaf (a word, a phrase, a prefix) from its postings: the lines
    /// are counted and put in corpus order from the positions, an L/R sort keys each line by its
    /// neighbours' forms in the reports' token streams (`AnalysisDocument`), and only the
    /// paragraphs of the page asked for are read and tokenized. The answer is the one
    /// `kwicByTokenizing` gives; nil when positions and text disagree somewhere it looks (then
    /// the caller computes it that way).
    func kwicFromPositions(
        _ db: Database,
        _ request: KWICRequest,
        node: QueryNode,
        leaf: QueryLeaf,
        snapshot: IndexSnapshot,
        words: WordLookup
    ) throws -> KWICResponse? {
        let empty = KWICResponse(query: request.query, total: 0, offset: request.offset, sort: request.sort, lines: [])
        guard let ranking = try concordanceRanking(db, snapshot, words, node, request) else {
            return empty
        }
        let search = PostingSearch(snapshot: snapshot, words: words, fieldRows: { _ in [] })
        let hits = search.leaf(leaf, positions: true)
        guard let occurrences = ConcordanceOccurrences(paragraphs: ranking.matches.ids, hits: hits) else {
            return nil
        }
        let offset = max(0, request.offset)
        let limit = max(0, request.limit)
        let page: [Int]
        if request.sort == .document {
            page = offset < occurrences.count ? Array(offset..<min(occurrences.count, offset + limit)) : []
        } else {
            guard let keys = try concordanceSortKeys(db, occurrences, node: node, leaf: leaf, sort: request.sort) else {
                return nil
            }
            page = ConcordanceSortKeys.page(keys, offset: offset, limit: limit)
        }
        guard let lines = try concordancePage(db, page, occurrences, node: node, context: max(0, request.context)) else {
            return nil
        }
        return KWICResponse(query: request.query, total: occurrences.count, offset: request.offset, sort: request.sort, lines: lines)
    }

    /// The lines at `page` (line numbers of `occurrences`), their paragraphs read and tokenized
    /// once each; nil when a paragraph's matches are not its postings' occurrences.
    func concordancePage(
        _ db: Database,
        _ page: [Int],
        _ occurrences: ConcordanceOccurrences,
        node: QueryNode,
        context: Int
    ) throws -> [ConcordanceLine]? {
        let stems = TokenCapture.of(db).stems
        struct Read {
            var paragraph: StoredParagraph
            var document: StoredDocument
            var tokens: [Token]
            var ranges: [TextRangeValue]
        }
        var read: [Int: Read] = [:]
        var lines: [ConcordanceLine] = []
        lines.reserveCapacity(page.count)
        for line in page {
            let index = occurrences.paragraph(ofLine: line)
            if read[index] == nil {
                let id = occurrences.paragraphs[index]
                guard let paragraph = try StoredParagraph.fetch(db, id: id),
                    let document = try storedDocuments.document(db, key: Self.documentKey(paragraphRowID: id))
                else {
                    return nil
                }
                let tokens = analyzer.tokens(paragraph.text, cache: stems)
                let ranges = matcher(paragraph, document, node, tokens: tokens).match(node) ?? []
                let expected = occurrences.lines(ofParagraph: index)
                guard ranges.count == expected.count,
                    Self.rangesStartAt(ranges, positions: occurrences.starts[expected], tokens: tokens)
                else {
                    return nil
                }
                read[index] = Read(paragraph: paragraph, document: document, tokens: tokens, ranges: ranges)
            }
            guard let entry = read[index] else {
                return nil
            }
            let match = entry.ranges[line - occurrences.lines(ofParagraph: index).lowerBound]
            lines.append(try concordanceLine(db, entry.paragraph, entry.document, match: match, tokens: entry.tokens, context: context))
        }
        return lines
    }

    /// True when each range starts at the word at the same place of `positions`.
    static func rangesStartAt(_ ranges: [TextRangeValue], positions: ArraySlice<Int32>, tokens: [Token]) -> Bool {
        var positionOfStart: [Int: Int] = [:]
        for token in tokens where !token.isCompound {
            positionOfStart[token.start] = token.position
        }
        for (range, position) in zip(ranges, positions) where positionOfStart[range.start] != Int(position) {
            return false
        }
        return true
    }

    /// Each line's three sort keys (ranks of the neighbours' folded forms, "" ranking first), in
    /// the order `sort` compares them; nil when the token streams and the postings disagree.
    /// A line whose last word the postings found in a hyphenated compound's joined form (which
    /// the token streams do not hold) is keyed from its paragraph's tokens.
    func concordanceSortKeys(
        _ db: Database,
        _ occurrences: ConcordanceOccurrences,
        node: QueryNode,
        leaf: QueryLeaf,
        sort: ConcordanceSort
    ) throws -> ConcordanceSortKeys? {
        let corpus = try analysisCache.snapshot(db).corpus
        var streams: [Int64: AnalysisDocument] = [:]
        for document in corpus.documents {
            streams[document.order] = document
        }
        let vocabulary = corpus.vocabulary
        let lastWord = leaf.kind == .prefix ? 0 : leaf.words.count - 1
        var endsHere: [UInt32: Bool] = [:]
        var keys = ConcordanceSortKeys(sort: sort, lines: occurrences.count)
        let stems = TokenCapture.of(db).stems
        for index in occurrences.paragraphs.indices {
            let id = occurrences.paragraphs[index]
            let key = Self.documentKey(paragraphRowID: id)
            let lines = occurrences.lines(ofParagraph: index)
            guard let stored = try storedDocuments.document(db, key: key) else {
                return nil
            }
            let paragraphIndex = Self.paragraphIndex(paragraphRowID: id)
            var block: TextBlock?
            if let stream = streams[key] {
                block = Self.block(of: paragraphIndex, bodyParagraphs: stored.bodyParagraphs, in: stream)
            }
            var fromStream = block != nil
            if let block, let stream = streams[key] {
                let length = Int(block.end - block.start)
                for line in lines {
                    let last = Int(occurrences.ends[line])
                    guard last < length else {
                        return nil
                    }
                    let form = stream.forms[Int(block.start) + last]
                    let plainMatches: Bool
                    if let known = endsHere[form] {
                        plainMatches = known
                    } else {
                        let name = vocabulary.forms[Int(form)]
                        let stem = vocabulary.stems[Int(vocabulary.stemOfForm[Int(form)])]
                        // the word the matcher takes at that position: the first part, which
                        // comes before a compound's joined form
                        plainMatches = PassageMatcher.tokenMatches(Token(term: name, stem: stem, start: 0, end: 0, position: 0), leaf, lastWord)
                        endsHere[form] = plainMatches
                    }
                    if !plainMatches {
                        fromStream = false
                        break
                    }
                }
            }
            if fromStream, let block, let stream = streams[key] {
                let first = Int(block.start)
                let end = Int(block.end)
                for line in lines {
                    let start = first + Int(occurrences.starts[line])
                    let after = first + Int(occurrences.ends[line]) + 1
                    keys.set(
                        line: line,
                        left: (1...3).map { start - $0 >= first ? .form(stream.forms[start - $0]) : .edge },
                        right: (0..<3).map { after + $0 < end ? .form(stream.forms[after + $0]) : .edge }
                    )
                }
                continue
            }
            // the paragraph's own tokens, as `kwicByTokenizing` keys them
            guard let paragraph = try StoredParagraph.fetch(db, id: id) else {
                return nil
            }
            let tokens = analyzer.tokens(paragraph.text, cache: stems)
            let ranges = matcher(paragraph, stored, node, tokens: tokens).match(node) ?? []
            guard ranges.count == lines.count else {
                return nil
            }
            let plain = tokens.filter { !$0.isCompound }
            for (line, range) in zip(lines, ranges) {
                let (before, after) = Self.neighbours(plain, range)
                let left = plain[..<before].suffix(3).reversed().map { ConcordanceSortKeys.Word.text($0.term) }
                let right = plain[after...].prefix(3).map { ConcordanceSortKeys.Word.text($0.term) }
                keys.set(
                    line: line,
                    left: left + Array(repeating: .edge, count: 3 - left.count),
                    right: right + Array(repeating: .edge, count: 3 - right.count)
                )
            }
        }
        keys.rank(forms: vocabulary.forms)
        return keys
    }

    /// The token stream block of a paragraph: a body paragraph's by its index, a note's (its
    /// index past the body's paragraphs) by its note index; nil when the stream has none.
    static func block(of paragraphIndex: Int, bodyParagraphs: Int, in stream: AnalysisDocument) -> TextBlock? {
        let kind: TextBlock.Kind = paragraphIndex < bodyParagraphs ? .body : .note
        let index = Int32(kind == .body ? paragraphIndex : paragraphIndex - bodyParagraphs)
        let blocks = stream.blocks
        // body blocks by index, then note blocks by index
        var low = 0
        var high = blocks.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = blocks[middle]
            if (candidate.kind.rawValue, candidate.index) < (kind.rawValue, index) {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < blocks.count, blocks[low].kind == kind, blocks[low].index == index else {
            return nil
        }
        return blocks[low]
    }
}
