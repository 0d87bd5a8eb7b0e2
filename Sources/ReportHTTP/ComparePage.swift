import SamizdatModel
import SamizdatReports

/// The comparison of two documents (or subcorpora): the keywords of each against the other,
/// their shared vocabulary and one similarity figure (the cosine of their frequency vectors).
struct ComparePage: Sendable {
    /// The page's parameters: `doc` and `other_doc` (or `subcorpus` and `other_subcorpus`),
    /// `unit`, `in` and `sort`.
    struct Parameters: Sendable {
        var document: String?
        var otherDocument: String?
        var subcorpus: String?
        var otherSubcorpus: String?
        var unit: CountingUnit
        var region: TextRegion
        var sort: KeywordSort

        init(_ parameters: RequestParameters) throws {
            document = parameters.nonEmpty("doc")
            otherDocument = parameters.nonEmpty("other_doc")
            subcorpus = parameters.nonEmpty("subcorpus")
            otherSubcorpus = parameters.nonEmpty("other_subcorpus")
            unit = try parameters.choice("unit", default: CountingUnit.word)
            region = try parameters.choice("in", default: TextRegion.all)
            sort = try parameters.choice("sort", default: KeywordSort.g2)
            if (document != nil || subcorpus != nil) && otherDocument == nil && otherSubcorpus == nil {
                throw ProtocolError.badParameter("other_doc", "is required: the document to compare with")
            }
            if (otherDocument != nil || otherSubcorpus != nil) && document == nil && subcorpus == nil {
                throw ProtocolError.badParameter("doc", "is required: the document to compare")
            }
        }

        var isComplete: Bool {
            (document != nil || subcorpus != nil) && (otherDocument != nil || otherSubcorpus != nil)
        }

        var request: CompareRequest {
            CompareRequest(
                unit: unit,
                scope: ReportScope(document: document, subcorpus: subcorpus, region: region),
                other: ReportScope(document: otherDocument, subcorpus: otherSubcorpus, region: region),
                sort: sort,
                limit: ComparePage.limit
            )
        }

        func pairs(_ extra: [(String, String)] = []) -> [(String, String)] {
            [
                ("doc", document ?? ""), ("subcorpus", subcorpus ?? ""), ("other_doc", otherDocument ?? ""),
                ("other_subcorpus", otherSubcorpus ?? ""), ("unit", unit == .word ? "" : unit.rawValue),
                ("in", region == .all ? "" : region.rawValue),
            ] + extra
        }
    }

    struct SharedRow: Sendable {
        var term: String
        var termHref: String
        var frequency: String
        var otherFrequency: String
        var perMillion: String
        var otherPerMillion: String
    }

    static let limit = 50

    var chrome: Chrome
    var documents: DocumentOptions
    var otherDocuments: DocumentOptions
    var units: [Choice]
    var regions: [Choice]
    var isComplete: Bool
    var name: String
    var otherName: String
    var tokens: String
    var otherTokens: String
    var types: String
    var otherTypes: String
    var sharedTypes: String
    var cosine: String
    var keywords: KeywordTable?
    var otherKeywords: KeywordTable?
    var shared: [SharedRow]
    var csvHref: String
    var jsonHref: String

    init(parameters: Parameters, documents: [DocumentSummary], response: CompareResponse?) {
        chrome = Chrome(title: "Compare", isCompare: true)
        self.documents = AnalysisParameters.documentChoices(documents, selected: parameters.document)
        otherDocuments = AnalysisParameters.documentChoices(documents, selected: parameters.otherDocument)
        let analysis = AnalysisParameters(term: "", documentID: nil, unit: parameters.unit, region: parameters.region)
        units = analysis.unitChoices
        regions = analysis.regionChoices
        isComplete = response != nil
        let title: (String?, String?) -> String = { identifier, subcorpus in
            if let identifier {
                let document = documents.first { $0.id == identifier || $0.source == identifier }
                return document.map { $0.title.isEmpty ? $0.id : $0.title } ?? identifier
            }
            return subcorpus.map { "the subcorpus \($0)" } ?? ""
        }
        let firstName = title(parameters.document, parameters.subcorpus)
        let secondName = title(parameters.otherDocument, parameters.otherSubcorpus)
        name = firstName
        otherName = secondName
        tokens = Figures.grouped(response?.tokens ?? 0)
        otherTokens = Figures.grouped(response?.otherTokens ?? 0)
        types = Figures.grouped(response?.types ?? 0)
        otherTypes = Figures.grouped(response?.otherTypes ?? 0)
        sharedTypes = Figures.grouped(response?.sharedTypes ?? 0)
        cosine = ChartSupport.decimal(response?.cosine ?? 0, fractionDigits: 4)
        let unitPair = ("unit", parameters.unit == .word ? "" : parameters.unit.rawValue)
        let termHref: (String?) -> (String) -> String = { document in
            { word in "/term" + Figures.query([("q", word), ("doc", document ?? ""), unitPair]) }
        }
        let csvLink = "/api/compare" + Figures.query(parameters.pairs([("format", "csv")]))
        let jsonLink = "/api/compare" + Figures.query(parameters.pairs())
        csvHref = csvLink
        jsonHref = jsonLink
        let sortHref: (KeywordSort) -> String = { order in
            "/compare" + Figures.query(parameters.pairs([("sort", order == .g2 ? "" : order.rawValue)]))
        }
        keywords = response.map { response in
            KeywordTable(
                caption: "More frequent in \(firstName) than in \(secondName)",
                identifier: "keywords-first",
                entries: response.keywords,
                sort: parameters.sort,
                sortHref: sortHref,
                termHref: termHref(parameters.document),
                csvHref: csvLink,
                jsonHref: jsonLink
            )
        }
        otherKeywords = response.map { response in
            KeywordTable(
                caption: "More frequent in \(secondName) than in \(firstName)",
                identifier: "keywords-second",
                entries: response.otherKeywords,
                sort: parameters.sort,
                sortHref: sortHref,
                termHref: termHref(parameters.otherDocument),
                csvHref: csvLink,
                jsonHref: jsonLink
            )
        }
        shared = (response?.shared ?? []).map { entry in
            SharedRow(
                term: entry.term,
                termHref: termHref(nil)(entry.term),
                frequency: Figures.grouped(entry.frequency),
                otherFrequency: Figures.grouped(entry.otherFrequency),
                perMillion: ChartSupport.measure(entry.perMillion),
                otherPerMillion: ChartSupport.measure(entry.otherPerMillion)
            )
        }
    }
}
