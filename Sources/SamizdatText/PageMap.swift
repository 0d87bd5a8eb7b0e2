/// Which page each input line was printed on, and the printed label of every page.
///
/// Page breaks come from artifact zones, from blocks of page-foot notes and, when the printed
/// numbers confirm it, from the leading space PDF extraction leaves where a page begins.
/// Pages between two printed numbers are counted from the nearest number.
struct PageMap: Sendable {
    var pageOfLine: [Int32]
    var labels: [String]

    init(lineCount n: Int, breaks: [Int], leadingSpaceLines: [Int], anchors: [PageLayout.Anchor], roles: [LineRole]) {
        // Two breaks with no text between them are one page turn: keep the later.
        var merged: [Int] = []
        for br in Set(breaks.filter { $0 > 0 && $0 < n }).sorted() {
            if let last = merged.last, !(last..<br).contains(where: { roles[$0] == .body || roles[$0] == .heading || roles[$0] == .note }) {
                merged.removeLast()
            }
            merged.append(br)
        }
        let base = Set(merged)
        var withLeading = base
        let sortedBase = base.sorted()
        for l in leadingSpaceLines where l > 0 {
            // a leading space right after an artifact zone marks the same page start
            var lo = 0
            var hi = sortedBase.count
            while lo < hi {
                let m = (lo + hi) / 2
                if sortedBase[m] <= l { lo = m + 1 } else { hi = m }
            }
            if lo > 0, l - sortedBase[lo - 1] <= 3 { continue }
            withLeading.insert(l)
        }
        func score(_ set: Set<Int>) -> (Int, [Int]) {
            let sorted = set.sorted()
            func page(_ line: Int) -> Int {
                var lo = 0
                var hi = sorted.count
                while lo < hi {
                    let m = (lo + hi) / 2
                    if sorted[m] <= line { lo = m + 1 } else { hi = m }
                }
                return lo
            }
            var ok = 0
            var prev: [Bool: (Int, Int)] = [:]
            for a in anchors {
                let p = page(a.line)
                if let (pv, pp) = prev[a.label.roman], a.label.value - pv == p - pp { ok += 1 }
                prev[a.label.roman] = (a.label.value, p)
            }
            return (ok, sorted)
        }
        let (okBase, sortedB) = score(base)
        let (okLead, sortedL) = score(withLeading)
        let chosen = okLead > okBase ? sortedL : sortedB

        pageOfLine = [Int32](repeating: 0, count: n)
        var p: Int32 = 0
        var k = 0
        for line in 0..<n {
            while k < chosen.count, chosen[k] <= line {
                p += 1
                k += 1
            }
            pageOfLine[line] = p
        }
        let pageCount = Int(p) + 1
        var known = [PageLabel?](repeating: nil, count: pageCount)
        for a in anchors where a.line < n {
            let pg = Int(pageOfLine[a.line])
            if known[pg] == nil { known[pg] = a.label }
        }
        var out = [String](repeating: "", count: pageCount)
        if known.contains(where: { $0 != nil }) {
            var prevIdx: Int? = nil
            var nextIdx = [Int?](repeating: nil, count: pageCount)
            var nx: Int? = nil
            for pg in stride(from: pageCount - 1, through: 0, by: -1) {
                if known[pg] != nil { nx = pg }
                nextIdx[pg] = nx
            }
            for pg in 0..<pageCount {
                if let lab = known[pg] {
                    out[pg] = lab.text
                    prevIdx = pg
                    continue
                }
                var fromPrev: PageLabel? = nil
                var fromNext: PageLabel? = nil
                if let a = prevIdx { fromPrev = known[a]!.offset(by: pg - a) }
                if let c = nextIdx[pg] { fromNext = known[c]!.offset(by: pg - c) }
                let dPrev = prevIdx.map { pg - $0 } ?? Int.max
                let dNext = nextIdx[pg].map { $0 - pg } ?? Int.max
                if let f = fromPrev, fromNext == nil || dPrev <= dNext {
                    out[pg] = f.text
                } else if let f = fromNext {
                    out[pg] = f.text
                } else if let f = fromPrev {
                    out[pg] = f.text
                }
            }
        }
        labels = out
    }

    func label(ofLine line: Int) -> String { labels[Int(pageOfLine[line])] }
}
