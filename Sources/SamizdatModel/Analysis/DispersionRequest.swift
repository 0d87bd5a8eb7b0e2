/// How one term spreads over a scope: over its documents, its chapters and n equal parts, with
/// every hit for a plot.
public struct DispersionRequest: Codable, Sendable, Hashable {
    /// The term as typed; the index resolves it to the unit's type(s).
    public var term: String
    public var unit: CountingUnit
    public var scope: ReportScope
    /// The number of equal parts (2...100,000; default 100).
    public var parts: Int
    /// Hits listed at most (0...1,000,000; default 1,000); the rest are counted, not listed.
    public var hitLimit: Int

    public init(
        term: String,
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        parts: Int = 100,
        hitLimit: Int = 1000
    ) {
        self.term = term
        self.unit = unit
        self.scope = scope
        self.parts = parts
        self.hitLimit = hitLimit
    }

    enum CodingKeys: String, CodingKey {
        case term, unit, scope, parts
        case hitLimit = "hit_limit"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            term: try container.decodeIfPresent(String.self, forKey: .term) ?? "",
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            parts: try container.decodeIfPresent(Int.self, forKey: .parts) ?? 100,
            hitLimit: try container.decodeIfPresent(Int.self, forKey: .hitLimit) ?? 1000
        )
    }

    /// Rejects an empty term and out-of-range values, naming the parameter.
    public func validate() throws(ProtocolError) {
        guard !term.allSatisfy(\.isWhitespace) else {
            throw ProtocolError.badParameter("term", "must not be empty")
        }
        guard (2...100_000).contains(parts) else {
            throw ProtocolError.badParameter("parts", "must be between 2 and 100000, got \(parts)")
        }
        guard (0...1_000_000).contains(hitLimit) else {
            throw ProtocolError.badParameter("hit_limit", "must be between 0 and 1000000, got \(hitLimit)")
        }
    }
}
