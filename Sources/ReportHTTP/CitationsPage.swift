import SamizdatModel
import SamizdatReports

/// The citation index: the authors cited (with their works, how often and in how many
/// documents) and, for an author, every place that cites them — document, chapter and printed
/// page, each linking to the citation in the reader.
struct CitationsPage: Sendable {
    /// The page's parameters: `author`, `doc`, `in`, `sort` (citations, name), `offset`, `limit`.
    struct Parameters: Sendable {
        var author: String?
        var documentID: String?
        var region: TextRegion
        var sort: CitationSort
        var offset: Int
        var limit: Int

        init(_ parameters: RequestParameters) throws {
            author = parameters.nonEmpty("author")
            documentID = parameters.nonEmpty("doc")
            region = try parameters.choice("in", default: TextRegion.all)
            sort = try parameters.choice("sort", default: CitationSort.citations)
            offset = try parameters.integer("offset", default: 0, in: 0...10_000_000)
            limit = try parameters.integer("limit", default: 50, in: 1...1000)
        }

        var request: CitationsRequest {
            CitationsRequest(author: author, scope: ReportScope(document: documentID, region: region), sort: sort, offset: offset, limit: limit)
        }

        func pairs(_ extra: [(String, String)] = []) -> [(String, String)] {
            [
                ("author", author ?? ""), ("doc", documentID ?? ""), ("in", region == .all ? "" : region.rawValue),
                ("sort", sort == .citations ? "" : sort.rawValue),
            ] + extra
        }
    }

    struct AuthorRow: Sendable {
        var name: String
        var href: String
        var citations: String
        var documents: String
        var works: String
    }

    struct PlaceRow: Sendable {
        var title: String
        var chapter: String
        var page: String?
        var href: String
        var text: String
        var ibid: Bool
    }

    var chrome: Chrome
    var author: String
    var hasAuthor: Bool
    var documents: DocumentOptions
    var citations: String
    var authorCount: String
    var authors: [AuthorRow]
    var hasAuthors: Bool
    var places: [PlaceRow]
    var hasPlaces: Bool
    var pager: Pager
    var byNameHref: String
    var byCountHref: String
    var sortedByName: Bool
    var csvHref: String
    var jsonHref: String
    var allHref: String

    init(parameters: Parameters, documents: [DocumentSummary], response: CitationsResponse) {
        chrome = Chrome(title: parameters.author.map { "Citations of \($0)" } ?? "Citation index", isCitations: true)
        author = parameters.author ?? ""
        hasAuthor = parameters.author != nil
        self.documents = AnalysisParameters.documentChoices(documents, selected: parameters.documentID)
        citations = Figures.grouped(response.citations)
        authorCount = Figures.grouped(response.authorCount)
        authors = response.authors.map { cited in
            AuthorRow(
                name: cited.name,
                href: "/citations" + Figures.query(parameters.pairs().map { $0.0 == "author" ? ("author", cited.name) : $0 }),
                citations: Figures.grouped(cited.citations),
                documents: Figures.grouped(cited.documents),
                works: cited.works.prefix(6).map { work in
                    // the work is named by its authors and year already ("Agamben 1998")
                    "\(work.work) (\(Figures.grouped(work.citations)))"
                }
                .joined(separator: "; ") + (cited.works.count > 6 ? "; …" : "")
            )
        }
        hasAuthors = !authors.isEmpty
        places = response.places.map { place in
            PlaceRow(
                title: place.title.isEmpty ? place.documentID : place.title,
                chapter: place.chapter ?? "",
                page: place.page.flatMap { $0.isEmpty ? nil : "p. \($0)" },
                href: "/documents/" + Figures.path(place.documentID) + "#para-\(place.paragraph)",
                text: place.text,
                ibid: place.ibid
            )
        }
        hasPlaces = !places.isEmpty
        // with an author the places are paged, otherwise the authors
        let total = parameters.author == nil ? response.authorCount : response.citations
        let shown = parameters.author == nil ? response.authors.count : response.places.count
        pager = Pager(offset: parameters.offset, limit: parameters.limit, shown: shown, total: total) { start in
            "/citations" + Figures.query(parameters.pairs([("offset", start == 0 ? "" : String(start))]))
        }
        var byName = parameters
        byName.sort = .name
        byName.offset = 0
        var byCount = parameters
        byCount.sort = .citations
        byCount.offset = 0
        byNameHref = "/citations" + Figures.query(byName.pairs())
        byCountHref = "/citations" + Figures.query(byCount.pairs())
        sortedByName = parameters.sort == .name
        let page = [("offset", parameters.offset == 0 ? "" : String(parameters.offset)), ("limit", String(parameters.limit))]
        csvHref = "/api/citations" + Figures.query(parameters.pairs(page + [("format", "csv")]))
        jsonHref = "/api/citations" + Figures.query(parameters.pairs(page))
        allHref = "/citations" + Figures.query([("doc", parameters.documentID ?? "")])
    }
}
