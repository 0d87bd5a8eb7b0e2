import SamizdatModel

/// The parameters the analysis pages share, read strictly: the term (`q`), the document
/// (`doc`), the unit (`unit`: form, word, stem) and the region (`in`: body, notes, all).
struct AnalysisParameters: Sendable {
    var term: String
    var documentID: String?
    var unit: CountingUnit
    var region: TextRegion

    init(_ parameters: RequestParameters) throws {
        term = (parameters.string("q") ?? "").trimmingCharacters(in: .whitespaces)
        documentID = parameters.nonEmpty("doc")
        unit = try parameters.choice("unit", default: CountingUnit.word)
        region = try parameters.choice("in", default: TextRegion.all)
    }

    /// The scope of the reports: the document (or the corpus) and the region.
    var scope: ReportScope {
        ReportScope(document: documentID, region: region)
    }

    /// The URL parameters that reproduce these, defaults left out, then `extra`.
    func pairs(_ extra: [(String, String)] = []) -> [(String, String)] {
        [
            ("q", term), ("doc", documentID ?? ""), ("unit", unit == .word ? "" : unit.rawValue),
            ("in", region == .all ? "" : region.rawValue),
        ] + extra
    }

    /// The scope as the `/api/…` routes take it (`doc`, `in`).
    var scopePairs: [(String, String)] {
        [("doc", documentID ?? ""), ("unit", unit == .word ? "" : unit.rawValue), ("in", region == .all ? "" : region.rawValue)]
    }

    /// A word under `unit` as the query language writes it: `exact:` for forms, `stem:` for stems.
    static func queryWord(_ word: String, unit: CountingUnit) -> String {
        switch unit {
        case .form: "exact:" + word
        case .word: word
        case .stem: "stem:" + word
        }
    }

    /// The unit and region choices of a page's form.
    var unitChoices: [Choice] {
        CountingUnit.allCases.map { Choice(value: $0.rawValue, label: Self.label($0), isSelected: $0 == unit) }
    }

    var regionChoices: [Choice] {
        TextRegion.allCases.map { Choice(value: $0.rawValue, label: Self.label($0), isSelected: $0 == region) }
    }

    static func label(_ unit: CountingUnit) -> String {
        switch unit {
        case .form: "form as written"
        case .word: "word with its inflections"
        case .stem: "stem"
        }
    }

    static func label(_ region: TextRegion) -> String {
        switch region {
        case .body: "body text"
        case .notes: "notes"
        case .all: "body and notes"
        }
    }

    /// The documents as choices of a `<select>`, `selected` marked; titles, else ids.
    static func documentChoices(_ documents: [DocumentSummary], selected: String?) -> DocumentOptions {
        DocumentOptions(
            documents.sorted { $0.id < $1.id }.map { document in
                Choice(
                    value: document.id,
                    label: document.title.isEmpty ? document.id : "\(document.title) (\(document.id))",
                    isSelected: document.id == selected || (document.source == selected && selected != nil)
                )
            }
        )
    }
}

/// One option of a `<select>`.
struct Choice: Sendable {
    var value: String
    var label: String
    var isSelected: Bool
}
