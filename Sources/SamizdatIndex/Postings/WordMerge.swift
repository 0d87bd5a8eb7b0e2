/// The postings of several forms read as one word's (a word whose forms are neither one key nor
/// exactly one stem's): a k-way merge of the forms' cursors by paragraph id, term frequencies
/// summed, positions merged (a position two forms share kept once). The cursors skip dead
/// documents as they go; with few forms a word has, the smallest id is found by a scan of them.
enum WordMerge {
    static func merge(_ snapshot: IndexSnapshot, _ forms: [String], positions: Bool) -> PostingSearch.LeafHits {
        var cursors = forms.map { PostingCursor(snapshot, key: $0) }
        var live = [Bool](repeating: false, count: cursors.count)
        var estimate = 0
        for index in cursors.indices {
            live[index] = cursors[index].next()
            estimate += cursors[index].paragraphs
        }
        var out = PostingSearch.LeafHits()
        out.ids.reserveCapacity(estimate)
        out.tfs.reserveCapacity(estimate)
        out.lengths.reserveCapacity(estimate)
        var merged: [Int32] = []
        while true {
            var smallest = Int64.max
            for index in cursors.indices where live[index] && cursors[index].id < smallest { smallest = cursors[index].id }
            if smallest == .max { break }
            var tf: Int32 = 0
            var length: Int32 = 0
            merged.removeAll(keepingCapacity: true)
            var runs = 0
            for index in cursors.indices where live[index] && cursors[index].id == smallest {
                tf += Int32(cursors[index].tf)
                length = cursors[index].length
                if positions {
                    let start = merged.count
                    let count = cursors[index].tf
                    merged.append(contentsOf: repeatElement(0, count: count))
                    merged.withUnsafeMutableBufferPointer { buffer in
                        _ = cursors[index].positions(into: buffer.baseAddress! + start)
                    }
                    runs += 1
                }
                live[index] = cursors[index].next()
            }
            out.ids.append(smallest)
            out.tfs.append(tf)
            out.lengths.append(length)
            if positions {
                if runs > 1 { merged.sort() }
                var spans: [(Int32, Int32)] = []
                spans.reserveCapacity(merged.count)
                for position in merged where spans.last?.0 != position { spans.append((position, position)) }
                out.spans.append(spans)
            }
        }
        return out
    }
}
