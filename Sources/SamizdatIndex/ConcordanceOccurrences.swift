/// The lines of a one-leaf concordance as its postings give them: for each matching paragraph
/// (ascending row id), the first and last word positions of its occurrences, ascending and
/// distinct by first position — one line each, in corpus order, with no paragraph read.
struct ConcordanceOccurrences {
    /// The matching paragraphs' row ids, ascending.
    private(set) var paragraphs: [Int64] = []
    /// The lines of paragraph `i` are `firstLine[i]..<firstLine[i + 1]`.
    private(set) var firstLine: [Int] = [0]
    /// Each line's first and last word position in its paragraph.
    private(set) var starts: [Int32] = []
    private(set) var ends: [Int32] = []

    var count: Int { starts.count }

    /// The occurrences in `hits` of the paragraphs `ids` (ascending); nil when the leaf's hits
    /// lack one of them (the postings and the ranking disagree: the caller counts otherwise).
    init?(paragraphs ids: [Int64], hits: PostingSearch.LeafHits) {
        paragraphs.reserveCapacity(ids.count)
        firstLine.reserveCapacity(ids.count + 1)
        var cursor = 0
        for id in ids {
            cursor = PostingSearch.seek(hits.ids, from: cursor, to: id)
            guard cursor < hits.ids.count, hits.ids[cursor] == id else {
                return nil
            }
            var spans = hits.spans[cursor]
            if !zip(spans, spans.dropFirst()).allSatisfy({ $0.0 < $1.0 }) {
                // a prefix's forms may share a position (a compound and its first part)
                spans.sort { $0.0 < $1.0 }
            }
            var last: Int32 = -1
            for span in spans where span.0 != last {
                starts.append(span.0)
                ends.append(span.1)
                last = span.0
            }
            paragraphs.append(id)
            firstLine.append(starts.count)
        }
    }

    /// The lines of the paragraph at `index` in `paragraphs`.
    func lines(ofParagraph index: Int) -> Range<Int> {
        firstLine[index]..<firstLine[index + 1]
    }

    /// The index in `paragraphs` of the paragraph holding `line`.
    func paragraph(ofLine line: Int) -> Int {
        // the last paragraph whose first line is at or before `line`
        var low = 0
        var high = paragraphs.count
        while low < high {
            let middle = (low + high) / 2
            if firstLine[middle + 1] <= line {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
