import Foundation
import SamizdatModel

// Each report's request from URL parameters (`ReportQuery`): the JSON names of its fields, the
// scope as `doc`, `chapter`, `subcorpus`, `in`; a second scope with a prefix (`ref_…`,
// `other_…`). Every request is validated; a parameter it does not take is an error.

extension WordListRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        self.init(
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            prefix: query.string("prefix"),
            minFrequency: try query.integer("min_frequency", 1),
            stoplist: try query.boolean("stoplist", false),
            offset: try query.integer("offset", 0),
            limit: try query.integer("limit", 100)
        )
        try query.rejectUnknown()
        try validate()
    }
}

extension NGramsRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        let position = try query.integer("node_position", 0)
        self.init(
            n: try query.integer("n", 2),
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            minFrequency: try query.integer("min_frequency", 2),
            minRange: try query.integer("min_range", 1),
            node: query.string("node"),
            nodePosition: position == 0 ? nil : position,
            offset: try query.integer("offset", 0),
            limit: try query.integer("limit", 100)
        )
        try query.rejectUnknown()
        try validate()
    }
}

extension CollocatesRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        guard let node = query.string("node") else {
            throw ProtocolError.badParameter("node", "is required: the word whose collocates are counted")
        }
        self.init(
            node: node,
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            left: try query.integer("left", 5),
            right: try query.integer("right", 5),
            sentence: try query.boolean("sentence", false),
            minFrequency: try query.integer("min_frequency", 3),
            sort: try query.choice("sort", CollocationMeasure.g2),
            offset: try query.integer("offset", 0),
            limit: try query.integer("limit", 100)
        )
        try query.rejectUnknown()
        try validate()
    }
}

extension KeywordsRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        let reference = query.hasScope(prefix: "ref_") ? try query.scope(prefix: "ref_") : nil
        self.init(
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            reference: reference,
            sort: try query.choice("sort", KeywordSort.g2),
            polarity: try query.choice("polarity", KeywordPolarity.positive),
            bonferroni: try query.boolean("bonferroni", false),
            minFrequency: try query.integer("min_frequency", 1),
            maxP: try query.number("max_p", 1),
            offset: try query.integer("offset", 0),
            limit: try query.integer("limit", 100)
        )
        try query.rejectUnknown()
        try validate()
    }
}

extension CompareRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        let other = query.hasScope(prefix: "other_") ? try query.scope(prefix: "other_") : nil
        self.init(
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            other: other,
            sort: try query.choice("sort", KeywordSort.g2),
            minFrequency: try query.integer("min_frequency", 1),
            offset: try query.integer("offset", 0),
            limit: try query.integer("limit", 50)
        )
        try query.rejectUnknown()
        try validate()
    }
}

extension DispersionRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        guard let term = query.string("term") else {
            throw ProtocolError.badParameter("term", "is required: the word whose dispersion is measured")
        }
        self.init(
            term: term,
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            parts: try query.integer("parts", 100),
            hitLimit: try query.integer("hit_limit", 1000)
        )
        try query.rejectUnknown()
        try validate()
    }
}

extension TrendsRequest {
    public init(query: inout ReportQuery) throws(ProtocolError) {
        guard let terms = query.string("terms") else {
            throw ProtocolError.badParameter("terms", "is required: one or more words, separated by commas")
        }
        self.init(
            terms: terms.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            unit: try query.choice("unit", CountingUnit.word),
            scope: try query.scope(),
            across: try query.choice("across", TrendAxis.documents),
            order: try query.choice("order", TrendOrder.ingest)
        )
        try query.rejectUnknown()
        try validate()
    }
}
