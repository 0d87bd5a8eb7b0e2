import SamizdatModel
import SamizdatText

/// Parses the query language of docs/QUERY.md into a `QueryNode`, or throws a `QueryError`
/// naming the position (in Characters) and the problem.
///
/// Precedence, loosest first: OR; AND (explicit or by juxtaposition) and binary NOT; unary
/// `-`; NEAR/k; field and scope prefixes; terms, "phrases" and prefix*.
public struct QueryParser: Sendable {
    public static let defaultNearDistance = 10
    let analyzer = Analyzer()
    /// Query words' stems, remembered across queries (stemming was a tenth of a short query's time).
    let stems = SharedStemCache()
    /// Query words' lemmas, remembered across queries likewise.
    let lemmaCache = SharedLemmaCache()

    public init() {}

    public func parse(_ query: String) throws(QueryError) -> QueryNode {
        do {
            return try parseScalars(query)
        } catch {
            // positions so far count Unicode scalars; errors name Characters
            var e = error
            let scalars = query.unicodeScalars
            let at = scalars.index(scalars.startIndex, offsetBy: min(max(0, e.position), scalars.count))
            e.position = query[..<at].count
            throw e
        }
    }

    func parseScalars(_ query: String) throws(QueryError) -> QueryNode {
        var lexer = QueryLexer(query)
        let tokens = try lexer.tokens()
        guard !tokens.isEmpty else { throw QueryError(position: 0, message: "empty query") }
        var state = State(tokens: tokens, end: lexer.scalars.count)
        let node = try parseOr(&state, field: nil, unit: .word, scope: nil)
        if let extra = state.peek {
            if extra.kind == .close { throw QueryError(position: extra.position, message: "unexpected ')' with no '(' to close") }
            throw QueryError(position: extra.position, message: "unexpected \(extra.describe)")
        }
        try validate(node, topLevel: true)
        return node
    }

    struct State {
        var tokens: [QueryLexeme]
        var index = 0
        var end: Int
        var peek: QueryLexeme? { index < tokens.count ? tokens[index] : nil }
        mutating func next() -> QueryLexeme? {
            defer { index += 1 }
            return peek
        }
        var position: Int { peek?.position ?? end }
    }

    func parseOr(_ s: inout State, field: QueryField?, unit: CountingUnit, scope: QueryScope?) throws(QueryError) -> QueryNode {
        var children = [try parseAnd(&s, field: field, unit: unit, scope: scope)]
        while let t = s.peek, t.kind == .or {
            s.index += 1
            guard let n = s.peek, n.startsOperand else {
                throw QueryError(position: s.position, message: "OR needs a term on its right")
            }
            children.append(try parseAnd(&s, field: field, unit: unit, scope: scope))
        }
        return children.count == 1 ? children[0] : .or(children)
    }

    func parseAnd(_ s: inout State, field: QueryField?, unit: CountingUnit, scope: QueryScope?) throws(QueryError) -> QueryNode {
        guard let first = s.peek else { throw QueryError(position: s.position, message: "expected a term") }
        if first.kind == .and || first.kind == .or || first.kind == .near || first.kind == .not {
            throw QueryError(position: first.position, message: "\(first.text) needs a term on its left")
        }
        if first.kind == .close { throw QueryError(position: first.position, message: "expected a term before ')'") }
        var children = [try parseUnary(&s, field: field, unit: unit, scope: scope)]
        while let t = s.peek {
            switch t.kind {
            case .and:
                s.index += 1
                guard let n = s.peek, n.startsOperand else {
                    throw QueryError(position: s.position, message: "AND needs a term on its right")
                }
                children.append(try parseUnary(&s, field: field, unit: unit, scope: scope))
            case .not:
                s.index += 1
                guard let n = s.peek, n.startsOperand, n.kind != .minus, n.kind != .not else {
                    throw QueryError(position: s.position, message: "NOT needs a term on its right")
                }
                children.append(.not(try parsePrimaryWithNear(&s, field: field, unit: unit, scope: scope)))
            case .or, .close:
                return children.count == 1 ? children[0] : .and(children)
            case .near:
                throw QueryError(position: t.position, message: "NEAR must stand between two terms or phrases")
            default:
                children.append(try parseUnary(&s, field: field, unit: unit, scope: scope))
            }
        }
        return children.count == 1 ? children[0] : .and(children)
    }

    func parseUnary(_ s: inout State, field: QueryField?, unit: CountingUnit, scope: QueryScope?) throws(QueryError) -> QueryNode {
        if let t = s.peek, t.kind == .minus {
            s.index += 1
            guard let n = s.peek, n.startsOperand, n.kind != .minus else {
                throw QueryError(position: t.position, message: "'-' must be followed by a term, phrase or group")
            }
            return .not(try parsePrimaryWithNear(&s, field: field, unit: unit, scope: scope))
        }
        return try parsePrimaryWithNear(&s, field: field, unit: unit, scope: scope)
    }

    func parsePrimaryWithNear(_ s: inout State, field: QueryField?, unit: CountingUnit, scope: QueryScope?) throws(QueryError) -> QueryNode {
        let startPosition = s.position
        let first = try parsePrimary(&s, field: field, unit: unit, scope: scope)
        guard let t = s.peek, t.kind == .near else { return first }
        var leaves: [QueryLeaf] = []
        guard case .leaf(let l) = first else {
            throw QueryError(position: startPosition, message: "NEAR joins terms and phrases only, not groups")
        }
        leaves.append(l)
        var distance: Int?
        while let op = s.peek, op.kind == .near {
            s.index += 1
            let d = op.distance ?? Self.defaultNearDistance
            if let distance, distance != d {
                throw QueryError(position: op.position, message: "NEAR distances differ in one chain (\(distance) and \(d))")
            }
            distance = d
            guard let n = s.peek, n.startsOperand else {
                throw QueryError(position: s.position, message: "NEAR needs a term or phrase on its right")
            }
            let p = s.position
            guard case .leaf(let next) = try parsePrimary(&s, field: field, unit: unit, scope: scope) else {
                throw QueryError(position: p, message: "NEAR joins terms and phrases only, not groups")
            }
            guard next.field == l.field else {
                throw QueryError(position: p, message: "NEAR joins terms of one field only")
            }
            leaves.append(next)
        }
        return .near(leaves, distance: distance ?? Self.defaultNearDistance)
    }

