import SamizdatModel

/// One lexical unit of a query.
struct QueryLexeme: Sendable, Hashable {
    enum Kind: Sendable, Hashable { case word, phrase, prefix, field, and, or, not, minus, near, open, close }
    var kind: Kind
    var text: String
    var position: Int
    var distance: Int?

    var startsOperand: Bool {
        switch kind {
        case .word, .phrase, .prefix, .field, .open, .minus: return true
        default: return false
        }
    }

    var describe: String {
        switch kind {
        case .word: return "'\(text)'"
        case .phrase: return "\"\(text)\""
        case .prefix: return "'\(text)*'"
        case .field: return "\(text):"
        case .open: return "'('"
        case .close: return "')'"
        case .minus: return "'-'"
        default: return text
        }
    }
}

/// Splits a query into lexemes. Operators are upper case (AND OR NOT NEAR NEAR/k);
/// lower-case "and" is a word. Works on Unicode scalars (no grapheme breaking: a query is
/// lexed in well under a microsecond); positions are scalar offsets, which `QueryParser.parse`
/// turns into Character offsets for the errors it throws.
struct QueryLexer {
    let scalars: [Unicode.Scalar]
    var i = 0

    init(_ query: String) { scalars = Array(query.unicodeScalars) }

    static let fieldNames: Set<String> = ["title", "author", "doc", "chapter", "cites", "exact", "stem", "sentence", "paragraph"]

    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value == 0x20 || (c.value >= 0x09 && c.value <= 0x0D) }
        return c.properties.isWhitespace
    }

    static func isQuote(_ c: Unicode.Scalar) -> Bool { c == "\"" || c == "“" || c == "”" || c == "„" }

    /// Ends a word: a space, a parenthesis or a quote.
    @inline(__always)
    static func endsWord(_ c: Unicode.Scalar) -> Bool { isSpace(c) || c == "(" || c == ")" || isQuote(c) }

    mutating func tokens() throws(QueryError) -> [QueryLexeme] {
        var out: [QueryLexeme] = []
        while i < scalars.count {
            let c = scalars[i]
            if Self.isSpace(c) {
                i += 1
                continue
            }
            let start = i
            switch c {
            case "(":
                out.append(QueryLexeme(kind: .open, text: "(", position: i))
                i += 1
            case ")":
                out.append(QueryLexeme(kind: .close, text: ")", position: i))
                i += 1
            case "\"", "“", "”", "„":
                i += 1
                var text = ""
                while i < scalars.count, !Self.isQuote(scalars[i]) {
                    text.unicodeScalars.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count else {
                    throw QueryError(position: start, message: "unterminated phrase: missing closing '\"'")
                }
                i += 1
                if text.unicodeScalars.allSatisfy(Self.isSpace) { throw QueryError(position: start, message: "empty phrase") }
                if i < scalars.count, scalars[i] == "*" {
                    throw QueryError(position: i, message: "a phrase cannot end with '*'; use prefix* on a single word")
                }
                out.append(QueryLexeme(kind: .phrase, text: text, position: start))
            case "-" where i + 1 < scalars.count && !Self.isSpace(scalars[i + 1]):
                out.append(QueryLexeme(kind: .minus, text: "-", position: i))
                i += 1
            case "-":
                throw QueryError(position: i, message: "'-' must be followed by a term, phrase or group")
            default:
                var text = ""
                while i < scalars.count, !Self.endsWord(scalars[i]), scalars[i] != ":" {
                    text.unicodeScalars.append(scalars[i])
                    i += 1
                }
                if i < scalars.count, scalars[i] == ":" {
                    let name = text.lowercased()
                    guard !text.isEmpty else { throw QueryError(position: start, message: "':' with no field name before it") }
                    guard Self.fieldNames.contains(name) else {
                        throw QueryError(
                            position: start,
                            message: "unknown field '\(text)' (known: title, author, doc, chapter, cites, exact, stem, sentence, paragraph)"
                        )
                    }
                    i += 1
                    if i >= scalars.count || Self.isSpace(scalars[i]) {
                        throw QueryError(position: start, message: "\(name): needs a term, phrase or group right after the ':'")
                    }
                    out.append(QueryLexeme(kind: .field, text: name, position: start))
                    continue
                }
                out.append(try word(text, at: start))
            }
        }
        return out
    }

    func word(_ text: String, at start: Int) throws(QueryError) -> QueryLexeme {
        switch text {
        case "AND": return QueryLexeme(kind: .and, text: text, position: start)
        case "OR": return QueryLexeme(kind: .or, text: text, position: start)
        case "NOT": return QueryLexeme(kind: .not, text: text, position: start)
        case "NEAR": return QueryLexeme(kind: .near, text: text, position: start, distance: nil)
        default: break
        }
        if text.hasPrefix("NEAR/") {
            let digits = text.dropFirst(5)
            guard let d = Int(digits), d >= 0, d <= 1000 else {
                throw QueryError(position: start, message: "NEAR/k needs a whole number of words from 0 to 1000, got '\(digits)'")
            }
            return QueryLexeme(kind: .near, text: "NEAR/\(d)", position: start, distance: d)
        }
        if text.hasSuffix("*") {
            let stem = String(text.dropLast())
            if stem.isEmpty { throw QueryError(position: start, message: "'*' needs letters before it (prefix*)") }
            if stem.utf8.contains(UInt8(ascii: "*")) { throw QueryError(position: start, message: "'*' may only end a word (prefix*)") }
            return QueryLexeme(kind: .prefix, text: stem, position: start)
        }
        if text.utf8.contains(UInt8(ascii: "*")) { throw QueryError(position: start, message: "'*' may only end a word (prefix*)") }
        return QueryLexeme(kind: .word, text: text, position: start)
    }
}
