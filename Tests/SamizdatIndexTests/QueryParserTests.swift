import SamizdatModel
import Testing

@testable import SamizdatIndex

@Suite struct QueryParserTests {
    let parser = QueryParser()

    func leaf(_ q: String) throws -> QueryLeaf {
        guard case .leaf(let l) = try parser.parse(q) else {
            Issue.record("not a leaf: \(q)")
            throw QueryError(position: 0, message: "")
        }
        return l
    }

    func error(_ q: String) -> QueryError? {
        do {
            _ = try parser.parse(q)
            return nil
        } catch { return error }
    }

    @Test func term() throws {
        let l = try leaf("Stalinists")
        #expect(l.kind == .term && l.words == ["stalinists"] && l.stems == ["stalinist"] && !l.exact && l.field == .body)
    }

    @Test func phrase() throws {
        let l = try leaf("\"the Moscow Trials\"")
        #expect(l.kind == .phrase && l.words == ["the", "moscow", "trials"])
        #expect(try leaf("“curly quotes”").words == ["curly", "quotes"])
    }

    @Test func hyphenatedWordIsPhraseOfParts() throws {
        let l = try leaf("post-war")
        #expect(l.kind == .phrase && l.words == ["post", "war"])
    }

    @Test func andOrNotAndImplicitAnd() throws {
        let n = try parser.parse("a b AND c OR d -e NOT f")
        guard case .or(let ors) = n, ors.count == 2, case .and(let left) = ors[0], case .and(let right) = ors[1] else {
            Issue.record("shape: \(n)")
            return
        }
        #expect(left.count == 3)
        #expect(right.count == 3)
        if case .not = right[1] {} else { Issue.record("-e is not a NOT") }
        if case .not = right[2] {} else { Issue.record("NOT f is not a NOT") }
    }

    @Test func lowercaseOperatorsAreWords() throws {
        guard case .and(let c) = try parser.parse("war and peace") else {
            Issue.record("not AND")
            return
        }
        #expect(c.count == 3)
    }

