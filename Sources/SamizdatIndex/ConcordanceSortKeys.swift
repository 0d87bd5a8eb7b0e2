import SamizdatModel

/// The L1…R3 sort keys of every line of a concordance: three neighbouring words per line, in
/// the order the sort compares them, ranked by their folded forms (no neighbour: "", first).
/// Lines are numbered in corpus order, so equal keys keep that order.
struct ConcordanceSortKeys {
    /// A neighbour: none (past the paragraph's edge), a form of the reports' vocabulary, or a
    /// word read from a paragraph's own tokens.
    enum Word {
        case edge
        case form(UInt32)
        case text(String)
    }

    let sort: ConcordanceSort
    private var words: [Word]
    /// Three ranks per line, once `rank(forms:)` has run.
    private(set) var ranks: [Int32] = []

    init(sort: ConcordanceSort, lines: Int) {
        self.sort = sort
        words = Array(repeating: .edge, count: lines * 3)
    }

    var lineCount: Int { words.count / 3 }

    /// Keys `line` by its three words left (nearest first) and right (nearest first).
    mutating func set(line: Int, left: [Word], right: [Word]) {
        let keys: [Word]
        switch sort {
        case .left1: keys = [left[0], left[1], left[2]]
        case .left2: keys = [left[1], left[2], left[0]]
        case .left3: keys = [left[2], left[0], left[1]]
        case .right1: keys = [right[0], right[1], right[2]]
        case .right2: keys = [right[1], right[2], right[0]]
        case .right3: keys = [right[2], right[0], right[1]]
        case .document: keys = [.edge, .edge, .edge]
        }
        words[line * 3] = keys[0]
        words[line * 3 + 1] = keys[1]
        words[line * 3 + 2] = keys[2]
    }

    /// Ranks the words by their text as `String` orders it ("" before every word), equal texts
    /// equal; `forms` names the form ids.
    mutating func rank(forms: [String]) {
        var formTexts: [UInt32: String] = [:]
        var texts: Set<String> = [""]
        for word in words {
            switch word {
            case .edge:
                continue
            case .form(let form):
                if formTexts[form] == nil {
                    let text = forms[Int(form)]
                    formTexts[form] = text
                    texts.insert(text)
                }
            case .text(let text):
                texts.insert(text)
            }
        }
        var rankOfText: [String: Int32] = [:]
        for (rank, text) in texts.sorted().enumerated() {
            rankOfText[text] = Int32(rank)
        }
        var rankOfForm: [UInt32: Int32] = [:]
        for (form, text) in formTexts {
            rankOfForm[form] = rankOfText[text]
        }
        let edgeRank = rankOfText[""] ?? 0
        ranks = words.map { word in
            switch word {
            case .edge: edgeRank
            case .form(let form): rankOfForm[form] ?? edgeRank
            case .text(let text): rankOfText[text] ?? edgeRank
            }
        }
    }

    /// The line numbers of the page `offset..<offset + limit` of the lines sorted by their keys,
    /// then by corpus order.
    static func page(_ keys: ConcordanceSortKeys, offset: Int, limit: Int) -> [Int] {
        let ranks = keys.ranks
        var order = Array(0..<Int32(keys.lineCount))
        order.sort { first, second in
            let a = Int(first) * 3
            let b = Int(second) * 3
            if ranks[a] != ranks[b] {
                return ranks[a] < ranks[b]
            }
            if ranks[a + 1] != ranks[b + 1] {
                return ranks[a + 1] < ranks[b + 1]
            }
            if ranks[a + 2] != ranks[b + 2] {
                return ranks[a + 2] < ranks[b + 2]
            }
            return first < second
        }
        guard offset < order.count else {
            return []
        }
        return order[offset..<min(order.count, offset + limit)].map { Int($0) }
    }
}
