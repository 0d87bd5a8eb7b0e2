/// The page model of one document, decided from all its page breaks together.
///
/// pdftotext ends every page with a form feed; turned into a space, it leaves the first line of
/// the next page starting with exactly one space. Those lines (and the ends of printer-slug zones)
/// are the document's page starts. At every page start the model looks where a page number could
/// sit — the last line before it (foot), the first lines after it, alone (top) or on one row with
/// a running head ("THE TITLE 13", "12 THE TITLE") — and keeps a candidate only when another
/// candidate of the same numbering (arabic or roman) agrees with it: their values differ by as
/// many pages as lie between them. So where a document's numbers sit, where its sequence starts
/// (an article beginning on page 211) and where roman front matter gives way to arabic pages are
/// read from the document itself, and a number line that is anything else — a contents page
/// reference, a table cell, program output, a footnote number — stays text.
///
/// A bare number line the model did not take (a page whose start the extraction did not mark) is
/// still a page number when it `fits`: it lies between the accepted numbers around it, in their
/// numbering, no further from them than the pages between.
struct PageModel: Sendable {
    enum Place: Sendable { case foot, top, headRow }

    struct Number: Sendable {
        var line: Int
        var label: PageLabel
        var place: Place
        /// Index of the page in the model: page starts at or before the line.
        var page: Int
    }

    /// Lines where a page begins, ascending.
    let pageStarts: [Int]
    /// Page numbers the model accepted (bare lines and head rows), by line.
    private(set) var numbers: [Number] = []
    /// Numbers known before the model (printer-slug zones), used to check the sequence.
    private var known: [Number] = []
    /// Accepted and known numbers, by line.
    private var all: [Number] = []

    /// The model holds when at least three page numbers agree and the page starts are marked on
    /// (nearly) every page: of consecutive accepted numbers, at most one pair in ten is further apart
    /// than the page starts between them. Otherwise (top numbers with no form feed before them, as
    /// the sample book's slug pages and the corpus generator's books) de-paging keeps the older rules.
    private(set) var isDecided = false

    /// - Parameters:
    ///   - starts: page-start lines (leading-space lines and the ends of slug zones).
    ///   - taken: lines already known to be artifacts, with the page label they carry, if any.
    init(lines: [SourceLine], bytes b: [UInt8], starts: [Int], taken: [Int: PageLabel?]) {
        pageStarts = Array(Set(starts)).sorted()
        let n = lines.count
        func nextNonBlank(_ i: Int) -> Int? {
            var k = i
            while k < n, lines[k].isBlank { k += 1 }
            return k < n ? k : nil
        }
        func prevNonBlank(_ i: Int) -> Int? {
            var k = i
            while k >= 0, lines[k].isBlank { k -= 1 }
            return k >= 0 ? k : nil
        }
        func bare(_ i: Int) -> PageLabel? {
            guard taken[i] == nil, lines[i].width <= 8 else { return nil }
            return PageLabel.parse(b, lines[i].contentStart, lines[i].contentEnd)
        }
        var candidates: [Number] = []
        for (k, s) in ([0] + pageStarts).enumerated() {
            let page = k == 0 ? 0 : self.page(ofLine: s)
            if k > 0, let f = prevNonBlank(s - 1), let label = bare(f) {
                candidates.append(Number(line: f, label: label, place: .foot, page: page - 1))
            }
            // the first lines of the page: a number alone, or a head row, maybe under a running head
            var at = s
            for _ in 0..<2 {
                guard let t = nextNonBlank(at), k == 0 || self.page(ofLine: t) == page else { break }
                if taken[t] != nil {
                    at = t + 1
                    continue
                }
                if let label = bare(t) {
                    candidates.append(Number(line: t, label: label, place: .top, page: page))
                    break
                }
                if lines[t].width <= 80, let (_, label) = PageLayout.numberedHead(b, lines[t]) {
                    candidates.append(Number(line: t, label: label, place: .headRow, page: page))
                    break
                }
                at = t + 1
            }
        }
        if let last = prevNonBlank(n - 1), let label = bare(last), !candidates.contains(where: { $0.line == last }) {
            candidates.append(Number(line: last, label: label, place: .foot, page: page(ofLine: last)))
        }
        for (line, label) in taken {
            if let label { known.append(Number(line: line, label: label, place: .top, page: page(ofLine: line))) }
        }
        candidates.sort { $0.line < $1.line }
        // keep a candidate when a neighbour of its numbering agrees: values apart by the pages apart
        for (i, c) in candidates.enumerated() {
            var support = false
            for j in max(0, i - 6)..<min(candidates.count, i + 7) where j != i {
                let d = candidates[j]
                guard d.label.roman == c.label.roman, d.page != c.page else { continue }
                if d.label.value - c.label.value == d.page - c.page {
                    support = true
                    break
                }
            }
            if !support {
                support = known.contains {
                    $0.label.roman == c.label.roman && $0.page != c.page && $0.label.value - c.label.value == $0.page - c.page
                }
            }
            if support { numbers.append(c) }
        }
        all = (numbers + known).sorted { $0.line < $1.line }
        var agree = 0
        var disagree = 0
        for (a, c) in zip(numbers, numbers.dropFirst()) where a.label.roman == c.label.roman && a.page != c.page {
            if c.label.value - a.label.value == c.page - a.page { agree += 1 } else { disagree += 1 }
        }
        isDecided = numbers.count >= 3 && disagree * 10 <= agree
    }

    /// Index of the page a line is on: how many page starts come at or before it.
    func page(ofLine line: Int) -> Int {
        var lo = 0
        var hi = pageStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pageStarts[mid] <= line { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// True when a number line the model did not take can still be a page number: it comes after
    /// an accepted number of its numbering and higher than it, and below the next accepted number;
    /// or, before any, below the first accepted number of its numbering with no other numbering
    /// between. How far above is not bounded: pages whose start the extraction did not mark (a number
    /// printed at the top with no form feed before it) are not counted by the model.
    func fits(_ label: PageLabel, line: Int) -> Bool {
        let before = all.last { $0.line < line }
        let after = all.first { $0.line > line }
        if let before {
            guard before.label.roman == label.roman, label.value > before.label.value else { return false }
            if let after, after.label.roman == label.roman, label.value >= after.label.value { return false }
            return true
        }
        guard let after, after.label.roman == label.roman, label.value < after.label.value else { return false }
        return true
    }

}
