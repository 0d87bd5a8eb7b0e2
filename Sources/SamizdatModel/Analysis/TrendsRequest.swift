/// The relative frequency (per 10,000 tokens) of one or several terms across the chapters of a
/// document, or across documents in an order.
public struct TrendsRequest: Codable, Sendable, Hashable {
    /// The terms as typed (1...20); the index resolves each to the unit's type(s).
    public var terms: [String]
    public var unit: CountingUnit
    public var scope: ReportScope
    /// Across chapters or documents (default documents).
    public var across: TrendAxis
    /// The order of documents (default ingest; chapters keep their document's order).
    public var order: TrendOrder

    public init(
        terms: [String],
        unit: CountingUnit = .word,
        scope: ReportScope = ReportScope(),
        across: TrendAxis = .documents,
        order: TrendOrder = .ingest
    ) {
        self.terms = terms
        self.unit = unit
        self.scope = scope
        self.across = across
        self.order = order
    }

    enum CodingKeys: String, CodingKey {
        case terms, unit, scope, across, order
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            terms: try container.decodeIfPresent([String].self, forKey: .terms) ?? [],
            unit: try container.decodeIfPresent(CountingUnit.self, forKey: .unit) ?? .word,
            scope: try container.decodeIfPresent(ReportScope.self, forKey: .scope) ?? ReportScope(),
            across: try container.decodeIfPresent(TrendAxis.self, forKey: .across) ?? .documents,
            order: try container.decodeIfPresent(TrendOrder.self, forKey: .order) ?? .ingest
        )
    }

    /// The most terms one trend takes.
    public static let maximumTerms = 20

    /// Rejects no terms, too many, or an empty one, naming the parameter.
    public func validate() throws(ProtocolError) {
        guard !terms.isEmpty else {
            throw ProtocolError.badParameter("terms", "at least one term is needed")
        }
        guard terms.count <= Self.maximumTerms else {
            throw ProtocolError.badParameter("terms", "at most \(Self.maximumTerms) terms, got \(terms.count)")
        }
        if let blank = terms.firstIndex(where: { $0.allSatisfy(\.isWhitespace) }) {
            throw ProtocolError.badParameter("terms", "term \(blank + 1) is empty")
        }
    }
}