    func parsePrimary(_ s: inout State, field: QueryField?, unit: CountingUnit, scope: QueryScope?) throws(QueryError) -> QueryNode {
        guard let t = s.next() else { throw QueryError(position: s.end, message: "expected a term at the end of the query") }
        switch t.kind {
        case .open:
            guard let n = s.peek, n.kind != .close else {
                throw QueryError(position: t.position, message: "empty group '()'")
            }
            let inner = try parseOr(&s, field: field, unit: unit, scope: scope)
            guard let c = s.next(), c.kind == .close else {
                throw QueryError(position: t.position, message: "missing ')' for the '(' opened here")
            }
            return inner
        case .field:
            let name = t.text
            guard let n = s.peek, n.startsOperand, n.kind != .minus else {
                throw QueryError(position: t.position, message: "\(name): needs a term, phrase or group after it")
            }
            switch name {
            case "exact":
                return try parsePrimary(&s, field: field, unit: .form, scope: scope)
            case "stem":
                return try parsePrimary(&s, field: field, unit: .stem, scope: scope)
            case "sentence", "paragraph":
                let sc = QueryScope(rawValue: name)!
                if scope != nil { throw QueryError(position: t.position, message: "scopes cannot be nested") }
                if field != nil { throw QueryError(position: t.position, message: "a scope cannot stand inside a field") }
                return .scope(sc, try parsePrimary(&s, field: field, unit: unit, scope: sc))
            default:
                guard let f = QueryField(rawValue: name), f != .body else {
                    throw QueryError(
                        position: t.position,
                        message: "unknown field '\(name)' (known: title, author, doc, chapter, cites, exact, stem, sentence, paragraph)"
                    )
                }
                if let field, field != f {
                    throw QueryError(position: t.position, message: "field \(name): inside field \(field.rawValue):")
                }
                if scope != nil { throw QueryError(position: t.position, message: "a field cannot stand inside a scope") }
                return try parsePrimary(&s, field: f, unit: unit, scope: scope)
            }
        case .word:
            return .leaf(try leaf(t, field: field, unit: unit))
        case .phrase:
            return .leaf(try leaf(t, field: field, unit: unit))
        case .prefix:
            let words = analyzer.tokens(t.text, stems: stems).filter { !$0.isCompound }
            guard words.count == 1 else {
                throw QueryError(
                    position: t.position,
                    message: words.isEmpty
                        ? "prefix '\(t.text)*' has no searchable letters"
                        : "prefix '\(t.text)*' must be a single word"
                )
            }
            return .leaf(
                QueryLeaf(
                    kind: .prefix,
                    words: [words[0].term],
                    stems: [words[0].term],
                    lemmas: [words[0].term],
                    unit: .form,
                    field: field ?? .body,
                    position: t.position
                )
            )
        case .close:
            throw QueryError(position: t.position, message: "unexpected ')'")
        default:
            throw QueryError(position: t.position, message: "expected a term, found \(t.describe)")
        }
    }

    func leaf(_ t: QueryLexeme, field: QueryField?, unit: CountingUnit) throws(QueryError) -> QueryLeaf {
        let words = analyzer.tokens(t.text, stems: stems).filter { !$0.isCompound }
        if words.isEmpty {
            throw QueryError(
                position: t.position,
                message: t.kind == .phrase
                    ? "phrase \"\(t.text)\" has no searchable words"
                    : "'\(t.text)' has no searchable word"
            )
        }
        let kind: QueryLeaf.Kind = (words.count == 1) ? .term : .phrase
        let lemmas = words.map { lemmaCache.lemma($0.term) }
        return QueryLeaf(
            kind: kind,
            words: words.map(\.term),
            stems: words.map(\.stem),
            lemmas: lemmas,
            unit: unit,
            field: field ?? .body,
            position: t.position
        )
    }

    /// Every AND needs a positive child; OR children and the whole query cannot be negations.
    func validate(_ node: QueryNode, topLevel: Bool) throws(QueryError) {
        switch node {
        case .leaf, .near: return
        case .not(let n):
            throw QueryError(position: firstPosition(n), message: "a query needs at least one term that is not negated")
        case .and(let children):
            if !children.contains(where: { if case .not = $0 { return false } else { return true } }) {
                throw QueryError(position: firstPosition(children[0]), message: "a query needs at least one term that is not negated")
            }
            for c in children {
                if case .not(let inner) = c { try validate(inner, topLevel: false) } else { try validate(c, topLevel: false) }
            }
        case .or(let children):
            for c in children {
                if case .not(let inner) = c {
                    throw QueryError(
                        position: firstPosition(inner),
                        message: "a negated term cannot stand alone beside OR; group it with a positive term"
                    )
                }
                try validate(c, topLevel: false)
            }
        case .scope(_, let n):
            try validate(n, topLevel: false)
        }
    }

    func firstPosition(_ node: QueryNode) -> Int {
        switch node {
        case .leaf(let l): return l.position
        case .and(let c), .or(let c): return c.first.map(firstPosition) ?? 0
        case .not(let n), .scope(_, let n): return firstPosition(n)
        case .near(let l, _): return l.first?.position ?? 0
        }
    }
}
