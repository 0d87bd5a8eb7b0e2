import SamizdatModel

/// Compiles a `QueryNode` to an FTS5 MATCH expression: what the `fields` table is asked for the
/// metadata-field leaves (title:, author:, doc:, chapter:). Body text is searched in the postings.
///
/// Every token is written inside double quotes; the passage tokenizer passes query text through
/// split on spaces, so what FTS5 looks up is exactly the analyzed token: the folded form for
/// exact and prefix leaves, `~` + stem for the others: the field table holds no lemmas, so a
/// field leaf of the default unit (word) matches by stem, as fields always have.
enum MatchExpression {
    static let stemMarker = "~"

    /// Inside a sentence scope negations are left out: "a sentence with a and without b" may
    /// stand in a paragraph that holds b elsewhere, so FTS5 only gathers candidates there and
    /// `PassageMatcher` decides.
    static func compile(_ node: QueryNode, inScope: Bool = false) -> String {
        let compile = { (n: QueryNode) in Self.compile(n, inScope: inScope) }
        switch node {
        case .leaf(let l):
            return column(l.field, phrase(l))
        case .and(let children):
            let pos = children.filter { if case .not = $0 { return false } else { return true } }
            let neg = inScope ? [] : children.compactMap { c -> QueryNode? in if case .not(let n) = c { return n } else { return nil } }
            var out = pos.count == 1 ? compile(pos[0]) : "(" + pos.map(compile).joined(separator: " AND ") + ")"
            if !neg.isEmpty {
                out = "(" + out + " NOT " + (neg.count == 1 ? compile(neg[0]) : "(" + neg.map(compile).joined(separator: " OR ") + ")") + ")"
            }
            return out
        case .or(let children):
            return "(" + children.map(compile).joined(separator: " OR ") + ")"
        case .not(let n):
            // validated away: a NOT never stands alone
            return compile(n)
        case .near(let leaves, let distance):
            let body = "NEAR(" + leaves.map(phrase).joined(separator: " ") + ", \(distance))"
            return column(leaves[0].field, body)
        case .scope(let scope, let n):
            return Self.compile(n, inScope: inScope || scope == .sentence)
        }
    }

    static func column(_ field: QueryField, _ expr: String) -> String {
        field == .body ? "body : " + expr : field.rawValue + " : " + expr
    }

    static func phrase(_ l: QueryLeaf) -> String {
        switch l.kind {
        case .prefix:
            return "\"" + l.words[0] + "\"*"
        case .term, .phrase:
            let tokens = l.fieldUnit == .form ? l.words : l.stems.map { stemMarker + $0 }
            return "\"" + tokens.joined(separator: " ").replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