    @Test func grouping() throws {
        guard case .and(let c) = try parser.parse("(a OR b) c") else {
            Issue.record("not AND")
            return
        }
        if case .or(let o) = c[0] { #expect(o.count == 2) } else { Issue.record("group lost") }
    }

    @Test func near() throws {
        guard case .near(let leaves, let d) = try parser.parse("lenin NEAR/3 \"permanent revolution\" NEAR/3 trotsky") else {
            Issue.record("not NEAR")
            return
        }
        #expect(leaves.count == 3 && d == 3)
        guard case .near(_, let dd) = try parser.parse("a NEAR b") else {
            Issue.record("not NEAR")
            return
        }
        #expect(dd == QueryParser.defaultNearDistance)
    }

    @Test func prefix() throws {
        let l = try leaf("Stal*")
        #expect(l.kind == .prefix && l.words == ["stal"])
    }

    @Test func fields() throws {
        #expect(try leaf("title:Revolution").field == .title)
        #expect(try leaf("author:Deutscher").field == .author)
        #expect(try leaf("doc:notes.txt").field == .doc)
        #expect(try leaf("chapter:\"Show Trials\"").field == .chapter)
        guard case .or(let c) = try parser.parse("title:(lenin OR trotsky)") else {
            Issue.record("not OR")
            return
        }
        for case .leaf(let l) in c { #expect(l.field == .title) }
    }

    @Test func exact() throws {
        let l = try leaf("exact:Stalinists")
        #expect(l.exact && l.words == ["stalinists"])
        #expect(try leaf("exact:\"the trials\"").exact)
    }

    @Test func scopes() throws {
        guard case .scope(.sentence, .and(let c)) = try parser.parse("sentence:(lenin trotsky)") else {
            Issue.record("no scope")
            return
        }
        #expect(c.count == 2)
        guard case .scope(.paragraph, _) = try parser.parse("paragraph:(lenin trotsky)") else {
            Issue.record("no scope")
            return
        }
    }

    @Test(arguments: [
        ("", 0, "empty query"),
        ("   ", 0, "empty query"),
        ("(lenin", 0, "missing ')'"),
        ("lenin)", 5, "unexpected ')'"),
        ("\"open phrase", 0, "unterminated phrase"),
        ("\"\"", 0, "empty phrase"),
        ("AND lenin", 0, "AND needs a term on its left"),
        ("lenin AND", 9, "AND needs a term on its right"),
        ("lenin OR", 8, "OR needs a term on its right"),
        ("lenin OR OR trotsky", 9, "OR needs a term on its right"),
        ("lenin NOT", 9, "NOT needs a term on its right"),
        ("NOT lenin", 0, "NOT needs a term on its left"),
        ("-lenin", 1, "at least one term that is not negated"),
        ("-lenin -trotsky", 1, "at least one term that is not negated"),
        ("lenin OR -trotsky", 10, "negated term cannot stand alone beside OR"),
        ("lenin - trotsky", 6, "'-' must be followed"),
        ("lenin NEAR/x trotsky", 6, "NEAR/k needs a whole number"),
        ("(a b) NEAR/2 c", 0, "NEAR joins terms and phrases only"),
        ("a NEAR/2 (b c)", 9, "NEAR joins terms and phrases only"),
        ("a NEAR/2 b NEAR/3 c", 11, "NEAR distances differ"),
        ("a NEAR", 6, "NEAR needs a term or phrase on its right"),
        ("NEAR a", 0, "NEAR needs a term on its left"),
        ("a NEAR/2 title:b", 9, "NEAR joins terms of one field only"),
        ("color:red", 0, "unknown field 'color'"),
        ("title: lenin", 0, "needs a term, phrase or group right after"),
        (":lenin", 0, "no field name"),
        ("*", 0, "'*' needs letters before it"),
        ("le*nin", 0, "'*' may only end a word"),
        ("\"a b\"*", 5, "a phrase cannot end with '*'"),
        ("!!!", 0, "has no searchable word"),
        ("\"!! ??\"", 0, "has no searchable words"),
        ("()", 0, "empty group"),
        ("sentence:(a sentence:(b c))", 12, "scopes cannot be nested"),
        ("title:(sentence:(a b))", 7, "a scope cannot stand inside a field"),
        ("sentence:(title:a b)", 10, "a field cannot stand inside a scope"),
        ("title:(author:a)", 7, "field author: inside field title:"),
        ("-(a b)", 2, "at least one term that is not negated"),
        // positions count Characters: "í" written as i + U+0301 is one
        ("Claudi\u{301}n AND", 11, "AND needs a term on its right"),
        ("Z\u{30C}iz\u{30C}ek Claudi\u{301}n NOT", 17, "NOT needs a term on its right"),
        ("Claudi\u{301}n\u{00A0}:x", 8, "':' with no field name"),
    ])
    func errors(_ q: String, _ position: Int, _ message: String) {
        let e = error(q)
        #expect(e != nil, "no error for \(q)")
        #expect(e?.position == position, "position for \(q): \(String(describing: e))")
        #expect(e?.message.contains(message) == true, "message for \(q): \(String(describing: e))")
    }

    /// The table in docs/QUERY.md, word for word.
    @Test(arguments: [
        ("(lenin", 0, "missing ')' for the '(' opened here"),
        ("lenin)", 5, "unexpected ')' with no '(' to close"),
        ("\"open phrase", 0, "unterminated phrase: missing closing '\"'"),
        ("\"\"", 0, "empty phrase"),
        ("AND lenin", 0, "AND needs a term on its left"),
        ("lenin AND", 9, "AND needs a term on its right"),
        ("lenin OR", 8, "OR needs a term on its right"),
        ("lenin NOT", 9, "NOT needs a term on its right"),
        ("-lenin", 1, "a query needs at least one term that is not negated"),
        ("lenin OR -trotsky", 10, "a negated term cannot stand alone beside OR; group it with a positive term"),
        ("lenin - trotsky", 6, "'-' must be followed by a term, phrase or group"),
        ("a NEAR/x b", 2, "NEAR/k needs a whole number of words from 0 to 1000, got 'x'"),
        ("(a b) NEAR/2 c", 0, "NEAR joins terms and phrases only, not groups"),
        ("a NEAR/2 b NEAR/3 c", 11, "NEAR distances differ in one chain (2 and 3)"),
        ("a NEAR/2 title:b", 9, "NEAR joins terms of one field only"),
        ("color:red", 0, "unknown field 'color' (known: title, author, doc, chapter, cites, exact, stem, sentence, paragraph)"),
        ("title: lenin", 0, "title: needs a term, phrase or group right after the ':'"),
        ("le*nin", 0, "'*' may only end a word (prefix*)"),
        ("\"a b\"*", 5, "a phrase cannot end with '*'; use prefix* on a single word"),
        ("!!!", 0, "'!!!' has no searchable word"),
        ("()", 0, "empty group '()'"),
        ("sentence:(a sentence:(b))", 12, "scopes cannot be nested"),
        ("title:(sentence:(a b))", 7, "a scope cannot stand inside a field"),
    ])
    func documentedErrors(_ q: String, _ position: Int, _ message: String) {
        let e = error(q)
        #expect(e?.position == position && e?.message == message, "\(q): \(String(describing: e))")
    }

    @Test func compiledExpressionUsesStemsAndExactForms() throws {
        #expect(MatchExpression.compile(try parser.parse("Stalinists")) == "body : \"~stalinist\"")
        #expect(MatchExpression.compile(try parser.parse("exact:Stalinists")) == "body : \"stalinists\"")
        #expect(MatchExpression.compile(try parser.parse("stal*")) == "body : \"stal\"*")
        #expect(MatchExpression.compile(try parser.parse("a -b")) == "(body : \"~a\" NOT body : \"~b\")")
        #expect(MatchExpression.compile(try parser.parse("title:lenin")) == "title : \"~lenin\"")
        #expect(MatchExpression.compile(try parser.parse("a NEAR/4 b")) == "body : NEAR(\"~a\" \"~b\", 4)")
    }
}
