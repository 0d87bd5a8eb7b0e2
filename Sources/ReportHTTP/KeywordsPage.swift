import SamizdatModel
import SamizdatReports

/// The keywords page: the words of a document (the target) unusually frequent against the rest of
/// the corpus or against another document or subcorpus (positive), and those unusually rare
/// (negative), with G², p, Log Ratio, %DIFF and BIC.
struct KeywordsPage: Sendable {
    /// The page's parameters: `doc` (the target), `ref_doc` or `ref_subcorpus` (the reference;
    /// the rest of the corpus when neither), `unit`, `in` and `sort`.
    struct Parameters: Sendable {
        var documentID: String?
        var referenceDocument: String?
        var referenceSubcorpus: String?
        var unit: CountingUnit
        var region: TextRegion
        var sort: KeywordSort

        init(_ parameters: RequestParameters) throws {
            documentID = parameters.nonEmpty("doc")
            referenceDocument = parameters.nonEmpty("ref_doc")
            referenceSubcorpus = parameters.nonEmpty("ref_subcorpus")
            unit = try parameters.choice("unit", default: CountingUnit.word)
            region = try parameters.choice("in", default: TextRegion.all)
            sort = try parameters.choice("sort", default: KeywordSort.g2)
            if referenceDocument != nil, referenceSubcorpus != nil {
                throw ProtocolError.badParameter("ref_subcorpus", "give a reference document or a subcorpus, not both")
            }
        }

        var reference: ReportScope? {
            guard referenceDocument != nil || referenceSubcorpus != nil else {
                return nil
            }
            return ReportScope(document: referenceDocument, subcorpus: referenceSubcorpus, region: region)
        }

        func request(_ polarity: KeywordPolarity) -> KeywordsRequest {
            KeywordsRequest(
                unit: unit,
                scope: ReportScope(document: documentID, region: region),
                reference: reference,
                sort: sort,
                polarity: polarity,
                limit: KeywordsPage.limit
            )
        }

        /// The URL parameters, defaults left out, then `extra`.
        func pairs(_ extra: [(String, String)] = []) -> [(String, String)] {
            [
                ("doc", documentID ?? ""), ("ref_doc", referenceDocument ?? ""), ("ref_subcorpus", referenceSubcorpus ?? ""),
                ("unit", unit == .word ? "" : unit.rawValue), ("in", region == .all ? "" : region.rawValue),
            ] + extra
        }
    }

    static let limit = 50

    var chrome: Chrome
    var hasTarget: Bool
    var documents: DocumentOptions
    var referenceDocuments: DocumentOptions
    var referenceSubcorpus: String
    var units: [Choice]
    var regions: [Choice]
    var sort: String
    var targetName: String
    var referenceName: String
    var targetTokens: String
    var referenceTokens: String
    var positive: KeywordTable?
    var negative: KeywordTable?
    var compareHref: String?

    init(parameters: Parameters, documents: [DocumentSummary], positive: KeywordsResponse?, negative: KeywordsResponse?) {
        chrome = Chrome(title: "Keywords", isKeywords: true)
        hasTarget = parameters.documentID != nil
        self.documents = AnalysisParameters.documentChoices(documents, selected: parameters.documentID)
        referenceDocuments = AnalysisParameters.documentChoices(documents, selected: parameters.referenceDocument)
        referenceSubcorpus = parameters.referenceSubcorpus ?? ""
        let analysis = AnalysisParameters(term: "", documentID: nil, unit: parameters.unit, region: parameters.region)
        units = analysis.unitChoices
        regions = analysis.regionChoices
        sort = parameters.sort.rawValue
        let name: (String?) -> String = { identifier in
            guard let identifier else {
                return ""
            }
            let document = documents.first { $0.id == identifier || $0.source == identifier }
            return document.map { $0.title.isEmpty ? $0.id : $0.title } ?? identifier
        }
        let target = name(parameters.documentID)
        let reference: String
        if let other = parameters.referenceDocument {
            reference = name(other)
        } else if let subcorpus = parameters.referenceSubcorpus {
            reference = "the subcorpus \(subcorpus)"
        } else {
            reference = "the rest of the corpus"
        }
        targetName = target
        referenceName = reference
        targetTokens = Figures.grouped(positive?.targetTokens ?? 0)
        referenceTokens = Figures.grouped(positive?.referenceTokens ?? 0)
        compareHref = parameters.referenceDocument.flatMap { other in
            parameters.documentID.map { "/compare" + Figures.query([("doc", $0), ("other_doc", other)]) }
        }
        let termHref: (String) -> String = { word in
            "/term"
                + Figures.query([
                    ("q", word), ("doc", parameters.documentID ?? ""), ("unit", parameters.unit == .word ? "" : parameters.unit.rawValue),
                ])
        }
        let api: (KeywordPolarity, Bool) -> String = { polarity, csv in
            "/api/keywords"
                + Figures.query(
                    parameters.pairs([
                        ("sort", parameters.sort == .g2 ? "" : parameters.sort.rawValue), ("polarity", polarity.rawValue),
                        ("limit", String(Self.limit)), ("format", csv ? "csv" : ""),
                    ])
                )
        }
        let sortHref: (KeywordSort) -> String = { order in
            "/keywords" + Figures.query(parameters.pairs([("sort", order == .g2 ? "" : order.rawValue)]))
        }
        self.positive = positive.map { response in
            KeywordTable(
                caption: "Positive keywords: more frequent in \(target) than in \(reference)",
                identifier: "positive-keywords",
                entries: response.entries,
                sort: parameters.sort,
                sortHref: sortHref,
                termHref: termHref,
                csvHref: api(.positive, true),
                jsonHref: api(.positive, false)
            )
        }
        self.negative = negative.map { response in
            KeywordTable(
                caption: "Negative keywords: less frequent in \(target) than in \(reference)",
                identifier: "negative-keywords",
                entries: response.entries,
                sort: parameters.sort,
                sortHref: sortHref,
                termHref: termHref,
                csvHref: api(.negative, true),
                jsonHref: api(.negative, false)
            )
        }
    }
}

extension AnalysisParameters {
    /// Parameters given directly (for pages that share only the unit and region).
    init(term: String, documentID: String?, unit: CountingUnit, region: TextRegion) {
        self.term = term
        self.documentID = documentID
        self.unit = unit
        self.region = region
    }
}
